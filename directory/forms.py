"""Validation for the directory's HTML forms."""

import zoneinfo
from datetime import datetime

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .derived import canonical_zone
from .guide import ANY, DEFAULTS, LISTEN, LITTLE, TALK, language_name
from .models import Meeting, MeetingType, Philosophy, Program, TypeCategory
from .services import EDITABLE_FIELDS
from .vocabularies import LGBTQ, MEN, WOMEN, YOUNG


class CorrectionForm(forms.Form):
    message = forms.CharField(
        label=_("What should be corrected?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("For example: the meeting moved, the time changed, or the link no longer works."),
    )
    contact = forms.CharField(
        label=_("How can a steward reply to you? (optional)"),
        max_length=200,
        required=False,
        help_text=_("An email address or phone number. Only the people who keep this listing see it."),
    )

    def clean_message(self):
        message = self.cleaned_data["message"].strip()
        if not message:
            raise forms.ValidationError(gettext("Please say what should be corrected."))
        return message


def type_choices(program: Program | None, language: str, extra_codes=()) -> list:
    """The program's type codes grouped by category, then any codes the meeting has that are not in it."""
    groups: dict[str, list] = {}
    known = set()
    if program is not None:
        for meeting_type in MeetingType.objects.filter(program=program).order_by("category", "code"):
            known.add(meeting_type.code)
            label = f"{meeting_type.label(language)} ({meeting_type.code})"
            groups.setdefault(meeting_type.category, []).append((meeting_type.code, label))
    choices = [(TypeCategory(category).label, items) for category, items in groups.items()]
    others = [(code, code) for code in extra_codes if code not in known]
    if others:
        choices.append((gettext("Other codes from the source"), others))
    return choices


class MeetingForm(forms.ModelForm):
    """What a steward may change about a meeting; types are codes of the meeting's program."""

    program = forms.ModelChoiceField(queryset=Program.objects.all(), label=_("Fellowship"), required=False)
    types = forms.MultipleChoiceField(
        label=_("Meeting types"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    class Meta:
        model = Meeting
        fields = list(EDITABLE_FIELDS)
        labels = {
            "name": _("Name"),
            "day": _("Day"),
            "time": _("Starts at (local time)"),
            "end_time": _("Ends at (local time, optional)"),
            "timezone": _("Time zone"),
            "location_name": _("Place name"),
            "formatted_address": _("Address"),
            "latitude": _("Latitude"),
            "longitude": _("Longitude"),
            "approximate": _("The address is only a rough area (online meetings)"),
            "location_notes": _("How to find the room"),
            "group_name": _("Group name"),
            "conference_url": _("Online meeting link"),
            "conference_url_notes": _("Notes on the online meeting (ID, passcode)"),
            "conference_phone": _("Dial-in phone number"),
            "conference_phone_notes": _("Notes on dialling in"),
            "notes": _("Notes"),
        }
        help_texts = {
            "timezone": _('An IANA time zone name, such as "America/Chicago" or "Europe/Madrid".'),
            "end_time": _("An end at or before the start means the meeting ends after midnight."),
            "conference_phone": _("Commas pause before dialling the rest, e.g. +12125551234,,,987654#"),
        }
        widgets = {
            "time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "location_notes": forms.Textarea(attrs={"rows": 3}),
            "conference_url_notes": forms.Textarea(attrs={"rows": 2}),
            "conference_phone_notes": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, program: Program | None = None, language: str = "en", **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program or (self.instance.program if self.instance.program_id else None)
        if program is None and not self.instance.pk:
            # A new meeting in a source without a fellowship: the steward picks one.
            self.fields["program"].required = True
            self.program = None
        else:
            del self.fields["program"]
        current = list(self.instance.types or []) if self.instance.pk else []
        vocabulary_program = self.program
        if vocabulary_program is None and self.data.get(self.add_prefix("program")):
            vocabulary_program = Program.objects.filter(pk=self.data.get(self.add_prefix("program"))).first()
        self.fields["types"].choices = type_choices(vocabulary_program, language, current)
        if vocabulary_program is None:
            self.fields["types"].help_text = _("Save the meeting first to choose its types.")
        self.fields["timezone"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})

    def clean_timezone(self):
        value = (self.cleaned_data.get("timezone") or "").strip()
        zone = canonical_zone(value)
        if not zone:
            raise forms.ValidationError(gettext('"%(zone)s" is not a time zone name we know.') % {"zone": value})
        try:
            zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
            raise forms.ValidationError(gettext("That is not a time zone name we know.")) from error
        return zone

    def clean_latitude(self):
        value = self.cleaned_data.get("latitude")
        if value is not None and not -90 <= value <= 90:
            raise forms.ValidationError(gettext("Latitude is between -90 and 90."))
        return value

    def clean_longitude(self):
        value = self.cleaned_data.get("longitude")
        if value is not None and not -180 <= value <= 180:
            raise forms.ValidationError(gettext("Longitude is between -180 and 180."))
        return value

    def clean(self):
        data = super().clean()
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not (
            self.has_error("latitude") or self.has_error("longitude")
        ):
            self.add_error("longitude", gettext("Give both latitude and longitude, or neither."))
        return data

    def meeting_fields(self) -> dict:
        """The cleaned values to hand to services.update_meeting or create_meeting."""
        return {name: self.cleaned_data[name] for name in self._meta.fields}


# ---- the newcomer guide ("Help me choose", directory.guide) -------------------------------------------

PHILOSOPHY_CHOICES = [
    (ANY, _("No preference: show me everything")),
    (Philosophy.TWELVE_STEP, _("A spiritual 12-step program (like AA or NA)")),
    (Philosophy.SECULAR, _("Secular and science-based, with no prayers (like SMART Recovery)")),
    (Philosophy.FAITH_BASED, _("Faith-based, Christian (like Celebrate Recovery)")),
    (Philosophy.BUDDHIST, _("Buddhist-inspired, with meditation (like Recovery Dharma)")),
]
COMFORT_CHOICES = [
    (ANY, _("Anyone: mixed meetings are fine")),
    (WOMEN, _("Women only")),
    (MEN, _("Men only")),
    (LGBTQ, _("LGBTQ+ people")),
    (YOUNG, _("Young people")),
]
ATTENDANCE_CHOICES = [
    (ANY, _("Either is fine")),
    ("in_person", _("In person, in a room with others")),
    ("online", _("Online, from wherever I am")),
]
SPEAKING_CHOICES = [
    (LISTEN, _("I'd rather just listen")),
    (LITTLE, _("I might say a little")),
    (TALK, _("I'm happy to talk")),
]
PASSING_IS_FINE = _(
    "In every meeting you can say “pass” or “I'll just listen” when it's your turn. No one "
    "will mind; many people listen for weeks before they speak."
)


def directory_languages() -> list[str]:
    """The language codes of active meetings (from the pre-folded key: distinct values are few)."""
    codes = set()
    for key in Meeting.objects.active().values_list("language_key", flat=True).distinct():
        codes.update(part for part in (key or "").split("|") if part)
    return sorted(codes)


class GuideForm(forms.Form):
    philosophy = forms.ChoiceField(
        label=_("What matters to you in a meeting?"),
        choices=PHILOSOPHY_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    comfort = forms.ChoiceField(
        label=_("Who would you feel most comfortable with?"),
        choices=COMFORT_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    language = forms.ChoiceField(label=_("Which language?"), required=False)
    attendance = forms.ChoiceField(
        label=_("In person or online?"),
        choices=ATTENDANCE_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    speaking = forms.ChoiceField(
        label=_("How do you feel about speaking?"),
        help_text=PASSING_IS_FINE,
        choices=SPEAKING_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        languages = sorted(((code, language_name(code)) for code in directory_languages()), key=lambda c: str(c[1]))
        self.fields["language"].choices = [(ANY, _("Any language")), *languages]
        for name, value in DEFAULTS.items():
            self.fields[name].initial = value

    def clean_at(self) -> datetime | None:
        raw = (self.cleaned_data.get("at") or "").strip()
        if not raw:
            return None
        try:
            at = datetime.fromisoformat(raw.replace(" ", "+").replace("Z", "+00:00"))
        except ValueError:
            raise forms.ValidationError(_("The time in this link is not a valid date and time.")) from None
        if at.tzinfo is None:
            raise forms.ValidationError(_("The time in this link needs a time zone offset."))
        return at

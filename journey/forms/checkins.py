"""The shape of the check-in, reminder and trigger forms; the rules live in `services.checkins`."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import Domain
from ..services.checkins import BOOLEAN_FIELDS, MAX_NOTE, MAX_PLEDGE, MAX_TRIGGER, split_trigger_names
from . import add_service_errors

MOODS = [(1, _("1 · very low")), (2, _("2 · low")), (3, _("3 · okay")), (4, _("4 · good")), (5, _("5 · very good"))]
SLEEP_QUALITY = [
    ("", _("—")),
    (1, _("1 · very poor")),
    (2, _("2 · poor")),
    (3, _("3 · fair")),
    (4, _("4 · good")),
    (5, _("5 · very good")),
]
DOMAIN_RATINGS = [("", _("—")), (1, _("1 · struggling")), (2, "2"), (3, "3"), (4, "4"), (5, _("5 · thriving"))]
HALT = [("hungry", _("Hungry")), ("angry", _("Angry")), ("lonely", _("Lonely")), ("tired", _("Tired"))]


def _rating(label, choices, help_text=""):
    return forms.TypedChoiceField(
        label=label, choices=choices, coerce=int, empty_value=None, required=False, help_text=help_text
    )


class CheckInForm(forms.Form):
    mood = forms.TypedChoiceField(label=_("How is your mood?"), choices=MOODS, coerce=int, widget=forms.RadioSelect)
    craving = forms.IntegerField(
        label=_("Craving, from 0 (none) to 10 (very strong)"),
        min_value=0,
        max_value=10,
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    halt = forms.MultipleChoiceField(
        label=_("Right now, are you…"),
        choices=HALT,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("HALT: hungry, angry, lonely, tired. Noticing is already a kindness to yourself."),
    )
    triggers = forms.MultipleChoiceField(
        label=_("Triggers you met today"), choices=[], required=False, widget=forms.CheckboxSelectMultiple
    )
    new_triggers = forms.CharField(
        label=_("Add new triggers (comma-separated)"),
        required=False,
        max_length=1000,
        help_text=_("They join your list for the days to come."),
    )
    sleep_hours = forms.DecimalField(
        label=_("Hours of sleep"),
        required=False,
        min_value=0,
        max_value=24,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
    )
    sleep_quality = _rating(_("How well did you sleep?"), SLEEP_QUALITY)
    went_to_meeting = forms.BooleanField(label=_("I went to a meeting"), required=False)
    reached_out = forms.BooleanField(label=_("I reached out to someone"), required=False)
    health = _rating(Domain.HEALTH.label, DOMAIN_RATINGS, _("Optional: how each part of your life feels today."))
    home = _rating(Domain.HOME.label, DOMAIN_RATINGS)
    purpose = _rating(Domain.PURPOSE.label, DOMAIN_RATINGS)
    community = _rating(Domain.COMMUNITY.label, DOMAIN_RATINGS)
    note = forms.CharField(
        label=_("Note (only you see it)"),
        required=False,
        max_length=MAX_NOTE,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    pledged = forms.BooleanField(label=_("I make a pledge for today"), required=False)
    pledge = forms.CharField(
        label=_("My pledge (optional)"),
        required=False,
        max_length=MAX_PLEDGE,
        help_text=_("In your own words, if you want."),
    )

    def __init__(self, *args, trigger_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["triggers"].choices = [(name, name) for name in trigger_names]
        if not trigger_names:
            del self.fields["triggers"]
            self.fields["new_triggers"].label = _("Triggers you met today (comma-separated)")

    def clean_new_triggers(self):
        names = split_trigger_names(self.cleaned_data["new_triggers"])
        if any(len(name) > MAX_TRIGGER for name in names):
            raise ValidationError(_("Keep each trigger to %(count)d characters.") % {"count": MAX_TRIGGER})
        return names

    @staticmethod
    def initial_for(checkin) -> dict:
        """The form's values for an existing check-in."""
        from ..services.checkins import CHECKIN_FIELDS

        initial = {name: getattr(checkin, name) for name in CHECKIN_FIELDS if name not in BOOLEAN_FIELDS}
        initial.update({name: getattr(checkin, name) for name in ("went_to_meeting", "reached_out", "pledged")})
        initial["halt"] = [name for name, _label in HALT if getattr(checkin, name)]
        initial["triggers"] = [t.name for t in checkin.triggers.all()]
        return initial

    def service_values(self) -> dict:
        """`record_checkin`'s keyword arguments from the cleaned data."""
        data = dict(self.cleaned_data)
        halt = set(data.pop("halt"))
        values: dict[str, Any] = {name: name in halt for name, _label in HALT}
        values["triggers"] = [*data.pop("triggers", []), *data.pop("new_triggers")]
        values.update(data)
        return values

    def add_service_errors(self, error: ValidationError) -> None:
        errors = error.message_dict
        if "triggers" in errors:
            self.add_error("new_triggers", errors.pop("triggers"))
        if errors:
            add_service_errors(self, ValidationError(errors))


class ReminderForm(forms.Form):
    enabled = forms.BooleanField(label=_("Remind me every day"), required=False)
    time = forms.TimeField(
        label=_("At"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("In your time zone."),
    )
    by_email = forms.BooleanField(
        label=_("Also by email"),
        required=False,
        help_text=_("The email only says “Your daily reminder”, with a link: nothing about what it is for."),
    )


class TriggerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=MAX_TRIGGER)

"""The shape of the event forms; the rules (times in the event's zone, permissions) live in the services."""

from datetime import datetime
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..models import EventKind

# The zones offered first; the member's own zone is added when it is not among them.
COMMON_ZONES = [
    "UTC",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Madrid",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Rome",
    "Europe/Warsaw",
    "Europe/Athens",
    "Africa/Lagos",
    "Africa/Johannesburg",
    "Africa/Nairobi",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/St_Johns",
    "America/Halifax",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Mexico_City",
    "America/Bogota",
    "America/Lima",
    "America/Santiago",
    "America/Argentina/Buenos_Aires",
    "America/Sao_Paulo",
]

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def zone_choices(*extra: str) -> list[tuple[str, str]]:
    zones = list(COMMON_ZONES)
    zones += [zone for zone in dict.fromkeys(extra) if zone and zone not in zones]
    return [(zone, zone.replace("_", " ")) for zone in zones]


class LocalDateTimeField(forms.DateTimeField):
    """A wall time with no zone attached: the service reads it in the event's zone (not the member's)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.replace(tzinfo=None)
        try:
            parsed = datetime.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(_("Enter a date and time."), code="invalid") from None
        return parsed.replace(tzinfo=None, second=0, microsecond=0)


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(label=_("Title"), max_length=150)
    description = forms.CharField(
        label=_("Description"), required=False, max_length=10_000, widget=forms.Textarea(attrs={"rows": 6})
    )
    time_zone = forms.ChoiceField(label=_("Time zone of the event"))
    starts_local = LocalDateTimeField(
        label=_("Starts"),
        help_text=_("In the event's time zone. When the clocks go back, a time that happens twice means the first."),
    )
    ends_local = LocalDateTimeField(label=_("Ends"), help_text=_("In the event's time zone."))
    online = forms.BooleanField(label=_("Online"), required=False)
    join_url = forms.CharField(
        label=_("Link to join"),
        required=False,
        max_length=500,
        widget=forms.URLInput(attrs={"inputmode": "url"}),
        help_text=_("Shown only to the people going."),
    )
    location = forms.CharField(label=_("Place"), required=False, max_length=300)
    capacity = forms.IntegerField(
        label=_("Places"), required=False, min_value=1, max_value=100_000, help_text=_("Empty: no limit.")
    )

    def __init__(self, *args, member_zone: str = "UTC", **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["time_zone"]).choices = zone_choices(
            member_zone, self.initial.get("time_zone", "")
        )
        self.fields["time_zone"].initial = member_zone


class EventFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("Any")), *EventKind.choices])

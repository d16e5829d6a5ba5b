"""The shape of the attendance forms; the rules (dates, names) live in `services.attendance`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import DATE_WIDGET


class AttendanceForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    name = forms.CharField(label=_("Which meeting?"), max_length=200, help_text=_("In your own words."))
    online = forms.BooleanField(label=_("It was online"), required=False)
    note = forms.CharField(
        label=_("Note (optional, only you see it)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class WentForm(forms.Form):
    """ "I went" from a directory meeting's page: only the date, which defaults to the member's today."""

    date = forms.DateField(label=_("When did you go?"), widget=DATE_WIDGET, required=False)

"""The shape of the HTML forms; the rules (dates, names, amounts) live in services and come back as errors."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CURRENCIES, Pathway
from . import DATE_WIDGET, add_service_errors  # noqa: F401  (add_service_errors is re-exported)


class CounterForm(forms.Form):
    pathway = forms.ChoiceField(label=_("What are you counting?"), choices=Pathway.choices)
    name = forms.CharField(
        label=_("Name"),
        max_length=60,
        required=False,
        help_text=_("Needed for “Something else”; optional otherwise."),
    )
    start_date = forms.DateField(label=_("Start date"), widget=DATE_WIDGET, help_text=_("Day 0 of this counter."))
    cost_per_day = forms.DecimalField(
        label=_("What it cost you per day (optional)"),
        required=False,
        min_value=0,
        max_value=99999.99,
        decimal_places=2,
        help_text=_("To show the money you have kept."),
    )
    currency = forms.ChoiceField(
        label=_("Currency"), required=False, choices=[("", _("—")), *((c, c) for c in CURRENCIES)]
    )
    why = forms.CharField(
        label=_("Why it matters to you (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SlipForm(forms.Form):
    slip_date = forms.DateField(label=_("When was the slip?"), widget=DATE_WIDGET)
    new_start = forms.DateField(
        label=_("Start counting again from"),
        widget=DATE_WIDGET,
        required=False,
        help_text=_("Leave empty to start again from the day of the slip."),
    )
    what_happened = forms.CharField(
        label=_("What happened (optional, only you see this)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    learned = forms.CharField(
        label=_("What you learned (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

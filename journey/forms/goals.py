"""The shape of the goal forms; the rules (title, dates, progress, steps) live in `services.goals`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Domain, GoalStatus
from ..services.goals import MAX_STEP, MAX_TEXT, MAX_TITLE
from . import DATE_WIDGET, add_service_errors  # noqa: F401  (add_service_errors is re-exported)


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Goal"), max_length=MAX_TITLE, help_text=_("A few words, e.g. “Walk three times a week”.")
    )
    domain = forms.ChoiceField(label=_("Domain"), choices=Domain.choices)
    target_date = forms.DateField(label=_("Target date (optional)"), required=False, widget=DATE_WIDGET)
    why = forms.CharField(
        label=_("Why it matters to you (optional)"),
        required=False,
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GoalEditForm(GoalForm):
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        min_value=0,
        max_value=100,
        help_text=_("Follows your steps as you tick them; set it yourself at any time."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=GoalStatus.choices)


class StepForm(forms.Form):
    text = forms.CharField(label=_("New step"), max_length=MAX_STEP)

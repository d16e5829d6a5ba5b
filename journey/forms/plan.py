"""The recovery plan's page form: five texts, and triggers and people as repeated rows (formsets, no JavaScript).

Each row formset shows the existing rows plus three empty ones; the service drops rows left empty.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.plan import MAX_CELL, MAX_ROWS, MAX_TEXT


def _long(label, help_text=""):
    return forms.CharField(
        label=label, help_text=help_text, required=False, max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 4})
    )


class PlanForm(forms.Form):
    warning_signs = _long(
        _("My warning signs"), _("Changes in how I think, feel or act that tell me I'm heading for trouble.")
    )
    coping = _long(_("What helps me cope"), _("Things that work for me when it gets hard."))
    places_to_avoid = _long(_("Places and situations I avoid"))
    reasons = _long(_("My reasons for recovery"), _("What I'm doing this for. Read it on the hard days."))
    crisis_plan = _long(_("If I am in crisis"), _("What I will do, step by step, if I feel unsafe or close to using."))


class TriggerRowForm(forms.Form):
    trigger = forms.CharField(label=_("Trigger"), required=False, max_length=MAX_CELL["trigger"])
    response = forms.CharField(
        label=_("How I handle it"),
        required=False,
        max_length=MAX_CELL["response"],
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PersonRowForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=MAX_CELL["name"])
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=MAX_CELL["phone"],
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=MAX_CELL["note"],
        help_text=_("e.g. my sponsor; call any time"),
    )


def _row_formset(form, name):
    # absolute_max bounds what a crafted post can make us build; the service refuses more than MAX_ROWS rows.
    return forms.formset_factory(form, extra=3, max_num=MAX_ROWS[name], absolute_max=MAX_ROWS[name] + 10)


TriggerFormSet = _row_formset(TriggerRowForm, "triggers")
PersonFormSet = _row_formset(PersonRowForm, "people")


def rows_of(formset) -> list[dict]:
    """Each row's values in order (empty rows included; the service drops them)."""
    return [dict(form.cleaned_data) for form in formset.forms]

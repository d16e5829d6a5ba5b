"""Worksheet forms, built from the kind's definition (`journey.worksheets`); the rules live in the service."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..worksheets import DATETIME, LIST, LONG, MAX_TITLE, SCALE, TEXT, YESNO, WorksheetDefinition

YES_NO = [("", _("—")), ("yes", _("Yes")), ("no", _("No"))]


def _field_for(question) -> forms.Field:
    common = {"label": question.label, "help_text": question.help, "required": False}
    if question.type == TEXT:
        return forms.CharField(max_length=question.max_length, **common)
    if question.type == LONG:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
    if question.type == LIST:
        help_text = question.help or _("One per line.")
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **{**common, "help_text": help_text})
    if question.type == SCALE:
        # The range is checked by the service, so the page and the API give the same message.
        return forms.IntegerField(widget=forms.NumberInput(attrs={"min": question.min, "max": question.max}), **common)
    if question.type == YESNO:
        return forms.ChoiceField(choices=YES_NO, **common)
    if question.type == DATETIME:
        return forms.CharField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}), **common)
    raise ValueError(question.type)


class WorksheetForm(forms.Form):
    title = forms.CharField(
        label=_("Title (optional)"),
        required=False,
        max_length=MAX_TITLE,
        help_text=_("A few words to find it again, e.g. “Friday night”."),
    )

    def __init__(self, definition: WorksheetDefinition, *args, data_initial: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        for key, question in definition.questions.items():
            self.fields[key] = _field_for(question)
            if data_initial and key in data_initial:
                self.initial[key] = _as_initial(question, data_initial[key])

    def sections(self):
        """Each section with its bound fields, for the template."""
        return [(section, [self[q.key] for q in section.questions]) for section in self.definition.sections]

    def answers(self) -> dict:
        """The cleaned values in the shape the service stores."""
        answers = {}
        for key, question in self.definition.questions.items():
            value: Any = self.cleaned_data.get(key)
            if question.type == LIST:
                value = [line.strip() for line in (value or "").splitlines() if line.strip()]
            elif question.type == YESNO:
                value = {"yes": True, "no": False}.get(value)
            answers[key] = value
        return answers


def _as_initial(question, value):
    if question.type == LIST:
        return "\n".join(value or [])
    if question.type == YESNO:
        return {True: "yes", False: "no"}.get(value, "")
    return value

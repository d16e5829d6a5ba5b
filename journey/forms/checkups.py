"""The check-up questionnaire as an HTML form: one radio group per question of `journey.checkup`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .. import checkup as questionnaire
from ..models import Domain


class CheckupForm(forms.Form):
    """A required 0–4 choice per question, named by the question's key."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for question in questionnaire.QUESTIONS:
            self.fields[question.key] = forms.TypedChoiceField(
                label=question.text,
                choices=questionnaire.SCALE,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Please choose an answer.")},
            )

    def by_domain(self):
        """(domain label, bound fields) for each domain, in the questionnaire's order."""
        return [(domain.label, [self[q.key] for q in questionnaire.questions_in(domain.value)]) for domain in Domain]

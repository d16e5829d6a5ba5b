"""The shape of the safety forms (reports, moderators' actions, appeals); the rules live in moderation/services."""

from datetime import timedelta

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ActionKind, ReportReason
from .services.actions import MAX_REASON
from .services.appeals import MAX_APPEAL
from .services.reports import MAX_DETAIL

DURATIONS = [
    ("", _("Until lifted")),
    ("1", _("1 day")),
    ("3", _("3 days")),
    ("7", _("7 days")),
    ("30", _("30 days")),
]


def add_service_errors(form: forms.Form, error: ValidationError, aliases: dict | None = None) -> None:
    """Put a service's field errors next to the form's fields (`aliases` maps a service field to a form field;
    unknown fields go to the top of the form)."""
    aliases = aliases or {}
    for field, messages in error.message_dict.items():
        field = aliases.get(field, field)
        form.add_error(field if field in form.fields else None, messages)


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is the matter?"), choices=ReportReason.choices, widget=forms.RadioSelect, required=True
    )
    detail = forms.CharField(
        label=_("Anything the moderators should know (optional)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_DETAIL,
        required=False,
        help_text=_("Only moderators read this. The person you report is never told who reported."),
    )


class ActionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Action"), choices=ActionKind.choices)
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_REASON,
        help_text=_("The member sees this reason. Be clear and kind."),
    )
    duration = forms.ChoiceField(label=_("For how long (mute or suspension)"), choices=DURATIONS, required=False)

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [(k, label) for k, label in ActionKind.choices if k in kinds]

    def until(self):
        days = self.cleaned_data.get("duration")
        return timezone.now() + timedelta(days=int(days)) if days else None


class AppealForm(forms.Form):
    text = forms.CharField(
        label=_("Why should this decision change?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=MAX_APPEAL,
        help_text=_("A moderator who did not take the decision will read it and answer you."),
    )


class DecideAppealForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("uphold", _("The decision stands")), ("overturn", _("Reverse the decision"))],
        widget=forms.RadioSelect,
    )
    response = forms.CharField(
        label=_("Answer to the member"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_REASON,
        help_text=_("The member reads this answer."),
    )

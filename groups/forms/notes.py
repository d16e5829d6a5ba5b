"""The shape of the note form; who may write to whom lives in services.notes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.notes import MAX_NOTE


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Your note"),
        max_length=MAX_NOTE,
        help_text=_("A few sentences are plenty."),
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": MAX_NOTE}),
    )
    seen_help = forms.BooleanField(required=False, widget=forms.HiddenInput)

"""The shape of the journal forms; the rules (lengths, tags, dates) live in `services.journal`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..prompts import PROMPTS
from ..services.journal import MAX_BODY, MAX_TITLE
from . import DATE_WIDGET

MOOD_CHOICES = [
    ("", _("Not now")),
    ("1", _("1 – Very low")),
    ("2", _("2 – Low")),
    ("3", _("3 – Okay")),
    ("4", _("4 – Good")),
    ("5", _("5 – Very good")),
]


class EntryForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE_WIDGET)
    title = forms.CharField(label=_("Title (optional)"), required=False, max_length=MAX_TITLE)
    body = forms.CharField(
        label=_("Your entry"), max_length=MAX_BODY, strip=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    mood = forms.TypedChoiceField(
        label=_("How are you feeling? (optional)"), choices=MOOD_CHOICES, coerce=int, empty_value=None, required=False
    )
    tags = forms.CharField(
        label=_("Tags (optional)"),
        required=False,
        max_length=400,
        help_text=_("Separate them with commas, for example: gratitude, family. Up to 10."),
    )
    prompt = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean_prompt(self):
        key = self.cleaned_data.get("prompt") or ""
        return key if key in PROMPTS else ""


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search your journal"), required=False, max_length=200)
    tag = forms.ChoiceField(label=_("Tag"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE_WIDGET)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE_WIDGET)

    def __init__(self, *args, tags=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tag"].choices = [("", _("Any tag")), *((t, t) for t in tags)]
        self.fields["q"].widget.input_type = "search"

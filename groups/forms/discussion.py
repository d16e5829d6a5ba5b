"""The shape of the discussion forms; the rules (permission, blocks, limits, trust) live in services.discussion."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..services.discussion import MAX_BODY, MAX_SLOW_MODE_SECONDS, MAX_TITLE

BODY_HELP = _("Markdown works: **bold**, *italic*, > quote, - lists. Mention someone with @username.")


class _Body(forms.Form):
    body = forms.CharField(
        label=_("Your message"),
        max_length=MAX_BODY,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    # Set once the writer has seen the offer of help (crisis language); a second press posts.
    seen_help = forms.BooleanField(required=False, widget=forms.HiddenInput)


class ThreadForm(_Body):
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)

    field_order = ["title", "body", "seen_help"]


class ReplyForm(_Body):
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)

    body = forms.CharField(
        label=_("Your reply"),
        max_length=MAX_BODY,
        help_text=BODY_HELP,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class EditForm(_Body):
    pass


class SlowModeForm(forms.Form):
    seconds = forms.IntegerField(
        label=_("Seconds between a member's posts (0 turns slow mode off)"),
        min_value=0,
        max_value=MAX_SLOW_MODE_SECONDS,
    )

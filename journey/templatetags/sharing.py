"""`{% share_link item %}`: the link to share an item of My recovery, with how many it is shared with."""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..models import Share
from ..sharing import kind_of

register = template.Library()


@register.simple_tag(takes_context=True)
def share_link(context, item, label=""):
    request = context.get("request")
    url = reverse("journey:share", args=[kind_of(item), item.pk])
    if request is not None:
        url += "?next=" + request.path
    # Lists annotate `share_count` (Count("shares")) so that a link costs no query per item.
    count = getattr(item, "share_count", None)
    if count is None:
        count = Share.objects.for_item(item).count()
    text = label or _("Share…")
    state = ngettext("shared with %(n)d", "shared with %(n)d", count) % {"n": count} if count else _("private")
    return format_html('<a href="{}" class="share-link">{}</a> <span class="small">({})</span>', url, text, state)


@register.simple_tag
def counter_summary(counter):
    """A counter's figures on its owner's today (for a shared counter, the owner's date, not the viewer's)."""
    from ..models import today_for

    return counter.summary(today_for(counter.user))

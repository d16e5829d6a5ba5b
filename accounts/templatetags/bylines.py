"""`{% byline line %}`: a member as they appear beside what they wrote (accounts.naming.Byline): the name as the
viewer may see it, then `@username` and role badges beside a name that is shown.

`{% member_byline person %}` names one person on a page (two queries); a list builds its bylines in the view with
`accounts.naming.bylines`, in two queries whatever its length."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from ..naming import FORMER, UNNAMED, Byline, byline, name_for

register = template.Library()


@register.simple_tag
def byline_of(line: Byline | str | None) -> str:
    """The byline's markup (accounts/_byline.html), safe to place inside a translated sentence with `as`."""
    if not isinstance(line, Byline):
        line = Byline(str(line or ""))
    return mark_safe(render_to_string("accounts/_byline.html", {"line": line}).strip())  # noqa: S308 (a template)


@register.simple_tag(takes_context=True)
def member_byline(context, person, moderation: bool = False) -> Byline:
    return byline(context["request"].user, person, moderation=moderation)


@register.simple_tag(takes_context=True)
def name_of(context, person, unnamed: bool = False) -> str:
    """One member's name as the viewer may see it: "A member" (`unnamed`) or "@username" when it is hidden."""
    return name_for(context["request"].user, person, hidden=UNNAMED if unnamed else None)


@register.simple_tag(takes_context=True)
def mod_name(context, person) -> str:
    """A member named to a moderator at work: the display name (the site's moderators see it always; a group's
    staff when the member lets them) and always the username, which they need to act. One query at most."""
    if person is None:
        return str(FORMER)
    name = name_for(context["request"].user, person, moderation=True)
    return name if name == f"@{person.username}" else f"{name} (@{person.username})"

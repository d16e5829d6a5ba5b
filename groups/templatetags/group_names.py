"""`{% member_name person %}`: another member's name as the viewer may see it (accounts.connections.shown_name).

For one name on a page (at most a query); a list names its people in the view with `shown_names`, in one query.
`unnamed=True` where the person wrote or shared something: "A member" rather than their username."""

from django import template

from accounts.connections import shown_name
from accounts.naming import Byline

from ..access import UNNAMED
from ..naming import group_bylines

register = template.Library()


@register.simple_tag(takes_context=True)
def member_name(context, person, unnamed: bool = False) -> str:
    return shown_name(context["request"].user, person, hidden=UNNAMED if unnamed else None)


@register.simple_tag(takes_context=True)
def group_byline(context, person, group) -> Byline:
    """`person` beside what they wrote or organised in `group` (a group, its id or None): name, @username and roles
    (accounts.naming.Byline; render with `{% byline_of %}`). Three queries."""
    return group_bylines(context["request"].user, group, [person])[person.pk if person is not None else None]

"""`{% help_before_posting %}`: the help a writer sees, privately, when what they wrote suggests they may be at risk.

Usage: `{% load crisis %}{% help_before_posting %}` (or include `safety/_help_before_posting.html`, which calls it).
Put it OUTSIDE the post form: it has a form of its own ("talk to a moderator"), and forms cannot nest.
"""

from django import template

from ..contacts import help_contacts
from ..help import lines_for_help

register = template.Library()


@register.inclusion_tag("safety/crisis/_help_panel.html", takes_context=True)
def help_before_posting(context, crisis_lines=None, group=None):
    """Crisis lines (the `crisis_lines` given, else those of the operator's default country, emergency first), the
    member's own support contacts and connections, and a "talk to a moderator" form. About three queries."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if crisis_lines is None:
        crisis_lines = context.get("crisis_lines")
    country_name = context.get("help_country_name", "")
    if crisis_lines is None:
        crisis_lines, country_name = lines_for_help(context.get("help_country", ""))
    group = group if group is not None else context.get("group")
    contacts = help_contacts(user)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "crisis_lines": crisis_lines,
        "country_name": country_name,
        "people": contacts.get("people", []),
        "connections": contacts.get("connections", []),
        "group_id": getattr(group, "pk", None),
        "next": request.get_full_path() if request is not None else "",
    }

"""`{% help_before_posting %}`: the help a writer sees, privately, when what they wrote suggests they may be at risk.

Usage: `{% load crisis %}{% help_before_posting %}` (or include `safety/_help_before_posting.html`, which calls it).
Put it OUTSIDE the post form: it has a form of its own ("talk to a moderator"), and forms cannot nest.
"""

from django import template

from ..contacts import help_contacts
from ..country import help_country
from ..kind_help import help_for

register = template.Library()


@register.inclusion_tag("safety/crisis/_help_panel.html", takes_context=True)
def help_before_posting(context, crisis_lines=None, group=None, country=None, kind=None):
    """Crisis lines (`{% help_lines compact=True %}`: the writer's country from `help_country(request)`, unless
    `country` or the `crisis_lines` themselves are given; emergency number first), the member's own support contacts
    and connections, and a "talk to a moderator" form. About four queries.

    `kind` (else the context's `show_help`, when it names one) is the kind of risk found: the panel leads with what
    that kind needs (safety/kind_help.py); an emergency leads with the number to call and offers no moderator."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if crisis_lines is None:
        crisis_lines = context.get("crisis_lines")
    if country is None and not crisis_lines:
        country = help_country(request) if request is not None else ""
    group = group if group is not None else context.get("group")
    contacts = help_contacts(user)
    if kind is None:
        shown = context.get("show_help")
        kind = shown if isinstance(shown, str) else ""
    return {
        "kind_help": help_for(kind),
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "help_country": country,
        "crisis_lines": crisis_lines or None,
        "people": contacts.get("people", []),
        "connections": contacts.get("connections", []),
        "group_id": getattr(group, "pk", None),
        "next": request.get_full_path() if request is not None else "",
    }

"""`{% help_before_posting %}`: the help a writer sees, privately, when what they wrote suggests they may be at risk.

Usage: `{% load crisis %}{% help_before_posting %}` (or include `safety/_help_before_posting.html`, which calls it).
Put it OUTSIDE the post form: it has a form of its own ("talk to a moderator"), and forms cannot nest.
"""

from django import template

from ..contacts import help_contacts
from ..country import help_country
from ..crisis import check_text
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


@register.inclusion_tag("safety/crisis/_private_help.html", takes_context=True)
def private_help(context, *texts):
    """Help for the writer of a private text (a journal entry, a check-in note), when it suggests a kind of risk or
    a craving: led by the kind, the member's country's lines, their own people and coping steps. The check runs
    here, as the page is drawn: nothing about it is stored, and nobody else is told (no alert, no flag)."""
    result = check_text(" . ".join(str(text or "") for text in texts))
    if not result.kind:
        return {"kind_help": None}
    request = context.get("request")
    contacts = help_contacts(getattr(request, "user", None))
    return {
        "request": request,
        "kind_help": help_for(result.kind),
        "help_country": help_country(request) if request is not None else "",
        "people": contacts.get("people", []),
        "coping": contacts.get("coping", []),
    }

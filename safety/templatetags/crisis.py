"""`{% help_before_posting %}`: the help a writer sees, privately, when what they wrote suggests they may be at risk.

Usage: `{% load crisis %}{% help_before_posting %}` (or include `safety/_help_before_posting.html`, which calls it).
Put it OUTSIDE the post form: it has a form of its own ("talk to a moderator"), and forms cannot nest.
"""

from django import template

from ..help import lines_for_help

register = template.Library()

MAX_CONNECTIONS = 5


def tel_uri(phone: str) -> str:
    digits = "".join(ch for ch in phone if ch.isdigit() or ch == "+")
    return f"tel:{digits}" if digits else ""


def support_contacts(user) -> list[dict]:
    """The "people I can call" of the member's own recovery plan, with tel: links. One query (none if anonymous)."""
    if user is None or not user.is_authenticated:
        return []
    from journey.models import RecoveryPlan

    plan = RecoveryPlan.objects.filter(user=user).first()
    people = []
    for person in (plan.people if plan else None) or []:
        if not isinstance(person, dict):
            continue
        name, phone = str(person.get("name") or "").strip(), str(person.get("phone") or "").strip()
        if name or phone:
            people.append({"name": name or phone, "phone": phone, "tel": tel_uri(phone)})
    return people


def connection_names(user) -> list[str]:
    """Display names of a few of the member's connections (those whose name they may see). One query."""
    if user is None or not user.is_authenticated:
        return []
    from accounts.models import Connection, User

    partners = User.objects.visible_to(user).filter(pk__in=Connection.partner_ids(user)).order_by("display_name")
    return [str(partner) for partner in partners[:MAX_CONNECTIONS]]


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
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "crisis_lines": crisis_lines,
        "country_name": country_name,
        "people": support_contacts(user),
        "connections": connection_names(user),
        "group_id": getattr(group, "pk", None),
        "next": request.get_full_path() if request is not None else "",
    }

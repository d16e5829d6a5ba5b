"""The member's connections in the help panel shown before posting (registered with `safety.contacts`)."""

from .models import Connection, User

MAX_CONNECTIONS = 5


def connection_names(user) -> list[str]:
    """Display names of a few of the member's connections (those whose name they may see). One query."""
    partners = User.objects.visible_to(user).filter(pk__in=Connection.partner_ids(user)).order_by("display_name")
    return [str(partner) for partner in partners[:MAX_CONNECTIONS]]

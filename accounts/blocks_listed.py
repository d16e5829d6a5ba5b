"""The member's blocks as the blocks page and GET /api/v1/me/blocks show them: a member blocked by name is named as
for anyone who types that name, so the list never tells a member from a name nobody has (accounts/blocks.py)."""

from .access import can_see_field
from .blocks import blocks_made_by
from .models import Block, NameBlock


def name_for_blocker(blocker, member, typed: str) -> tuple[str, str]:
    """(username, name) as a block page or answer shows them: the member's own when `blocker` may see their display
    name, else the typed name in lower case, exactly as for a name nobody has."""
    seen = member is not None and can_see_field(blocker, member, "display_name")
    if seen and not Block.objects.filter(blocker=member, blocked=blocker).exists():
        return member.username, member.display_name
    name = typed.strip().lstrip("@").lower()
    return name, f"@{name}"


def blocked_list(user) -> list[dict]:
    """{username, name, created_at} for every block `user` made, newest first, named by `name_for_blocker` (a
    query for each kind, and one per member whose name may show only to connections)."""
    rows = []
    for made in blocks_made_by(user):
        username, name = name_for_blocker(user, made.blocked, made.blocked.username)
        rows.append({"username": username, "name": name, "created_at": made.created_at})
    for kept in NameBlock.objects.filter(blocker=user):
        username, name = name_for_blocker(user, None, kept.username)
        rows.append({"username": username, "name": name, "created_at": kept.created_at})
    return sorted(rows, key=lambda row: row["created_at"], reverse=True)

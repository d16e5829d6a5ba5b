"""Bylines in groups: accounts.naming's one rule, plus the badge of the role a member holds in the group where they
wrote (facilitator, group moderator). Two queries for the names and site roles, one for the group roles."""

from collections.abc import Iterable

from accounts.naming import UNNAMED, Byline, StrOrPromise, bylines

from .models import GroupRole, Membership

GROUP_BADGES = {GroupRole.FACILITATOR.value: "facilitator", GroupRole.MODERATOR.value: "group_moderator"}


def group_roles(group_ids: Iterable[int | None], user_ids: Iterable[int]) -> dict[tuple[int, int], str]:
    """The staff role (as a badge role) of each of `user_ids` in each of `group_ids`, by (group id, user id)."""
    groups = {g for g in group_ids if g is not None}
    users = set(user_ids)
    if not groups or not users:
        return {}
    rows = Membership.objects.filter(group_id__in=groups, user_id__in=users, role__in=GROUP_BADGES).values_list(
        "group_id", "user_id", "role"
    )
    return {(group_id, user_id): GROUP_BADGES[role] for group_id, user_id, role in rows}


def group_bylines(
    viewer, group, members, *, hidden: StrOrPromise | None = UNNAMED, moderation: bool = False
) -> dict[int | None, Byline]:
    """Bylines of `members` where they speak in `group` (a group or its id; None: outside any group, site roles
    only)."""
    people = [m for m in members if m is not None]
    group_id = group if group is None or isinstance(group, int) else group.pk
    staff = group_roles([group_id], [m.pk for m in people])
    roles = {user_id: [role] for (_group, user_id), role in staff.items()}
    return bylines(viewer, people, hidden=hidden, roles=roles, moderation=moderation)


def bylines_of_items(viewer, items, person: str, *, hidden: StrOrPromise | None = UNNAMED) -> list[Byline]:
    """The byline of `getattr(item, person)` for each item (a resource, an event), with the role its author holds in
    the item's own group: lists that span groups. Three queries whatever their number."""
    people = [getattr(item, person) for item in items]
    staff = group_roles([item.group_id for item in items], [p.pk for p in people if p is not None])
    lines = bylines(viewer, people, hidden=hidden)
    out = []
    for item, who in zip(items, people, strict=True):
        line = lines[who.pk if who is not None else None]
        role = staff.get((item.group_id, who.pk)) if who is not None else None
        out.append(line.with_roles([role]) if role else line)
    return out

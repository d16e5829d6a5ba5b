"""How a member is named to a viewer: the one rule every page, API answer, notification and email uses.

A member's display name is shown to a viewer when the member's `display_name_visibility` allows that viewer
(everyone / members / my connections / only me; `User.objects.visible_to` is the same rule as a QuerySet); the viewer
always sees their own. Otherwise a neutral stand-in takes its place: "A member" where the member wrote or shared
something (their username would say who wrote it), or "@username" where the viewer named them by username (a
connection request, a note they write). An account that is gone is "A former member".

Where a member speaks, a `Byline` adds their `@username` (only beside a name that is shown) and the roles they hold
there (site moderator, administrator, and the group role a caller passes in), so that a newcomer who takes the
facilitator's display name cannot pass for them. Moderators at work (`moderation=True`, and a site moderator as
viewer) see the name and the username of everyone: they need both to act.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Role as SiteRole
from .models import RoleAssignment, User, Visibility

# A name to show in place of a hidden one may be a lazy translation ("A member").
StrOrPromise = str | Promise

UNNAMED = _("A member")
FORMER = _("A former member")

# Roles worth a badge beside what someone writes, in the order shown. Group roles come from the caller (the groups
# app sits above this one), as these same values.
BADGE_ORDER = ("admin", "moderator", "facilitator")
BADGE_LABELS = {
    "admin": _("Administrator"),
    "moderator": _("Moderator"),
    "facilitator": _("Facilitator"),
    "group_moderator": _("Group moderator"),
}
SITE_BADGE_ROLES = (SiteRole.ADMIN, SiteRole.MODERATOR)


@dataclass(frozen=True)
class Badge:
    role: str
    label: str

    def as_dict(self) -> dict:
        return {"role": self.role, "label": self.label}


@dataclass(frozen=True)
class Byline:
    """How one member appears beside what they wrote, to one viewer. `str()` is the name as shown."""

    name: str
    username: str | None = None
    badges: tuple[Badge, ...] = field(default=())
    shown: bool = False  # the viewer sees the member's own display name
    former: bool = False

    def __str__(self) -> str:
        return self.name

    def with_roles(self, roles: Iterable[str]) -> "Byline":
        """The same byline with more role badges (a group's facilitator); none beside a hidden name."""
        if not self.shown:
            return self
        have = {b.role for b in self.badges}
        extra = tuple(Badge(r, str(BADGE_LABELS[r])) for r in roles if r in BADGE_LABELS and r not in have)
        return Byline(self.name, self.username, self.badges + extra, self.shown, self.former)

    def as_dict(self) -> dict:
        """The API's `by` object."""
        return {
            "display_name": self.name,
            "username": self.username,
            "roles": [b.role for b in self.badges],
            "former_member": self.former,
        }


def _viewer_id(viewer) -> int | None:
    return viewer.pk if viewer is not None and viewer.is_authenticated else None


def _is_moderator(viewer) -> bool:
    return _viewer_id(viewer) is not None and any(viewer.has_role(r) for r in SITE_BADGE_ROLES)


def _visible_ids(viewer, ids: set[int]) -> set[int]:
    if not ids:
        return set()
    return set(User.objects.visible_to(viewer).filter(pk__in=ids).values_list("pk", flat=True))


def _stand_in(member: User, hidden: StrOrPromise | None) -> str:
    return str(hidden) if hidden is not None else f"@{member.username}"


def names_for(
    viewer, members: Iterable[User | None], *, hidden: StrOrPromise | None = None, moderation: bool = False
) -> dict[int | None, str]:
    """Each member's name as `viewer` may see it, by id (None: a former member). One query whatever their number
    (none when the viewer moderates: `moderation=True` and a site moderator)."""
    people = {m.pk: m for m in members if m is not None}
    everything = moderation and _is_moderator(viewer)
    seen = set(people) if everything else _visible_ids(viewer, set(people))
    me = _viewer_id(viewer)
    names: dict[int | None, str] = {None: gettext("A former member")}
    for pk, member in people.items():
        names[pk] = member.display_name if (pk in seen or pk == me) else _stand_in(member, hidden)
    return names


def name_for(viewer, member: User | None, *, hidden: StrOrPromise | None = None, moderation: bool = False) -> str:
    """One member's name as `viewer` may see it (at most a query)."""
    return names_for(viewer, [member], hidden=hidden, moderation=moderation)[member.pk if member else None]


def _site_badges(ids: set[int]) -> dict[int, list[str]]:
    roles: dict[int, list[str]] = {}
    if ids:
        rows = RoleAssignment.objects.filter(user_id__in=ids, role__in=SITE_BADGE_ROLES).values_list("user_id", "role")
        for user_id, role in rows:
            roles.setdefault(user_id, []).append(role)
    return roles


def bylines(
    viewer,
    members: Iterable[User | None],
    *,
    hidden: StrOrPromise | None = UNNAMED,
    roles: Mapping[int, Iterable[str]] | None = None,
    moderation: bool = False,
) -> dict[int | None, Byline]:
    """A `Byline` for each member, by id (None: a former member): two queries whatever their number (who may be
    named, who holds a site role). `roles`: more roles by user id (the group's facilitators, from the groups app)."""
    people = {m.pk: m for m in members if m is not None}
    everything = moderation and _is_moderator(viewer)
    seen = set(people) if everything else _visible_ids(viewer, set(people))
    me = _viewer_id(viewer)
    site = _site_badges(set(people))
    out: dict[int | None, Byline] = {None: Byline(gettext("A former member"), former=True)}
    for pk, member in people.items():
        if pk in seen or pk == me:
            line = Byline(member.display_name, member.username, shown=True)
            out[pk] = line.with_roles(_ordered([*site.get(pk, ()), *(roles or {}).get(pk, ())]))
        else:
            out[pk] = Byline(_stand_in(member, hidden))
    return out


def byline(viewer, member: User | None, **kwargs) -> Byline:
    return bylines(viewer, [member], **kwargs)[member.pk if member else None]


def _ordered(roles: Iterable[str]) -> list[str]:
    wanted = set(roles)
    return [r for r in (*BADGE_ORDER, "group_moderator") if r in wanted]


def connection_name(person: User) -> str:
    """How a connection is named to the other (the level "my connections" includes them): their display name unless
    they keep it to themselves, then "@username". No query."""
    if person.display_name_visibility == Visibility.ONLY_ME:
        return f"@{person.username}"
    return person.display_name

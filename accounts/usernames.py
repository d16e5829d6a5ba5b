"""Which usernames a member may take. One answer, "not available", for a name that is taken, that looks like a
taken one (its confusable skeleton, `lib.skeleton`, matches: "Rıver" for "river"), or that claims a role
("admin", "moderator_1"): the answer never says which, so sign-up does not tell who is a member
(see README, "What the site never tells about who is a member")."""

import re

from django.core.exceptions import ValidationError
from django.db.models import Q

from lib.skeleton import skeleton

from .models import USERNAME_NOT_AVAILABLE as NOT_AVAILABLE
from .models import User

# Names that would pass for the site or for someone acting for it: refused alone, and as any part of a name
# ("admin_1", "team.peerhaven", "mod-river"), compared by skeleton so "аdmin" and "ADM1N"-like spellings go too.
ROLE_WORDS = frozenset(
    {
        "admin",
        "admins",
        "administrator",
        "moderator",
        "moderators",
        "mod",
        "mods",
        "facilitator",
        "staff",
        "support",
        "peerhaven",
        "official",
        "security",
        "system",
        "root",
        "sysop",
        "superuser",
        "webmaster",
        "postmaster",
        "hostmaster",
    }
)
# Names that mean something to the site or its readers: refused only as the whole name (digits and separators aside).
WHOLE_WORDS = frozenset(
    {
        "help",
        "helpline",
        "crisis",
        "emergency",
        "info",
        "contact",
        "abuse",
        "noreply",
        "anonymous",
        "deleted",
        "former",
        "formermember",
        "member",
        "members",
        "everyone",
        "here",
        "all",
        "me",
        "api",
        "www",
        "mail",
        "null",
        "none",
        "team",
    }
)
_ROLE_SKELETONS = frozenset(skeleton(word) for word in ROLE_WORDS)
_WHOLE_SKELETONS = frozenset(skeleton(word) for word in WHOLE_WORDS) | _ROLE_SKELETONS
_SEPARATORS = re.compile(r"[\d._@+\-]+")


def is_reserved(username: str) -> bool:
    """Whether `username` claims a role or a word of the site, case-insensitively and by skeleton."""
    parts = [part for part in _SEPARATORS.split(username) if part]
    if skeleton("".join(parts)) in _WHOLE_SKELETONS:
        return True
    return any(skeleton(part) in _ROLE_SKELETONS for part in parts)


def is_taken(username: str, *, exclude_pk=None) -> bool:
    """Whether a member (active or not) has this username or one that looks the same. One query."""
    others = User.objects.filter(Q(username_skeleton=skeleton(username)) | Q(username__iexact=username))
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    return others.exists()


def check_available(username: str, *, exclude_pk=None, allow_reserved: bool = False) -> None:
    """Raise the one "not available" error when a member may not take `username`."""
    if (not allow_reserved and is_reserved(username)) or is_taken(username, exclude_pk=exclude_pk):
        raise ValidationError(NOT_AVAILABLE, code="username_not_available")

"""Blocks take effect at once and both ways: neither person sees the other's posts and notes, replies to them,
mentions them or writes to them. Every part of the site asks here (`blocked_ids`, `is_blocked_between`), and
blocking or unblocking goes through `block` and `unblock`. The blocked person is never told.

Apps above this one that keep something between two people (shares of My recovery, support relationships) listen
to `members_parted`, sent when a block is made, and end it on their side.

Blocking by username (`block_username`, the API and the pages) answers the same whoever the name belongs to: a
member (seen or not), a closed account, or nobody. A name that names no member is kept as a `NameBlock`, listed like
any block, and becomes a block of whoever later takes that name (`apply_name_blocks`), so neither the answer nor
the list tells whether someone is a member."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.skeleton import skeleton

from .models import Block, ConnectionRequest, ConnectionRequestStatus, NameBlock, User
from .services import disconnect

# Sent with `a` and `b` (the blocker and the blocked) inside the block's transaction: whatever the two shared
# ends now, both ways.
members_parted = Signal()


def blocked_ids(user) -> set[int]:
    """Ids of members `user` has blocked or who have blocked `user` (one query)."""
    if user is None or not user.is_authenticated:
        return set()
    pairs = Block.objects.filter(Q(blocker=user) | Q(blocked=user)).values_list("blocker_id", "blocked_id")
    return {other for pair in pairs for other in pair if other != user.pk}


def is_blocked_between(a, b) -> bool:
    if a is None or b is None or not a.is_authenticated or not b.is_authenticated:
        return False
    return Block.objects.filter(Q(blocker=a, blocked=b) | Q(blocker=b, blocked=a)).exists()


def blocks_made_by(user):
    """The members `user` has blocked, newest first (the blocks page and GET /api/v1/me/blocks)."""
    return Block.objects.filter(blocker=user).select_related("blocked").order_by("-created_at", "-pk")


@transaction.atomic
def block(blocker, blocked) -> Block:
    """`blocker` blocks `blocked` (blocking twice is harmless). Nothing is sent to the blocked person."""
    if blocked.pk == blocker.pk:
        raise ValidationError({"member": _("You can't block yourself.")})
    if not blocked.is_active:
        raise ValidationError({"member": _("This member is no longer on the site.")})
    try:
        with transaction.atomic():
            found, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    except IntegrityError:  # two requests at once: the other one made it
        found = Block.objects.get(blocker=blocker, blocked=blocked)
    _part_ways(blocker, blocked)
    return found


def _part_ways(a, b) -> None:
    """Both ways, at once: no connection, no pending request, and (through `members_parted`) nothing shared."""
    disconnect(a, b)
    pending = ConnectionRequest.objects.filter(status=ConnectionRequestStatus.PENDING)
    pending.filter(Q(from_user=a, to_user=b) | Q(from_user=b, to_user=a)).update(
        status=ConnectionRequestStatus.WITHDRAWN, decided_at=timezone.now()
    )
    members_parted.send(sender=Block, a=a, b=b)


def unblock(blocker, blocked) -> bool:
    """Lift a block; True if there was one."""
    deleted, _rows = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    return bool(deleted)


def _active_named(username: str):
    return User.objects.filter(username__iexact=username, is_active=True).first()


def block_username(blocker, username: str) -> Block | NameBlock:
    """Block whoever has `username` (as typed, "@Sam" or "sam"), or keep the name blocked if nobody has it now.
    Refuses only oneself and a name that cannot be a username."""
    name = (username or "").strip().lstrip("@")
    if not name or len(name) > 150:
        raise ValidationError({"username": _("Type a username.")})
    other = _active_named(name)
    if other is not None:
        return block(blocker, other)
    found, _created = NameBlock.objects.get_or_create(
        blocker=blocker, username_skeleton=skeleton(name), defaults={"username": name}
    )
    return found


def unblock_username(blocker, username: str) -> bool:
    """Lift a block made by `block_username`; True if there was one."""
    name = (username or "").strip().lstrip("@")
    other = User.objects.filter(username__iexact=name).first()
    lifted = bool(other is not None and unblock(blocker, other))
    deleted, _rows = NameBlock.objects.filter(blocker=blocker, username_skeleton=skeleton(name)).delete()
    return lifted or bool(deleted)


def block_target(blocker, username: str) -> tuple[object, bool]:
    """For the block page: (the active member with this username or None, whether `blocker` already blocked the
    name). Two queries."""
    name = (username or "").strip().lstrip("@")
    other = _active_named(name)
    if other is not None:
        return other, blocks_made_by(blocker).filter(blocked=other).exists()
    return None, NameBlock.objects.filter(blocker=blocker, username_skeleton=skeleton(name)).exists()


def apply_name_blocks(member) -> None:
    """A new member whose username looks like a blocked name is blocked by whoever blocked it (at sign-up)."""
    if not member.username_skeleton:
        return
    for name_block in NameBlock.objects.filter(username_skeleton=member.username_skeleton).select_related("blocker"):
        if name_block.blocker_id != member.pk and name_block.blocker.is_active:
            block(name_block.blocker, member)
        name_block.delete()


def name_taken(sender, instance, created: bool, **kwargs) -> None:
    """post_save of User: a member just made takes any block of their name (`apply_name_blocks`)."""
    if created:
        apply_name_blocks(instance)

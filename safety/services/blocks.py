"""Blocking and unblocking: they take effect at once (every list asks `safety.blocks.blocked_ids`), and the
blocked person is never told."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Block


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
    """Both ways, at once: no connection, no pending request, and nothing of My recovery shared between them."""
    from accounts.models import ConnectionRequest, ConnectionRequestStatus
    from accounts.services import disconnect
    from journey.models import Share

    disconnect(a, b)
    pending = ConnectionRequest.objects.filter(status=ConnectionRequestStatus.PENDING)
    pending.filter(Q(from_user=a, to_user=b) | Q(from_user=b, to_user=a)).update(
        status=ConnectionRequestStatus.WITHDRAWN, decided_at=timezone.now()
    )
    Share.objects.filter(Q(owner=a, to_user=b) | Q(owner=b, to_user=a)).delete()


def unblock(blocker, blocked) -> bool:
    """Lift a block; True if there was one."""
    deleted, _rows = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    return bool(deleted)

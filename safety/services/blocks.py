"""Blocking and unblocking: they take effect at once (every list asks `safety.blocks.blocked_ids`), and the
blocked person is never told."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
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
    return found


def unblock(blocker, blocked) -> bool:
    """Lift a block; True if there was one."""
    deleted, _rows = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    return bool(deleted)

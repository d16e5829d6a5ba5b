"""Whether a member is currently suspended from the site or muted in a group (moderators' actions that last)."""

from django.db.models import Q
from django.utils import timezone

from .models import ActionKind, ModerationAction


def _current(queryset, now):
    return queryset.filter(Q(until__isnull=True) | Q(until__gt=now))


def active_suspension(user, now=None) -> ModerationAction | None:
    """The suspension in force, if any (a later LIFT action ends it)."""
    if user is None or not user.is_authenticated:
        return None
    now = now or timezone.now()
    actions = ModerationAction.objects.filter(member=user, group__isnull=True)
    last = actions.filter(kind__in=[ActionKind.SUSPEND, ActionKind.LIFT]).order_by("-created_at", "-pk").first()
    if last is None or last.kind == ActionKind.LIFT:
        return None
    return last if _current(actions.filter(pk=last.pk), now).exists() else None


def is_suspended(user, now=None) -> bool:
    return active_suspension(user, now) is not None


def is_muted(user, group, now=None) -> bool:
    """Muted in `group` (Membership.muted_until is set by the moderation services)."""
    from groups.models import Membership

    now = now or timezone.now()
    return Membership.objects.filter(group=group, user=user, muted_until__gt=now).exists()

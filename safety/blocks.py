"""Blocks take effect at once and both ways: neither person sees the other's posts and notes, replies to them,
mentions them or writes to them. Every part of the site asks here."""

from django.db.models import Q

from .models import Block


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

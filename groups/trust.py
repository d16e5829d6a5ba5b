"""Trust grows with participation. A new member reads freely and can post plain text at once; after
`TRUST_MIN_DAYS` days and `TRUST_MIN_POSTS` posts they may also post links and images and write to members
they have no connection or group with. The numbers are settings."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import Post


def post_count(user) -> int:
    return Post.objects.filter(author=user, deleted_at__isnull=True).count()


def is_trusted(user, now=None) -> bool:
    """True when the member has been here long enough and taken part enough (staff are always trusted)."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser or user.needs_mfa:
        return True
    now = now or timezone.now()
    if now - user.date_joined < timedelta(days=settings.TRUST_MIN_DAYS):
        return False
    return post_count(user) >= settings.TRUST_MIN_POSTS


def may_post_links(user) -> bool:
    return is_trusted(user)


def may_post_images(user) -> bool:
    return is_trusted(user)


def may_message_strangers(user) -> bool:
    return is_trusted(user)


def daily_post_limit(user) -> int | None:
    """A new member posts "in a small way" at first: at most `NEW_MEMBER_DAILY_POSTS` posts and notes a day.
    None: no limit."""
    return None if is_trusted(user) else settings.NEW_MEMBER_DAILY_POSTS

"""The one way to notify a member: stored for the notifications page, and pushed to their open pages."""

from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from lib.realtime import send_to_users

from .models import Notification

MAX_TEXT = 300


def notify(user: Any, *, kind: str, text: str, url: str = "") -> Notification:
    """Store a notification for `user` and send it to their open pages after the current transaction commits."""
    notification = Notification.objects.create(user=user, kind=kind, text=text[:MAX_TEXT], url=url)
    send_to_users(
        [user.pk],
        {"type": "notify", "data": {"id": notification.pk, "kind": kind, "text": notification.text, "url": url}},
    )
    return notification


def mark_read(user: Any, ids: Iterable[int] | None = None) -> int:
    """Mark the member's notifications read (all of them, or those in `ids`); returns how many changed. The member's
    other open pages are told the new unread count after commit, so their header count follows."""
    queryset = Notification.objects.for_user(user).unread()
    if ids is not None:
        queryset = queryset.filter(pk__in=ids)
    changed = queryset.update(read_at=timezone.now())
    if changed:
        unread = Notification.objects.for_user(user).unread().count()
        send_to_users([user.pk], {"type": "notify.read", "data": {"unread": unread}})
    return changed

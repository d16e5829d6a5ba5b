"""/api/v1/me/notifications: the member's notifications, and marking them read."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from . import services
from .models import Notification

router = Router(tags=["notifications"])


class NotificationOut(Schema):
    id: int
    kind: str
    text: str
    url: str
    created_at: datetime
    read_at: datetime | None


class MarkRead(Schema):
    model_config = {"extra": "forbid"}
    ids: list[int] | None = None


@router.get("/me/notifications", response=list[NotificationOut], summary="My notifications, newest first")
def list_notifications(request: HttpRequest, unread: bool = False, limit: int = 50) -> list[Notification]:
    queryset = Notification.objects.for_user(request.auth)  # type: ignore[attr-defined]  # ninja sets request.auth
    if unread:
        queryset = queryset.unread()
    return list(queryset[: max(1, min(limit, 200))])


@router.post("/me/notifications/read", response={200: dict}, summary="Mark notifications read (all, or `ids`)")
def mark_read(request: HttpRequest, payload: MarkRead) -> dict[str, Any]:
    return {"marked": services.mark_read(request.auth, payload.ids)}  # type: ignore[attr-defined]

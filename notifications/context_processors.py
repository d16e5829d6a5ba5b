from django.http import HttpRequest

from .models import Notification


def unread_notifications(request: HttpRequest) -> dict[str, int]:
    """How many unread notifications the member has, for the header (one COUNT query, only when logged in)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.for_user(user).unread().count()}

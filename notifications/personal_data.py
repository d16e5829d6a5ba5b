import re
from typing import Any

from django.db.models import Q

from lib.personal_data import register_eraser, register_exporter

from .models import Notification


@register_exporter("notifications", models=("notifications.Notification",))
def export_notifications(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "kind": n.kind,
            "text": n.text,
            "url": n.url,
            "created_at": n.created_at.isoformat(),
            "read_at": n.read_at.isoformat() if n.read_at else None,
        }
        for n in Notification.objects.filter(user=user)
    ]


@register_eraser
def erase_notifications_naming(user: Any) -> None:
    """Other members' notifications that name the member (by display name or @username, as a whole word) are
    deleted: a notification only points at something ("Robin replied…"), and the thing itself stays or goes by its
    own rule. A notification naming another member who shares the display name goes too; that costs little."""
    names = [name for name in {user.display_name.strip(), user.username} if name]
    if not names:
        return
    whole_word = re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in names), re.IGNORECASE)
    query = Q()
    for name in names:
        query |= Q(text__icontains=name)
    candidates = Notification.objects.exclude(user=user).filter(query).values_list("pk", "text")
    Notification.objects.filter(pk__in=[pk for pk, text in candidates if whole_word.search(text)]).delete()

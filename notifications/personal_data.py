from typing import Any

from lib.personal_data import register_exporter

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

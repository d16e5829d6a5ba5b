from lib.personal_data import register_exporter

from .models import Membership


@register_exporter("groups", models=("groups.Membership",))
def export_groups(user) -> list[dict]:
    return [
        {"group": m.group.name, "role": m.role, "joined_at": m.joined_at.isoformat()}
        for m in Membership.objects.filter(user=user).select_related("group")
    ]

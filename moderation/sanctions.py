"""Whether a member is currently suspended from the site or muted in a group (moderators' actions that last)."""

from django.utils import timezone

from accounts.models import User
from accounts.services import copy_suspension

from .models import ActionKind, ModerationAction


def active_suspension(user, now=None) -> ModerationAction | None:
    """The suspension in force, if any (a later LIFT action ends it)."""
    if user is None or not user.is_authenticated:
        return None
    now = now or timezone.now()
    last = (
        ModerationAction.objects.filter(member=user, group__isnull=True, kind__in=[ActionKind.SUSPEND, ActionKind.LIFT])
        .order_by("-created_at", "-pk")
        .first()
    )
    if last is None or last.kind == ActionKind.LIFT:
        return None
    return last if last.until is None or last.until > now else None


def is_suspended(user, now=None) -> bool:
    return active_suspension(user, now) is not None


# What a suspended member may still use: Get help, their account (and its data and deletion), their moderation
# page (to read why and appeal), notifications, and logging out. For the site's middleware to enforce.
ALLOWED_WHILE_SUSPENDED = frozenset(
    {
        "safety:help",
        "moderation:talk_to_moderator",
        "moderation:my_moderation",
        "moderation:appeal",
        "accounts:home",
        "accounts:my_data",
        "accounts:my_data_download",
        "accounts:delete",
        "account_logout",
        "notifications:list",
        "notifications:mark_all_read",
        "set_language",
        "api:help_lines",
        "api:my_moderation",
        "api:appeal_action",
    }
)


def allowed_while_suspended(url_name: str) -> bool:
    """Whether a suspended member may reach the URL named `url_name` ("namespace:name")."""
    return url_name in ALLOWED_WHILE_SUSPENDED


# --- The site-wide check a request makes reads the member's own row (`accounts.access.suspended_until`); this keeps
# that copy in step with the record.


def refresh_suspension(user_id: int) -> None:
    """Copy the suspension in force (if any) onto the member's row; run whenever a site-wide action is saved."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return
    action = active_suspension(user)
    copy_suspension(user_id, since=action.created_at if action else None, until=action.until if action else None)


def on_action_saved(sender, instance, **kwargs) -> None:
    """A site-wide suspension or lift was saved or deleted: the copy on the member's row follows."""
    if instance.group_id is None and instance.kind in (ActionKind.SUSPEND, ActionKind.LIFT):
        refresh_suspension(instance.member_id)

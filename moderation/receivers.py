"""What moderation does when the apps below it say something happened (they send signals; they never import us)."""

from django.db.models.signals import post_delete, post_save

from groups.models import Event, Group, Membership, Post, SupportNote
from groups.signals import member_removed, risk_written
from safety.crisis import check_text

from .alerts import raise_at_risk_alert
from .models import ActionKind, ModerationAction
from .sanctions import on_action_saved


def on_risk_written(
    sender, *, member, post=None, note=None, group=None, detail: str = "", kind=None, emergency=None, **kwargs
) -> None:
    """Words of risk in a post or note: a priority alert to the moderators, with the kind of risk (never the
    words). A sender that does not say the kind: the saved text is checked again for it."""
    if kind is None:
        content = post if post is not None else note
        result = check_text(getattr(content, "body", "") or "")
        kind, emergency = result.kind, result.emergency
    raise_at_risk_alert(member, post=post, note=note, group=group, detail=detail, kind=kind, emergency=bool(emergency))


def on_member_removed(sender, *, group, member, by, reason: str, **kwargs) -> None:
    """A facilitator removed a member: the moderators' log keeps it, and the member reads the reason on their
    moderation page (and may appeal)."""
    ModerationAction.objects.create(
        moderator=by, member=member, group=group, kind=ActionKind.REMOVE_FROM_GROUP, reason=reason
    )


def connect() -> None:
    for content in (Post, SupportNote, Event, Group):
        risk_written.connect(on_risk_written, sender=content, dispatch_uid=f"moderation.risk.{content.__name__}")
    member_removed.connect(on_member_removed, sender=Membership, dispatch_uid="moderation.member_removed")
    post_save.connect(on_action_saved, sender=ModerationAction, dispatch_uid="moderation.suspension.saved")
    post_delete.connect(on_action_saved, sender=ModerationAction, dispatch_uid="moderation.suspension.deleted")

"""Appeals: a member asks for a decision about them to be looked at again; another moderator decides."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import ContentStatus
from groups.services.discussion import set_content_status
from groups.services.membership import readmit, unmute
from notifications.services import notify

from ..access import may_decide
from ..alerts import moderators_for
from ..models import ActionKind, Appeal, AppealStatus, ModerationAction
from .actions import MAX_REASON

MAX_APPEAL = 3000


@transaction.atomic
def appeal(member, action: ModerationAction, text: str) -> Appeal:
    """The member asks for a decision about them to be looked at again (once per action)."""
    if action.member_id != member.pk:
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Tell the moderators why the decision should change.")})
    if len(text) > MAX_APPEAL:
        raise ValidationError({"text": _("Please keep it under %(n)s characters.") % {"n": MAX_APPEAL}})
    if Appeal.objects.filter(action=action).exists():
        raise ValidationError({"text": _("You have already appealed this decision.")})
    appeal_ = Appeal.objects.create(action=action, member=member, text=text)
    _tell_who_may_decide(appeal_)
    return appeal_


def _tell_who_may_decide(appeal_: Appeal) -> None:
    """The moderators who may decide the appeal (not the one who took the action) learn that one waits."""
    for moderator in moderators_for(appeal_.action.group):
        if may_decide(moderator, appeal_):
            notify(
                moderator,
                kind="appeal",
                text=_("A member appealed a moderation decision."),
                url=reverse("moderation:appeal_detail", args=[appeal_.pk]),
            )


def _restore(action: ModerationAction, now) -> None:
    """Undo what can be undone when an appeal is upheld in the member's favour."""
    kind = action.kind
    if kind in (ActionKind.HIDE, ActionKind.REMOVE):
        content = action.content
        if content is not None:
            set_content_status(content, ContentStatus.VISIBLE)
    elif kind == ActionKind.MUTE and action.group_id:
        unmute(action.group_id, action.member_id)
    elif kind == ActionKind.REMOVE_FROM_GROUP and action.group_id:
        readmit(action.group_id, action.member_id)
    if kind in (ActionKind.MUTE, ActionKind.SUSPEND) and (action.until is None or action.until > now):
        # Ending the action now ends the suspension (moderation.sanctions reads `until`) and keeps the record true.
        action.until = now
        action.save(update_fields=["until"])


@transaction.atomic
def decide_appeal(moderator, appeal_: Appeal, overturn: bool, response: str) -> Appeal:
    """Another moderator decides: the decision stands, or it is reversed and what can be restored is restored. The
    member sees the response."""
    if not may_decide(moderator, appeal_):
        raise PermissionDenied
    if appeal_.status != AppealStatus.OPEN:
        raise ValidationError({"response": _("This appeal has already been decided.")})
    response = (response or "").strip()
    if not response:
        raise ValidationError({"response": _("Write an answer: the member will read it.")})
    if len(response) > MAX_REASON:
        raise ValidationError({"response": _("Please keep it under %(n)s characters.") % {"n": MAX_REASON}})
    now = timezone.now()
    if overturn:
        _restore(appeal_.action, now)
    appeal_.status = AppealStatus.OVERTURNED if overturn else AppealStatus.UPHELD
    appeal_.response = response
    appeal_.decided_by = moderator
    appeal_.decided_at = now
    appeal_.save(update_fields=["status", "response", "decided_by", "decided_at"])
    notify(
        appeal_.member,
        kind="appeal_decided",
        text=_("Your appeal has been decided: see the answer."),
        url=reverse("moderation:my_moderation"),
    )
    return appeal_

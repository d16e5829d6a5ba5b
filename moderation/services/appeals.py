"""Appeals: a member asks for a decision about them to be looked at again; someone who did not take it decides.

Who decides is chosen when the appeal is made (`route`): another site moderator, else (for a group's decision) the
group's facilitator, else the site's administrators; only when none of them exists does the moderator who decided
look again, so an appeal never waits for someone who does not exist. The chosen people are notified and the member
is told the role (`Appeal.decider`), never a name. Anyone else who moderates the scope may still decide it."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from groups.models import ContentStatus, GroupRole
from groups.services.discussion import set_content_status
from groups.services.membership import readmit, unmute
from notifications.services import notify

from ..access import may_decide
from ..models import ActionKind, Appeal, AppealDecider, AppealStatus, ModerationAction
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
    decider, people = route(action)
    appeal_ = Appeal.objects.create(action=action, member=member, text=text, decider=decider)
    for person in people:
        notify(
            person,
            kind="appeal",
            text=_("A member appealed a moderation decision, and you are asked to decide it."),
            url=reverse("moderation:appeal_detail", args=[appeal_.pk]),
        )
    return appeal_


def route(action: ModerationAction) -> tuple[str, list]:
    """Who decides an appeal of `action`, as (an `AppealDecider`, the people to tell). Never the member it is about;
    the moderator who decided only when nobody else moderates. Three small queries at most."""
    active = User.objects.filter(is_active=True).exclude(pk=action.member_id).order_by("pk")
    others = active.exclude(pk=action.moderator_id) if action.moderator_id else active
    moderators = list(others.filter(role_assignments__role=Role.MODERATOR).distinct())
    if moderators:
        return AppealDecider.ANOTHER_MODERATOR, moderators
    if action.group_id:
        facilitators = list(
            others.filter(
                group_memberships__group_id=action.group_id, group_memberships__role=GroupRole.FACILITATOR
            ).distinct()
        )
        if facilitators:
            return AppealDecider.GROUP_FACILITATOR, facilitators
    admins = list(others.filter(role_assignments__role=Role.ADMIN).distinct())
    if admins:
        return AppealDecider.ADMINISTRATORS, admins
    return AppealDecider.SAME_MODERATOR, list(active.filter(pk=action.moderator_id))


def decider_text(appeal_: Appeal) -> str:
    """Who decides, as the member reads it: "another moderator", "the group's facilitator", ..."""
    if appeal_.decider:
        return str(appeal_.get_decider_display())
    return _("a moderator who did not take the decision")


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
    """Someone who may decide (`may_decide`) decides: the decision stands, or it is reversed and what can be
    restored is restored. The member sees the response."""
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
        text=_("Your appeal has been decided by %(who)s: see the answer.") % {"who": decider_text(appeal_)},
        url=reverse("moderation:my_moderation"),
    )
    return appeal_

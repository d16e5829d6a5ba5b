"""Moderators' actions: hide, remove, restore, warn, mute, remove from a group, suspend, lift, and dismissing a
report. Every action carries a reason the member sees, and the member is told (in-app) that an action was taken,
never by whom or after whose report. Suspending from the site is for site moderators only."""

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import is_site_moderator
from groups.access import is_group_staff
from groups.models import ContentStatus, Group, Membership, Post, SupportNote
from groups.services.discussion import set_content_status
from groups.services.membership import end_membership, set_mute
from notifications.services import notify

from ..access import may_moderate
from ..models import ActionKind, ModerationAction, Report, ReportStatus
from ..sanctions import is_suspended
from .reports import recount_flags

MAX_REASON = 2000
CONTENT_ACTIONS = {ActionKind.HIDE, ActionKind.REMOVE, ActionKind.RESTORE}
GROUP_ACTIONS = {ActionKind.MUTE, ActionKind.REMOVE_FROM_GROUP}
STATUS_FOR: dict[str, str] = {
    ActionKind.HIDE: ContentStatus.HIDDEN,
    ActionKind.REMOVE: ContentStatus.REMOVED,
    ActionKind.RESTORE: ContentStatus.VISIBLE,
}


def _scope_group(*, group, post, note, report) -> Group | None:
    if post is not None:
        return post.thread.group
    if note is not None:
        return note.group
    if group is not None:
        return group
    if report is not None:
        return report.group
    return None


def _check_target(moderator, member, group) -> None:
    if member.pk == moderator.pk:
        raise ValidationError({"member": _("You can't take an action about yourself.")})
    if is_site_moderator(moderator):
        return
    # Group staff don't act on the site's moderators or on the staff of their own group.
    if is_site_moderator(member) or (group is not None and is_group_staff(member, group)):
        raise PermissionDenied


def _close_reports(moderator, status, now, *, report=None, post=None, note=None) -> None:
    """Close the report acted on and, for content, every open report about that content except alerts that someone
    may be at risk (those need their own care)."""
    reports = Report.objects.none()
    if post is not None:
        reports = Report.objects.filter(post=post, status=ReportStatus.OPEN, priority=False)
    elif note is not None:
        reports = Report.objects.filter(note=note, status=ReportStatus.OPEN, priority=False)
    if report is not None:
        reports = reports | Report.objects.filter(pk=report.pk, status=ReportStatus.OPEN)
    # Handling an alert nobody had taken takes it: the queue shows who looked after it.
    reports.filter(taken_by__isnull=True).update(taken_by=moderator, taken_at=now)
    reports.update(status=status, handled_by=moderator, handled_at=now)


def _notify_action(member) -> None:
    notify(
        member,
        kind="moderation_action",
        text=_("A moderator took an action about your account: see why."),
        url=reverse("moderation:my_moderation"),
    )


@transaction.atomic
def take_action(
    moderator,
    *,
    kind: str,
    member,
    reason: str,
    group: Group | None = None,
    post: Post | None = None,
    note: SupportNote | None = None,
    report: Report | None = None,
    until: datetime | None = None,
) -> ModerationAction:
    """Do what `kind` says, record it with the reason the member sees, and tell the member.

    hide/remove/restore need a post or note (by `member`); mute needs a group and `until`; remove_member needs a
    group; suspend is site-wide (site moderators only; `until` empty means until lifted); lift ends the mute in
    `group` or, without a group (or, for a site moderator, when there is no mute), the suspension.
    Raises PermissionDenied when `moderator` may not act in that scope, ValidationError keyed by field for bad input.
    """
    now = timezone.now()
    if kind not in ActionKind.values:
        raise ValidationError({"kind": _("Choose an action.")})
    if report is not None and post is None and note is None:
        post, note = report.post, report.note
    group = _scope_group(group=group, post=post, note=note, report=report)
    if kind == ActionKind.LIFT and group is not None and is_site_moderator(moderator):
        muted = Membership.objects.filter(group=group, user=member, muted_until__gt=now).exists()
        if not muted and _suspended(member, now):
            group = None  # nothing to lift in the group: a site moderator lifts the suspension
    if kind == ActionKind.SUSPEND or (kind == ActionKind.LIFT and group is None):
        group = None
        if not is_site_moderator(moderator):
            raise PermissionDenied
    if not may_moderate(moderator, group):
        raise PermissionDenied
    if report is not None and report.member_id is not None and report.member_id != member.pk:
        raise ValidationError({"member": _("This report is about someone else.")})
    _check_target(moderator, member, group)

    errors = {}
    reason = (reason or "").strip()
    if not reason:
        errors["reason"] = _("Give a reason: the member will see it.")
    elif len(reason) > MAX_REASON:
        errors["reason"] = _("Please keep it under %(n)s characters.") % {"n": MAX_REASON}
    if until is not None and until <= now:
        errors["until"] = _("Choose a time in the future.")
    content = post if post is not None else note
    if kind in CONTENT_ACTIONS:
        if content is None:
            errors["post"] = _("Choose the post or note this is about.")
        elif (post is not None and post.author_id != member.pk) or (note is not None and note.sender_id != member.pk):
            errors["member"] = _("This post or note was written by someone else.")
        if post is not None and note is not None:
            errors["note"] = _("One post or one note at a time.")
    membership = None
    if kind in GROUP_ACTIONS or (kind == ActionKind.LIFT and group is not None):
        if group is None:
            errors["group"] = _("Choose the group.")
        else:
            membership = Membership.objects.filter(group=group, user=member).first()
            if membership is None:
                errors["member"] = _("This person is not a member of the group.")
    if kind == ActionKind.MUTE and until is None:
        errors["until"] = _("Say for how long.")
    if kind == ActionKind.LIFT and group is None and not _suspended(member, now):
        errors["kind"] = _("There is no suspension to lift.")
    if (
        kind == ActionKind.LIFT
        and membership is not None
        and not (membership.muted_until and membership.muted_until > now)
    ):
        errors["kind"] = _("There is no mute to lift.")
    if errors:
        raise ValidationError(errors)

    if kind in CONTENT_ACTIONS and content is not None:
        set_content_status(content, STATUS_FOR[kind])
    elif membership is not None and kind == ActionKind.MUTE:
        set_mute(membership, until)
    elif membership is not None and kind == ActionKind.REMOVE_FROM_GROUP:
        # This action is its own record: the moderators' log is not told twice.
        end_membership(membership, by=moderator, reason=reason, announce=False)
    elif membership is not None and kind == ActionKind.LIFT:
        set_mute(membership, None)

    action = ModerationAction.objects.create(
        moderator=moderator,
        member=member,
        group=group,
        kind=kind,
        reason=reason,
        post=post,
        note=note,
        report=report,
        until=until if kind in (ActionKind.MUTE, ActionKind.SUSPEND) else None,
        created_at=now,
    )
    _close_reports(moderator, ReportStatus.ACTIONED, now, report=report, post=post, note=note)
    if content is not None:
        recount_flags(post=post, note=note)
    _notify_action(member)
    return action


def _suspended(member, now) -> bool:
    return is_suspended(member, now)


@transaction.atomic
def dismiss_report(moderator, report: Report) -> Report:
    """No action needed. For a post or note, the moderator has looked at the content: every open flag about it is
    closed and content waiting for review is shown again."""
    if not may_moderate(moderator, report.group):
        raise PermissionDenied
    if report.status != ReportStatus.OPEN:
        raise ValidationError({"report": _("This report has already been handled.")})
    now = timezone.now()
    _close_reports(moderator, ReportStatus.DISMISSED, now, report=report, post=report.post, note=report.note)
    content = report.content
    if content is not None:
        if content.status == ContentStatus.PENDING_REVIEW:
            set_content_status(content, ContentStatus.VISIBLE)
        recount_flags(post=report.post, note=report.note)
    report.refresh_from_db()
    return report

"""Reports, flags, moderators' actions and appeals: the only place that writes them.

Who may moderate what: a site moderator (or administrator) everything; a group's facilitators and moderators
what belongs to their group (its posts, notes written from it, reports filed under it, mutes and removals in it).
Suspending from the site is for site moderators only. Every action carries a reason the member sees, and the
member is told (in-app) that an action was taken, never by whom or after whose report.
"""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.access import is_group_staff, is_site_moderator
from groups.models import ContentStatus, Group, GroupRole, Membership, Post, SupportNote
from notifications.services import notify

from ..alerts import raise_at_risk_alert
from ..models import ActionKind, Appeal, AppealStatus, ModerationAction, Report, ReportReason, ReportStatus

MAX_DETAIL = 2000
MAX_REASON = 2000
CONTENT_ACTIONS = {ActionKind.HIDE, ActionKind.REMOVE, ActionKind.RESTORE}
GROUP_ACTIONS = {ActionKind.MUTE, ActionKind.REMOVE_FROM_GROUP}
STATUS_FOR = {
    ActionKind.HIDE: ContentStatus.HIDDEN,
    ActionKind.REMOVE: ContentStatus.REMOVED,
    ActionKind.RESTORE: ContentStatus.VISIBLE,
}


class AlreadyReported(Exception):
    """The reporter already has an open report about this; `report` is that report."""

    def __init__(self, report: Report):
        super().__init__("already reported")
        self.report = report


# ---------------------------------------------------------------------------------------------------- reading


def moderated_groups(user) -> list[int] | None:
    """Ids of the groups `user` moderates as a facilitator or moderator; None means every group (site staff)."""
    if is_site_moderator(user):
        return None
    if user is None or not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, role__in=[GroupRole.FACILITATOR, GroupRole.MODERATOR]).values_list(
            "group_id", flat=True
        )
    )


def reports_for_moderator(user, group: Group | None = None):
    """Reports `user` may handle: all of them for site moderators, their groups' for group staff (only `group`'s
    when given). An empty QuerySet for anyone else."""
    queryset = Report.objects.select_related(
        "reporter", "member", "group", "post__thread__group", "post__author", "note__sender", "note__recipient"
    )
    groups = moderated_groups(user)
    if groups is not None:
        queryset = queryset.filter(group_id__in=groups)
    if group is not None:
        queryset = queryset.filter(group=group)
    return queryset


def open_queue(user, group: Group | None = None):
    """Open reports in the order moderators should read them: people who may be at risk first, then oldest."""
    return reports_for_moderator(user, group).filter(status=ReportStatus.OPEN).order_by("-priority", "created_at", "pk")


def get_report_for_moderator(user, report_id: int) -> Report:
    """The report, if `user` may handle it; 404 otherwise."""
    return get_object_or_404(reports_for_moderator(user), pk=report_id)


def actions_for_moderator(user, group: Group | None = None):
    """The moderators' log `user` may read: everything for site moderators, their groups' actions for group
    staff."""
    queryset = ModerationAction.objects.select_related("moderator", "member", "group", "report")
    groups = moderated_groups(user)
    if groups is not None:
        queryset = queryset.filter(group_id__in=groups)
    if group is not None:
        queryset = queryset.filter(group=group)
    return queryset.order_by("-created_at", "-pk")


def open_appeals_for_moderator(user, group: Group | None = None):
    """Open appeals `user` may decide (an appeal is never decided by the moderator who took the action)."""
    queryset = Appeal.objects.filter(status=AppealStatus.OPEN).select_related(
        "member", "action__moderator", "action__group"
    )
    groups = moderated_groups(user)
    if groups is not None:
        queryset = queryset.filter(action__group_id__in=groups)
    if group is not None:
        queryset = queryset.filter(action__group=group)
    return queryset.order_by("created_at", "pk")


def get_appeal_for_moderator(user, appeal_id: int) -> Appeal:
    queryset = Appeal.objects.select_related("member", "action__moderator", "action__group", "action__post")
    groups = moderated_groups(user)
    if groups is not None:
        queryset = queryset.filter(action__group_id__in=groups)
    return get_object_or_404(queryset, pk=appeal_id)


def previous_actions(member_ids) -> dict[int, list[ModerationAction]]:
    """Each member's past actions, newest first (one query for the whole page)."""
    found: dict[int, list[ModerationAction]] = {}
    for action in ModerationAction.objects.filter(member_id__in=set(member_ids)).select_related("group"):
        found.setdefault(action.member_id, []).append(action)
    return found


def actions_about(member):
    """What moderators did about `member`, with any appeal (for their own page)."""
    return (
        ModerationAction.objects.filter(member=member)
        .select_related("group", "appeal", "post__thread", "note")
        .order_by("-created_at", "-pk")
    )


def get_action_for_member(member, action_id: int) -> ModerationAction:
    return get_object_or_404(actions_about(member), pk=action_id)


# ---------------------------------------------------------------------------------------------------- reports


def _clean_report(reporter, member, reason: str, detail: str) -> str:
    errors = {}
    if reason not in ReportReason.values:
        errors["reason"] = _("Choose a reason.")
    detail = (detail or "").strip()
    if len(detail) > MAX_DETAIL:
        errors["detail"] = _("Please keep it under %(n)s characters.") % {"n": MAX_DETAIL}
    if member is not None and member.pk == reporter.pk:
        errors["member"] = _("You can't report yourself. If things are hard, the Get help page is there for you.")
    if errors:
        raise ValidationError(errors)
    return detail


def _existing(reporter, **target) -> Report | None:
    return Report.objects.filter(reporter=reporter, status=ReportStatus.OPEN, **target).first()


def _tell_person_at_risk(member) -> None:
    """Someone cares: the person reported as at risk hears that help is there, never who reported or that it was a
    report."""
    notify(
        member,
        kind="someone_cares",
        text=_("Someone in your community is thinking of you. If things are hard right now, help is here."),
        url=reverse("safety:help"),
    )


def _file(reporter, *, member, reason, detail, group=None, post=None, note=None) -> Report:
    if reason == ReportReason.AT_RISK:
        report = raise_at_risk_alert(member, post=post, note=note, group=group, reporter=reporter, detail=detail)
        _tell_person_at_risk(member)
        return report
    return Report.objects.create(
        reporter=reporter, member=member, post=post, note=note, group=group, reason=reason, detail=detail
    )


def recount_flags(*, post: Post | None = None, note: SupportNote | None = None) -> int:
    """Keep `flag_count` in step with the number of different members with an open report on the content (a report
    that someone may be at risk is not a flag: a cry for help must never be hidden by it). At `FLAGS_TO_HIDE`
    a visible post or note waits, hidden, for a moderator."""
    target = {"post": post} if post is not None else {"note": note}
    content = post if post is not None else note
    flags = (
        Report.objects.filter(status=ReportStatus.OPEN, reporter__isnull=False, **target)
        .exclude(reason=ReportReason.AT_RISK)
        .aggregate(n=Count("reporter", distinct=True))["n"]
    )
    content.flag_count = flags
    fields = ["flag_count"]
    if flags >= settings.FLAGS_TO_HIDE and content.status == ContentStatus.VISIBLE:
        content.status = ContentStatus.PENDING_REVIEW
        fields.append("status")
    content.save(update_fields=fields)
    return flags


@transaction.atomic
def report_post(reporter, post: Post, *, reason: str, detail: str = "") -> Report:
    """Report a post the reporter can see (the caller fetched it with `groups.access.get_post_for_reader`)."""
    detail = _clean_report(reporter, post.author, reason, detail)
    existing = _existing(reporter, post=post)
    if existing is not None:
        raise AlreadyReported(existing)
    if post.author is None:
        raise ValidationError({"post": _("This post's author has left the site.")})
    report = _file(reporter, member=post.author, reason=reason, detail=detail, group=post.thread.group, post=post)
    recount_flags(post=post)
    return report


@transaction.atomic
def report_note(reporter, note: SupportNote, *, reason: str, detail: str = "") -> Report:
    """Report a note the reporter received (fetched through `SupportNote.objects.received_by`)."""
    if note.sender is None:
        raise ValidationError({"note": _("This note's writer has left the site.")})
    detail = _clean_report(reporter, note.sender, reason, detail)
    existing = _existing(reporter, note=note)
    if existing is not None:
        raise AlreadyReported(existing)
    report = _file(reporter, member=note.sender, reason=reason, detail=detail, group=note.group, note=note)
    recount_flags(note=note)
    return report


@transaction.atomic
def report_member(reporter, member, *, reason: str, detail: str = "", group: Group | None = None) -> Report:
    """Report a member's behaviour, optionally in a group (its staff then see the report too)."""
    detail = _clean_report(reporter, member, reason, detail)
    existing = _existing(reporter, member=member, post__isnull=True, note__isnull=True)
    if existing is not None:
        raise AlreadyReported(existing)
    return _file(reporter, member=member, reason=reason, detail=detail, group=group)


# ---------------------------------------------------------------------------------------------------- actions


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


def may_moderate(user, group: Group | None) -> bool:
    """Site moderators everywhere; a group's staff in their group."""
    if group is None:
        return is_site_moderator(user)
    return is_group_staff(user, group)


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
    reports.update(status=status, handled_by=moderator, handled_at=now)


def _notify_action(member) -> None:
    notify(
        member,
        kind="moderation_action",
        text=_("A moderator took an action about your account: see why."),
        url=reverse("safety:my_moderation"),
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

    if kind in CONTENT_ACTIONS:
        content.status = STATUS_FOR[kind]
        content.save(update_fields=["status"])
    elif kind == ActionKind.MUTE:
        membership.muted_until = until
        membership.save(update_fields=["muted_until"])
    elif kind == ActionKind.REMOVE_FROM_GROUP:
        membership.delete()
    elif kind == ActionKind.LIFT and membership is not None:
        membership.muted_until = None
        membership.save(update_fields=["muted_until"])

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
    from ..sanctions import is_suspended

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
    content = report.post or report.note
    if content is not None:
        if content.status == ContentStatus.PENDING_REVIEW:
            content.status = ContentStatus.VISIBLE
            content.save(update_fields=["status"])
        recount_flags(post=report.post, note=report.note)
    report.refresh_from_db()
    return report


# ---------------------------------------------------------------------------------------------------- appeals


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
    from ..alerts import moderators_for

    for moderator in moderators_for(appeal_.action.group):
        if may_decide(moderator, appeal_):
            notify(
                moderator,
                kind="appeal",
                text=_("A member appealed a moderation decision."),
                url=reverse("safety:appeal_detail", args=[appeal_.pk]),
            )


def may_decide(moderator, appeal_: Appeal) -> bool:
    action = appeal_.action
    if action.moderator_id == moderator.pk or appeal_.member_id == moderator.pk:
        return False
    return may_moderate(moderator, action.group)


def _restore(action: ModerationAction, now) -> None:
    """Undo what can be undone when an appeal is upheld in the member's favour."""
    kind = action.kind
    if kind in (ActionKind.HIDE, ActionKind.REMOVE):
        content = action.post or action.note
        if content is not None:
            content.status = ContentStatus.VISIBLE
            content.save(update_fields=["status"])
    elif kind == ActionKind.MUTE and action.group_id:
        Membership.objects.filter(group_id=action.group_id, user_id=action.member_id, muted_until__gt=now).update(
            muted_until=None
        )
    elif kind == ActionKind.REMOVE_FROM_GROUP and action.group_id:
        Membership.objects.get_or_create(group_id=action.group_id, user_id=action.member_id)
    if kind in (ActionKind.MUTE, ActionKind.SUSPEND) and (action.until is None or action.until > now):
        # Ending the action now ends the suspension (safety.sanctions reads `until`) and keeps the record true.
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
        url=reverse("safety:my_moderation"),
    )
    return appeal_

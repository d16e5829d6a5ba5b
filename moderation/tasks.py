"""Who hears of an at-risk alert, and when: the group's staff first, the site's moderators after
`RISK_ALERT_ESCALATE_MINUTES` if nobody took it (django-tasks).

An alert raised in a group goes to that group's facilitators and moderators. The site's moderators are told at once
when the group has no staff (other than the person at risk), when the alert is not about a group, and for an
emergency (an overdose); otherwise one queued task per alert (`run_after` the escalation moment) tells them if the
alert is still open and not taken by then. `escalate_due_alerts` does the same for every alert that is due:
`manage.py escalate_risk_alerts` runs it as a safety net for a worker that was down. `escalated_at` is claimed with a
conditional UPDATE before anyone is told, so the task and the command never both notify. A backend that cannot
defer (the immediate backend under tests) runs the task at once: it finds the alert not yet due and does nothing.

A notification names the kind of risk, never the words that were written.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.models import Role, User
from groups.models import GroupRole, Membership
from notifications.services import notify

from .models import Report, ReportReason, ReportStatus, RiskKind

logger = logging.getLogger(__name__)

# Kinds that go to the site's moderators at once, whoever else is told.
EMERGENCY_KINDS = frozenset({RiskKind.OVERDOSE})
# The `detail` of an alert raised because the member pressed "talk to a moderator" (no post, no note).
ASKED_TO_TALK = "asked to talk"


def escalate_after() -> timedelta:
    return timedelta(minutes=settings.RISK_ALERT_ESCALATE_MINUTES)


def site_moderator_ids() -> set[int]:
    return set(User.objects.filter(role_assignments__role=Role.MODERATOR, is_active=True).values_list("pk", flat=True))


def group_staff_ids(group) -> set[int]:
    """The group's facilitators and moderators (active accounts)."""
    if group is None:
        return set()
    return set(
        Membership.objects.filter(
            group=group, role__in=[GroupRole.FACILITATOR, GroupRole.MODERATOR], user__is_active=True
        ).values_list("user_id", flat=True)
    )


def alert_text(report: Report, *, escalated: bool = False) -> str:
    """What a moderator's notification says: that someone may be at risk, the kind of risk, never the words."""
    if report.detail == ASKED_TO_TALK:
        if escalated:
            return _(
                "Urgent, not taken yet: someone asked to talk with a moderator. Please look at the moderation queue."
            )
        return _("Urgent: someone asked to talk with a moderator. Please look at the moderation queue.")
    if report.risk_kind:
        label = str(RiskKind(report.risk_kind).label).lower()
        if escalated:
            return _(
                "Urgent, not taken yet: someone may be at risk (%(kind)s). Please look at the moderation queue."
            ) % {"kind": label}
        return _("Urgent: someone may be at risk (%(kind)s). Please look at the moderation queue.") % {"kind": label}
    if escalated:
        return _("Urgent, not taken yet: someone may be at risk. Please look at the moderation queue.")
    return _("Urgent: someone may be at risk. Please look at the moderation queue.")


def report_url(report: Report) -> str:
    try:
        return reverse("moderation:report_detail", args=[report.pk])
    except NoReverseMatch:  # the alert must never fail
        return ""


def _tell(user_ids, report: Report, *, escalated: bool = False) -> int:
    """Notify each of `user_ids` once, never the person the alert is about. Returns how many were told."""
    ids = set(user_ids) - {report.member_id}
    text, url = alert_text(report, escalated=escalated), report_url(report)
    users = list(User.objects.filter(pk__in=ids, is_active=True).order_by("pk"))
    for user in users:
        notify(user, kind="at_risk_alert", text=text, url=url)
    return len(users)


def route_new_alert(report: Report, *, emergency: bool = False) -> None:
    """Tell whoever should hear of a new alert now, and queue the escalation when the site's moderators wait."""
    staff = group_staff_ids(report.group) - {report.member_id}
    at_once = not staff or emergency or report.risk_kind in EMERGENCY_KINDS
    if at_once:
        report.escalated_at = report.created_at
        report.save(update_fields=["escalated_at"])
        _tell(staff | site_moderator_ids(), report)
        return
    _tell(staff, report)
    transaction.on_commit(lambda: schedule_escalation(report))


def escalation_due_at(report: Report) -> datetime:
    return report.created_at + escalate_after()


def schedule_escalation(report: Report) -> None:
    """Queue the task for the alert's escalation moment. Call it after the row is committed."""
    job = escalate_alert
    if job.get_backend().supports_defer:
        job = job.using(run_after=max(escalation_due_at(report), timezone.now()))
    try:
        job.enqueue(report.pk)
    except Exception:  # the queue is down: `escalate_due_alerts` will still find the alert when it is due
        logger.exception("Could not queue the escalation of alert %s", report.pk)


def _waiting(now: datetime):
    """Open, untaken alerts the site's moderators have not been told of, raised at least the minutes before `now`."""
    return Report.objects.filter(
        priority=True,
        reason=ReportReason.AT_RISK,
        status=ReportStatus.OPEN,
        taken_by__isnull=True,
        escalated_at__isnull=True,
        created_at__lte=now - escalate_after(),
    )


def escalate(report_id: int, *, now: datetime | None = None) -> bool:
    """Tell the site's moderators of the alert if it is due (still open, not taken, not yet escalated). Returns
    whether this call escalated it: the conditional UPDATE lets only one caller claim it."""
    now = now or timezone.now()
    with transaction.atomic():
        claimed = _waiting(now).filter(pk=report_id).update(escalated_at=now)
        if not claimed:
            return False
        report = Report.objects.select_related("group").get(pk=report_id)
        # The group's staff heard at once; each person is told once.
        _tell(site_moderator_ids() - group_staff_ids(report.group), report, escalated=True)
    return True


def escalate_due_alerts(now: datetime | None = None) -> int:
    """Escalate every alert that is due by `now`; returns how many. Safe to run twice, or alongside the worker."""
    now = now or timezone.now()
    ids = list(_waiting(now).order_by("created_at", "pk").values_list("pk", flat=True))
    return sum(escalate(report_id, now=now) for report_id in ids)


@task()
def escalate_alert(report_id: int) -> str:
    """Escalate the alert if it is due now; returns what happened."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or report.status != ReportStatus.OPEN:
        return "handled"
    if report.taken_by_id is not None:
        return "taken"
    if report.escalated_at is not None:
        return "already escalated"
    if escalation_due_at(report) > timezone.now():
        return "not due"
    return "escalated" if escalate(report_id) else "already escalated"

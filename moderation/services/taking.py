"""A moderator takes an at-risk alert ("I'll take this"), so the others know someone is on it and the site's
moderators are not called in (see `moderation.tasks`). Nobody silently takes an alert from someone else."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access import may_moderate
from ..models import Report, ReportStatus
from ..tasks import schedule_escalation


class AlreadyTaken(Exception):
    """Another moderator took the alert first; `report.taken_by` is who."""

    def __init__(self, report: Report):
        super().__init__("already taken")
        self.report = report


def _check(report: Report, moderator) -> None:
    if not may_moderate(moderator, report.group):
        raise PermissionDenied
    if not report.priority:
        raise ValidationError({"report": _("Only an alert that someone may be at risk is taken.")})
    if report.member_id is not None and report.member_id == moderator.pk:
        raise ValidationError({"report": _("This alert is about you: another moderator will take it.")})
    if report.status != ReportStatus.OPEN:
        raise ValidationError({"report": _("This report has already been handled.")})


@transaction.atomic
def take_alert(report: Report, moderator) -> Report:
    """`moderator` takes the open alert. Taking it again is harmless; raises AlreadyTaken when another moderator
    has it, PermissionDenied when `moderator` may not handle it, ValidationError when it is closed."""
    _check(report, moderator)
    now = timezone.now()
    claimed = Report.objects.filter(pk=report.pk, status=ReportStatus.OPEN, taken_by__isnull=True).update(
        taken_by=moderator, taken_at=now
    )
    report.refresh_from_db()
    if not claimed and report.status != ReportStatus.OPEN:
        raise ValidationError({"report": _("This report has already been handled.")})
    if not claimed and report.taken_by_id != moderator.pk:
        raise AlreadyTaken(report)
    return report


@transaction.atomic
def release_alert(report: Report, moderator) -> Report:
    """The moderator who took the alert hands it back: it waits for someone else again, and escalates when due."""
    _check(report, moderator)
    released = Report.objects.filter(pk=report.pk, status=ReportStatus.OPEN, taken_by=moderator).update(
        taken_by=None, taken_at=None
    )
    report.refresh_from_db()
    if not released:
        raise ValidationError({"report": _("Only the moderator who took this alert can hand it back.")})
    if report.escalated_at is None:
        transaction.on_commit(lambda: schedule_escalation(report))
    return report

"""Priority alerts to moderators when someone may be at risk. Nothing of it is shown to other members."""

from datetime import timedelta

from django.utils import timezone

from safety.crisis import check_text

from .models import Report, ReportReason, ReportStatus, RiskKind
from .tasks import ASKED_TO_TALK, route_new_alert

__all__ = ["ASKED_TO_TALK", "alert_if_at_risk", "ask_to_talk", "raise_at_risk_alert"]

# Pressing "talk to a moderator" again within this time does not alert the moderators twice.
ASK_AGAIN_AFTER = timedelta(hours=1)


def raise_at_risk_alert(
    member,
    *,
    post=None,
    note=None,
    group=None,
    reporter=None,
    detail: str = "",
    kind: str = "",
    emergency: bool = False,
) -> Report:
    """Open a priority report that `member` may be at risk (from crisis language, or a member's report) and tell
    the moderators (see `moderation.tasks`: the group's staff first, the site's moderators at once or after
    RISK_ALERT_ESCALATE_MINUTES). `kind` is one of `RiskKind` (from the crisis check; blank for a member's report);
    `emergency` (an overdose, or a plan with a time) tells the site's moderators at once. The notification names
    the kind of risk, never what was written."""
    if post is not None and group is None:
        group = post.thread.group
    report = Report.objects.create(
        reporter=reporter,
        member=member,
        post=post,
        note=note,
        group=group,
        reason=ReportReason.AT_RISK,
        detail=detail,
        priority=True,
        risk_kind=kind if kind in RiskKind.values else "",
    )
    route_new_alert(report, emergency=emergency)
    return report


def ask_to_talk(member, *, group=None) -> Report:
    """The member asked, from the help shown before posting, that a moderator reach out to them. The moderators'
    alert says only that someone asked to talk. Asking again within `ASK_AGAIN_AFTER` returns the same open report
    without alerting again (a reload or a double click must not flood the queue)."""
    # The detail is encrypted at rest, so it is compared in Python (a member has few open alerts in an hour).
    recent_open = Report.objects.filter(
        member=member,
        reason=ReportReason.AT_RISK,
        status=ReportStatus.OPEN,
        created_at__gte=timezone.now() - ASK_AGAIN_AFTER,
    ).order_by("-created_at")
    recent = next((report for report in recent_open if report.detail == ASKED_TO_TALK), None)
    if recent is not None:
        return recent
    return raise_at_risk_alert(member, group=group, detail=ASKED_TO_TALK)


def alert_if_at_risk(member, text: str, *, post=None, note=None, group=None, language: str | None = None):
    """For a service that has just saved a post, reply or note: check what was written and, if it suggests the
    writer may be at risk, raise the priority alert. Returns the `CrisisCheck`. The writer saw the help before
    posting (see safety/_help_before_posting.html); nothing of this is shown to other members."""
    result = check_text(text, language)
    if result.at_risk:
        raise_at_risk_alert(member, post=post, note=note, group=group, kind=result.kind, emergency=result.emergency)
    return result

"""Priority alerts to moderators when someone may be at risk. Nothing of it is shown to other members."""

from datetime import timedelta

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from groups.models import GroupRole, Membership
from notifications.services import notify
from safety.crisis import check_text

from .models import Report, ReportReason, ReportStatus

# The `detail` of an alert raised because the member pressed "talk to a moderator" (no post, no note).
ASKED_TO_TALK = "asked to talk"
# Pressing "talk to a moderator" again within this time does not alert the moderators twice.
ASK_AGAIN_AFTER = timedelta(hours=1)


def moderators_for(group=None) -> list:
    """Who gets the alert: the site's moderators, and the facilitators and moderators of the group, if any."""
    ids = set(User.objects.filter(role_assignments__role=Role.MODERATOR, is_active=True).values_list("pk", flat=True))
    if group is not None:
        ids |= set(
            Membership.objects.filter(group=group, role__in=[GroupRole.FACILITATOR, GroupRole.MODERATOR]).values_list(
                "user_id", flat=True
            )
        )
    return list(User.objects.filter(pk__in=ids))


def raise_at_risk_alert(member, *, post=None, note=None, group=None, reporter=None, detail: str = "") -> Report:
    """Open a priority report that `member` may be at risk (from crisis language, or a member's report) and tell
    the moderators at once. The notification says only that an urgent report waits, not what was written."""
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
    )
    if detail == ASKED_TO_TALK:
        text = _("Urgent: someone asked to talk with a moderator. Please look at the moderation queue.")
    else:
        text = _("Urgent: someone may be at risk. Please look at the moderation queue.")
    url = _report_url(report)
    for moderator in moderators_for(group):
        if moderator.pk == member.pk:
            continue
        notify(moderator, kind="at_risk_alert", text=text, url=url)
    return report


def _report_url(report: Report) -> str:
    try:
        return reverse("moderation:report_detail", args=[report.pk])
    except NoReverseMatch:  # the moderation pages are another part of the work; the alert must never fail
        return ""


def ask_to_talk(member, *, group=None) -> Report:
    """The member asked, from the help shown before posting, that a moderator reach out to them. The moderators'
    alert says only that someone asked to talk. Asking again within `ASK_AGAIN_AFTER` returns the same open report
    without alerting again (a reload or a double click must not flood the queue)."""
    recent = (
        Report.objects.filter(
            member=member,
            reason=ReportReason.AT_RISK,
            detail=ASKED_TO_TALK,
            status=ReportStatus.OPEN,
            created_at__gte=timezone.now() - ASK_AGAIN_AFTER,
        )
        .order_by("-created_at")
        .first()
    )
    if recent is not None:
        return recent
    return raise_at_risk_alert(member, group=group, detail=ASKED_TO_TALK)


def alert_if_at_risk(member, text: str, *, post=None, note=None, group=None, language: str | None = None):
    """For a service that has just saved a post, reply or note: check what was written and, if it suggests the
    writer may be at risk, raise the priority alert. Returns the `CrisisCheck`. The writer saw the help before
    posting (see safety/_help_before_posting.html); nothing of this is shown to other members."""
    result = check_text(text, language)
    if result.at_risk:
        raise_at_risk_alert(member, post=post, note=note, group=group)
    return result

"""Priority alerts to moderators when someone may be at risk. Nothing of it is shown to other members."""

from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import Role, User
from notifications.services import notify

from .models import Report, ReportReason


def moderators_for(group=None) -> list:
    """Who gets the alert: the site's moderators, and the facilitators and moderators of the group, if any."""
    from groups.models import GroupRole, Membership

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
    for moderator in moderators_for(group):
        if moderator.pk == member.pk:
            continue
        notify(
            moderator,
            kind="at_risk_alert",
            text=_("Urgent: someone may be at risk. Please look at the moderation queue."),
            url=reverse("safety:report_detail", args=[report.pk]),
        )
    return report

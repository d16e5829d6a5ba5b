"""Reports of posts, notes and members, and the flags they count: the only place that writes them.

A report that someone may be at risk is a priority alert (see `moderation.alerts`), never a flag."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from groups.models import Group, Post, SupportNote
from groups.services.discussion import set_flag_count
from notifications.services import notify

from ..alerts import raise_at_risk_alert
from ..models import Report, ReportReason, ReportStatus

MAX_DETAIL = 2000


class AlreadyReported(Exception):
    """The reporter already has an open report about this; `report` is that report."""

    def __init__(self, report: Report):
        super().__init__("already reported")
        self.report = report


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
    content: Post | SupportNote | None = post if post is not None else note
    if content is None:
        raise ValueError("recount_flags needs a post or a note")
    target = {"post": post} if post is not None else {"note": note}
    flags = (
        Report.objects.filter(status=ReportStatus.OPEN, reporter__isnull=False, **target)
        .exclude(reason=ReportReason.AT_RISK)
        .aggregate(n=Count("reporter", distinct=True))["n"]
    )
    set_flag_count(content, flags, hold_for_review=flags >= settings.FLAGS_TO_HIDE)
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

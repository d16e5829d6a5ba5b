"""/api/v1/reports and /api/v1/me/moderation: the same access and service functions as the moderation pages.

Moderators (site, or a group's staff) see the reports they may handle, in full; everyone else sees only the reports
they made, with their status. A report, action or appeal the caller may not see answers 404.
"""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError
from ninja.responses import Status

from accounts.models import User
from accounts.naming import UNNAMED, bylines, name_for
from groups.access import get_post_for_reader
from groups.models import Group, SupportNote
from lib.paging import check_page, page_field

from .. import access
from ..models import ActionKind, Report, ReportReason
from ..services import actions, appeals, reports, taking

router = Router(tags=["moderation"])

MAX_LIMIT = 100


class ReportPersonOut(Schema):
    username: str | None = Field(
        None, description="Always for moderators of the report; for others, beside a display name they may see."
    )
    display_name: str = Field(..., description="As the caller may see it (the site's moderators see it always).")


class ReportOut(Schema):
    id: int
    reason: str
    status: str
    created_at: datetime
    post_id: int | None
    note_id: int | None
    group_id: int | None
    member: ReportPersonOut | None = Field(None, description="Who the report is about.")
    # Only for moderators who may handle the report:
    priority: bool | None = None
    detail: str | None = None
    reporter: ReportPersonOut | None = None
    content_html: str | None = Field(None, description="The reported post or note, even when hidden (moderators).")
    content_status: str | None = None
    risk_kind: str | None = Field(None, description="At-risk alerts: overdose, suicide, self_harm, harm, or empty.")
    risk_kind_label: str | None = None
    waiting_seconds: int | None = Field(None, description="Open reports: how long it has waited.")
    taken_by: ReportPersonOut | None = Field(None, description="At-risk alerts: the moderator who took it.")
    taken_at: datetime | None = None
    escalated_at: datetime | None = Field(None, description="When the site's moderators were told of the alert.")


class ReportPage(Schema):
    count: int
    page: int
    limit: int
    items: list[ReportOut]


class ReportFilters(Schema):
    status: str = Field("open", pattern="^(open|actioned|dismissed|all)$", description="open, actioned, dismissed, all")
    mine: bool = Field(False, description="Only the reports I made (what members who are not moderators get).")
    page: int = page_field()
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


class ReportIn(Schema):
    model_config = {"extra": "forbid"}

    post_id: int | None = None
    note_id: int | None = None
    member: str | None = Field(None, description="A username, to report a member's behaviour.")
    group_id: int | None = Field(None, description="With `member`: the group where it happened.")
    reason: str = Field(..., description=f"One of {', '.join(ReportReason.values)}.")
    detail: str = Field("", max_length=reports.MAX_DETAIL)


class ActionIn(Schema):
    model_config = {"extra": "forbid"}

    kind: str = Field(..., description=f"One of {', '.join(ActionKind.values)}, or dismiss.")
    reason: str = Field("", max_length=actions.MAX_REASON, description="The member sees it (not for dismiss).")
    days: int | None = Field(None, ge=1, le=3650, description="For mute or suspend: how many days. Empty: no end.")


class ActionOut(Schema):
    id: int
    kind: str
    reason: str
    group_id: int | None
    post_id: int | None
    note_id: int | None
    created_at: datetime
    until: datetime | None
    appeal_status: str | None = None
    appeal_response: str | None = None
    appeal_decider: str | None = Field(None, description="Who decides the appeal, as a role (never a name).")


class AppealIn(Schema):
    model_config = {"extra": "forbid"}

    text: str = Field(..., max_length=appeals.MAX_APPEAL)


class AppealOut(Schema):
    id: int
    action_id: int
    status: str
    decider: str = Field(..., description="Who decides it, as a role: another moderator, the group's facilitator...")
    created_at: datetime


class DecisionIn(Schema):
    model_config = {"extra": "forbid"}

    overturn: bool = Field(..., description="true reverses the decision (and restores what can be restored).")
    response: str = Field(..., max_length=actions.MAX_REASON, description="The answer the member reads.")


class DecisionOut(Schema):
    id: int
    status: str
    response: str
    decided_at: datetime | None


def _people(viewer, reports: list[Report], *, full: bool) -> dict:
    """Everyone the reports name, as `viewer` may see them (accounts.naming, two queries). Moderators handling a
    report see the username always (they act on it) and the display name when they may (the site's moderators
    always); a reporter sees the person reported as anyone sees them beside what they wrote."""
    people = [u for r in reports for u in (r.member, r.reporter if full else None, r.taken_by if full else None)]
    lines = bylines(viewer, people, hidden=None if full else UNNAMED, moderation=full)
    out: dict = {None: None}
    for user in people:
        if user is not None:
            line = lines[user.pk]
            username = user.username if full else line.username
            out[user.pk] = {"username": username, "display_name": line.name}
    return out


def _report_out(report: Report, *, full: bool, people: dict) -> dict:
    """The report as `_people`'s viewer may see it (`people`: what `_people` made of the reports)."""

    def _person(user) -> dict | None:
        return people[user.pk if user is not None else None]

    out = {
        "id": report.pk,
        "reason": report.reason,
        "status": report.status,
        "created_at": report.created_at,
        "post_id": report.post_id,
        "note_id": report.note_id,
        "group_id": report.group_id,
        "member": _person(report.member),
    }
    if full:
        content = report.content
        out.update(
            priority=report.priority,
            detail=report.detail,
            reporter=_person(report.reporter),
            content_html=content.html if content is not None else None,
            content_status=content.status if content is not None else None,
            risk_kind=report.risk_kind,
            risk_kind_label=report.get_risk_kind_display() if report.risk_kind else "",
            waiting_seconds=(
                int((timezone.now() - report.created_at).total_seconds()) if report.status == "open" else None
            ),
            taken_by=_person(report.taken_by),
            taken_at=report.taken_at,
            escalated_at=report.escalated_at,
        )
    return out


def _action_out(action) -> dict:
    appeal = getattr(action, "appeal", None)
    return {
        "id": action.pk,
        "kind": action.kind,
        "reason": action.reason,
        "group_id": action.group_id,
        "post_id": action.post_id,
        "note_id": action.note_id,
        "created_at": action.created_at,
        "until": action.until,
        "appeal_status": appeal.status if appeal else None,
        "appeal_response": (appeal.response or None) if appeal else None,
        "appeal_decider": appeals.decider_text(appeal) if appeal else None,
    }


@router.post("/reports", response={201: ReportOut}, summary="Report a post, a note or a member")
def create_report(request, payload: ReportIn):
    """Exactly one of `post_id`, `note_id` or `member`. Only what the caller can see may be reported (404 otherwise).
    A second open report of the same thing by the same member answers 409."""
    user = request.auth
    targets = [name for name in ("post_id", "note_id", "member") if getattr(payload, name) not in (None, "")]
    if len(targets) != 1:
        raise ValidationError([{"loc": ("body", "post_id"), "msg": "give exactly one of post_id, note_id, member"}])
    if payload.group_id is not None and targets[0] != "member":
        raise ValidationError([{"loc": ("body", "group_id"), "msg": "only with member"}])
    fields = {"reason": payload.reason, "detail": payload.detail}
    try:
        if payload.post_id is not None:
            post = get_post_for_reader(user, payload.post_id)
            if post.deleted_at is not None:
                raise Http404
            report = reports.report_post(user, post, **fields)
        elif payload.note_id is not None:
            note = get_object_or_404(SupportNote.objects.received_by(user).select_related("sender"), pk=payload.note_id)
            report = reports.report_note(user, note, **fields)
        else:
            member = get_object_or_404(User.objects.filter(is_active=True), username=payload.member)
            group = None
            if payload.group_id is not None:
                group = get_object_or_404(Group.objects.visible_to(user), pk=payload.group_id)
            report = reports.report_member(user, member, group=group, **fields)
    except reports.AlreadyReported as already:
        raise HttpError(409, f"You already reported this (report {already.report.pk}).") from already
    return Status(201, _report_out(report, full=False, people=_people(user, [report], full=False)))


@router.get("/reports", response=ReportPage, summary="Reports: the queue for moderators, your own for others")
def list_reports(request, filters: Query[ReportFilters]):
    """Moderators get the reports they may handle (`status`: open, actioned, dismissed or all; priority first, then
    oldest). Others, or anyone with `mine=true`, get the reports they made, with their status only."""
    user = request.auth
    status, mine, page, limit = filters.status, filters.mine, filters.page, filters.limit
    check_page(page, limit)
    full = access.is_moderator(user) and not mine
    if full:
        queryset = access.urgent_first(access.reports_for_moderator(user))
    else:
        queryset = Report.objects.filter(reporter=user).select_related("member").order_by("-created_at", "-pk")
    if status != "all":
        queryset = queryset.filter(status=status)
    start = (page - 1) * limit
    page_items = list(queryset[start : start + limit])
    people = _people(user, page_items, full=full)
    items = [_report_out(r, full=full, people=people) for r in page_items]
    return {"count": queryset.count(), "page": page, "limit": limit, "items": items}


@router.get("/reports/{report_id}", response=ReportOut, summary="One report")
def get_report(request, report_id: int):
    user = request.auth
    report = access.reports_for_moderator(user).filter(pk=report_id).first()
    if report is not None:
        return _report_out(report, full=True, people=_people(user, [report], full=True))
    own = get_object_or_404(Report.objects.select_related("member"), pk=report_id, reporter=user)
    return _report_out(own, full=False, people=_people(user, [own], full=False))


@router.post("/reports/{report_id}/actions", response={201: ActionOut, 200: ReportOut}, summary="Act on a report")
def act_on_report(request, report_id: int, payload: ActionIn):
    """For moderators who may handle the report (404 for others). `dismiss` closes it with no action (200, the
    report); any other kind is taken with the reason the member sees (201, the action)."""
    user = request.auth
    report = access.get_report_for_moderator(user, report_id)
    try:
        if payload.kind == "dismiss":
            dismissed = actions.dismiss_report(user, report)
            return Status(200, _report_out(dismissed, full=True, people=_people(user, [dismissed], full=True)))
        if report.member is None:
            raise HttpError(400, "The member this report is about has left the site.")
        until = timezone.now() + timedelta(days=payload.days) if payload.days else None
        action = actions.take_action(
            user, kind=payload.kind, member=report.member, reason=payload.reason, report=report, until=until
        )
    except DjangoValidationError as error:
        messages = error.message_dict
        if "until" in messages:  # the API asks for a number of days
            messages["days"] = messages.pop("until")
        raise DjangoValidationError(messages) from error
    return Status(201, _action_out(action))


@router.post("/reports/{report_id}/take", response=ReportOut, summary="Take an at-risk alert (I'll take this)")
def take_report(request, report_id: int):
    """For moderators who may handle the alert (404 for others). Taking your own alert again answers 200; an alert
    another moderator took answers 409 and says who."""
    user = request.auth
    report = access.get_report_for_moderator(user, report_id)
    try:
        report = taking.take_alert(report, user)
    except taking.AlreadyTaken as taken:
        who = name_for(user, taken.report.taken_by, moderation=True) if taken.report.taken_by else "another moderator"
        raise HttpError(409, f"Already taken by {who}.") from taken
    return _report_out(report, full=True, people=_people(user, [report], full=True))


@router.delete("/reports/{report_id}/take", response=ReportOut, summary="Hand back an alert you took")
def release_report(request, report_id: int):
    user = request.auth
    report = access.get_report_for_moderator(user, report_id)
    released = taking.release_alert(report, user)
    return _report_out(released, full=True, people=_people(user, [released], full=True))


@router.get("/me/moderation", response=list[ActionOut], summary="Moderators' decisions about me")
def my_moderation(request):
    return [_action_out(a) for a in access.actions_about(request.auth)[:200]]


@router.post("/me/moderation/{action_id}/appeal", response={201: AppealOut}, summary="Appeal a decision")
def appeal_action(request, action_id: int, payload: AppealIn):
    action = access.get_action_for_member(request.auth, action_id)
    appeal = appeals.appeal(request.auth, action, payload.text)
    out = {"id": appeal.pk, "action_id": action.pk, "status": appeal.status, "created_at": appeal.created_at}
    return Status(201, {**out, "decider": appeals.decider_text(appeal)})


@router.post("/appeals/{appeal_id}/decision", response=DecisionOut, summary="Decide an appeal (not by its decider)")
def decide_appeal(request, appeal_id: int, payload: DecisionIn):
    appeal = access.get_appeal_for_moderator(request.auth, appeal_id)
    if not access.may_decide(request.auth, appeal):
        raise HttpError(403, "Another moderator, not the one who took the action, decides an appeal.")
    appeals.decide_appeal(request.auth, appeal, overturn=payload.overturn, response=payload.response)
    return {"id": appeal.pk, "status": appeal.status, "response": appeal.response, "decided_at": appeal.decided_at}

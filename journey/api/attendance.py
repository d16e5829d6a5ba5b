"""/api/v1/me/attendance: the meetings the member went to, with the same access and service functions as the pages."""

import datetime as dt

from django.http import Http404, HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.responses import Status

from directory.access import get_meeting_for_viewer
from lib.paging import next_link, page_field, page_of

from ..access import get_own
from ..models import Attendance, today_for
from ..services import attendance as services

router = Router(tags=["my recovery"])


class AttendanceOut(Schema):
    id: int
    date: dt.date
    meeting_id: int | None = Field(..., description="The directory meeting, if it was one (and is still listed).")
    name: str
    online: bool
    note: str


class AttendanceIn(Schema):
    model_config = {"extra": "forbid"}

    date: dt.date | None = Field(None, description="Default: today in the member's time zone. Not in the future.")
    meeting_id: int | None = Field(None, description="A meeting of the directory; or give `name`.")
    name: str = Field("", max_length=services.MAX_NAME, description="Required without `meeting_id`.")
    online: bool | None = Field(None, description="Default: whether the directory meeting is online only.")
    note: str = Field("", max_length=services.MAX_NOTE)


class AttendanceFilter(Schema):
    date_from: dt.date | None = Field(None, alias="from", description="First date, inclusive.")
    date_to: dt.date | None = Field(None, alias="to", description="Last date, inclusive.")
    page: int = page_field("Newest first; a `Link: rel=next` header points at the next page.")
    limit: int = Field(100, ge=1, le=500)


class WeekOut(Schema):
    week_of: dt.date = Field(..., description="The Monday of the week.")
    count: int


class SummaryOut(Schema):
    this_week: int = Field(..., description="Since Monday, in the member's time zone.")
    last_30_days: int
    total: int
    weeks: list[WeekOut] = Field(..., description="The last 12 weeks, oldest first, this week last.")


@router.get("/me/attendance", response=list[AttendanceOut], summary="Meetings I went to")
def list_attendance(request, response: HttpResponse, filters: Query[AttendanceFilter]):
    rows = Attendance.objects.owned_by(request.auth)
    if filters.date_from:
        rows = rows.filter(date__gte=filters.date_from)
    if filters.date_to:
        rows = rows.filter(date__lte=filters.date_to)
    paged = page_of(rows, filters.page, filters.limit)
    if link := next_link(request, paged):
        response["Link"] = link
    return paged.items


@router.get("/me/attendance/summary", response=SummaryOut, summary="How many meetings I went to")
def attendance_summary(request):
    today = today_for(request.auth)
    counts = services.attendance_counts(request.auth, today=today)
    weeks = services.attendance_by_week(request.auth, today=today)
    return {**counts, "weeks": [{"week_of": monday, "count": count} for monday, count in weeks]}


@router.post("/me/attendance", response={201: AttendanceOut}, summary="I went to a meeting")
def add_attendance(request, payload: AttendanceIn):
    today = today_for(request.auth)
    values = payload.model_dump()
    meeting_id = values.pop("meeting_id")
    meeting = None
    if meeting_id is not None:
        try:
            meeting = get_meeting_for_viewer(request.auth, meeting_id)
        except Http404:
            raise ValidationError([{"loc": ("body", "meeting_id"), "msg": "No such meeting."}]) from None
    attendance = services.record_attendance(
        request.auth, today=today, meeting=meeting, **{**values, "date": values["date"] or today}
    )
    return Status(201, attendance)


@router.delete("/me/attendance/{attendance_id}", response={204: None}, summary="Remove a meeting I noted")
def remove_attendance(request, attendance_id: int):
    services.delete_attendance(get_own(Attendance, request.auth, attendance_id))
    return Status(204, None)

"""The member's check-ins at /api/v1/me/checkins, their triggers and their reminder: the pages' services."""

import datetime as dt
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Annotated

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.responses import Status
from pydantic import WithJsonSchema

from ..models import CheckIn, CheckInReminder, today_for, triggers_by_name
from ..services import checkins as services
from ..tasks import verified_email

router = Router(tags=["my recovery"])

# A time of day in the member's zone, without an offset: JSON Schema's `format: time` would demand one ("…Z").
LocalTime = Annotated[
    dt.time,
    WithJsonSchema({"type": "string", "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?$"}),
]

DEFAULT_DAYS = 30
MAX_RANGE_DAYS = 366

Rating = int | None


class CheckInFields(Schema):
    model_config = {"extra": "forbid"}

    mood: int = Field(..., ge=1, le=5, description="1 (very low) to 5 (very good).")
    craving: int | None = Field(None, ge=0, le=10, description="0 (none) to 10.")
    triggers: list[str] = Field(
        default_factory=list,
        max_length=services.MAX_TRIGGERS_PER_CHECKIN,
        description="Names; new ones join the member's list (matched ignoring case).",
    )
    hungry: bool = False
    angry: bool = False
    lonely: bool = False
    tired: bool = False
    sleep_hours: Decimal | None = Field(None, ge=0, le=24, decimal_places=1)
    sleep_quality: Rating = Field(None, ge=1, le=5)
    went_to_meeting: bool = False
    reached_out: bool = False
    health: Rating = Field(None, ge=1, le=5)
    home: Rating = Field(None, ge=1, le=5)
    purpose: Rating = Field(None, ge=1, le=5)
    community: Rating = Field(None, ge=1, le=5)
    note: str = Field("", max_length=services.MAX_NOTE)
    pledged: bool = False
    pledge: str = Field("", max_length=services.MAX_PLEDGE, description="Writing a pledge sets `pledged`.")


class CheckInIn(CheckInFields):
    date: dt.date | None = Field(None, description="The member's day; default today in their time zone.")


class CheckInOut(Schema):
    date: dt.date
    mood: int
    craving: int | None
    triggers: list[str]
    hungry: bool
    angry: bool
    lonely: bool
    tired: bool
    sleep_hours: Decimal | None
    sleep_quality: int | None
    went_to_meeting: bool
    reached_out: bool
    health: int | None
    home: int | None
    purpose: int | None
    community: int | None
    note: str
    pledged: bool
    pledge: str
    created_at: datetime
    updated_at: datetime


class ReminderIn(Schema):
    model_config = {"extra": "forbid"}

    time: LocalTime = Field(..., description="HH:MM in the member's time zone.")
    enabled: bool = True
    by_email: bool = Field(False, description="Also email the member's verified address.")


class ReminderOut(Schema):
    enabled: bool
    time: LocalTime | None
    by_email: bool
    next_at: datetime | None = Field(..., description="The next reminder (UTC); null when off.")
    has_verified_email: bool


class Period(Schema):
    date_from: dt.date | None = Field(None, alias="from", description="First day; default 29 days before `to`.")
    date_to: dt.date | None = Field(None, alias="to", description="Last day; default today.")


def _out(checkin: CheckIn) -> dict:
    values = {name: getattr(checkin, name) for name in services.CHECKIN_FIELDS}
    values["triggers"] = sorted((t.name for t in checkin.triggers.all()), key=str.casefold)
    return {"date": checkin.date, "created_at": checkin.created_at, "updated_at": checkin.updated_at, **values}


def _parse_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationError([{"loc": ("path", "date"), "msg": "must be a date as YYYY-MM-DD"}]) from None


def _own_checkin_on(user, day: date) -> CheckIn:
    checkin = CheckIn.objects.owned_by(user).filter(date=day).prefetch_related("triggers").first()
    if checkin is None:
        raise Http404("No check-in on this day.")
    return checkin


def _record(user, day: date | None, payload: CheckInFields) -> tuple[CheckIn, bool]:
    values = payload.model_dump(exclude={"date"})
    return services.record_checkin(user, today=today_for(user), date=day, **values)


def _reminder_out(user) -> dict:
    reminder = CheckInReminder.objects.owned_by(user).first()
    return {
        "enabled": bool(reminder and reminder.enabled),
        "time": reminder.time if reminder else None,
        "by_email": bool(reminder and reminder.by_email),
        "next_at": reminder.next_at if reminder and reminder.enabled else None,
        "has_verified_email": verified_email(user) is not None,
    }


# The reminder's paths come before /me/checkins/{date} so that "reminder" is never read as a date.
@router.get("/me/checkins/reminder", response=ReminderOut, summary="My daily check-in reminder")
def get_reminder(request):
    return _reminder_out(request.auth)


@router.put("/me/checkins/reminder", response=ReminderOut, summary="Set my daily check-in reminder")
def put_reminder(request, payload: ReminderIn):
    services.set_reminder(request.auth, **payload.model_dump())
    return _reminder_out(request.auth)


@router.get("/me/triggers", response=list[str], summary="My list of triggers")
def list_triggers(request):
    return [t.name for t in triggers_by_name(request.auth)]


@router.get("/me/checkins", response=list[CheckInOut], summary="My check-ins, newest first")
def list_checkins(request, period: Query[Period]):
    date_to = period.date_to or today_for(request.auth)
    date_from = period.date_from or date_to - timedelta(days=DEFAULT_DAYS - 1)
    if date_from > date_to:
        raise ValidationError([{"loc": ("query", "from"), "msg": "must be on or before `to`"}])
    if (date_to - date_from).days + 1 > MAX_RANGE_DAYS:
        raise ValidationError([{"loc": ("query", "from"), "msg": f"the range may cover at most {MAX_RANGE_DAYS} days"}])
    checkins = (
        CheckIn.objects.owned_by(request.auth)
        .filter(date__gte=date_from, date__lte=date_to)
        .prefetch_related("triggers")
        .order_by("-date")
    )
    return [_out(c) for c in checkins]


@router.post("/me/checkins", response={200: CheckInOut, 201: CheckInOut}, summary="Check in (again the same day: edit)")
def post_checkin(request, payload: CheckInIn):
    checkin, created = _record(request.auth, payload.date, payload)
    return Status(201 if created else 200, _out(_own_checkin_on(request.auth, checkin.date)))


@router.get("/me/checkins/{day}", response=CheckInOut, summary="My check-in of one day")
def get_checkin(request, day: str):
    return _out(_own_checkin_on(request.auth, _parse_day(day)))


@router.put(
    "/me/checkins/{day}", response={200: CheckInOut, 201: CheckInOut}, summary="Record or replace a day's check-in"
)
def put_checkin(request, day: str, payload: CheckInFields):
    checkin, created = _record(request.auth, _parse_day(day), payload)
    return Status(201 if created else 200, _out(_own_checkin_on(request.auth, checkin.date)))


@router.delete("/me/checkins/{day}", response={204: None}, summary="Delete a day's check-in")
def delete_checkin(request, day: str):
    services.delete_checkin(_own_checkin_on(request.auth, _parse_day(day)))
    return Status(204, None)

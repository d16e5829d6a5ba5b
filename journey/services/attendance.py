"""Meetings the member went to: recording and deleting them, and the counts the pages and the dashboard show.

Writes raise `django.core.exceptions.ValidationError` keyed by field name. `today` is the member's date
(`today_for`), passed in so that tests never patch the clock. The helpers below read only the member's own rows.
"""

import calendar
from collections import Counter as Tally
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from directory.models import Attendance as MeetingAttendance

from ..models import Attendance

MAX_NAME = 200
MAX_NOTE = 500
# How far back a member may record a meeting: about ten years.
MAX_DAYS_BACK = 3653


def _check(*, today: date, day: date, name: str, note: str) -> None:
    errors: dict[str, str] = {}
    if day > today:
        errors["date"] = _("The date can't be in the future.")
    elif day < today - timedelta(days=MAX_DAYS_BACK):
        errors["date"] = _("Choose a date in the last ten years.")
    if not name:
        errors["name"] = _("Name the meeting, in your own words.")
    elif len(name) > MAX_NAME:
        errors["name"] = _("Keep the name to %(count)d characters.") % {"count": MAX_NAME}
    if len(note) > MAX_NOTE:
        errors["note"] = _("Keep the note to %(count)d characters.") % {"count": MAX_NOTE}
    if errors:
        raise ValidationError(errors)


def record_attendance(
    user, *, today: date, date: date, meeting=None, name: str = "", online: bool | None = None, note: str = ""
) -> Attendance:
    """Note that the member went to a meeting on `date`.

    With a directory `meeting`, the name defaults to the meeting's name and `online` to whether it meets online
    only (a hybrid meeting counts as in person unless the member says otherwise); without one, the member's own
    name for it is required. One query.
    """
    name = (name or "").strip()
    note = (note or "").strip()
    if meeting is not None:
        name = name or meeting.name[:MAX_NAME]
        if online is None:
            online = meeting.attendance == MeetingAttendance.ONLINE
    _check(today=today, day=date, name=name, note=note)
    return Attendance.objects.create(user=user, date=date, meeting=meeting, name=name, online=bool(online), note=note)


def delete_attendance(attendance: Attendance) -> None:
    attendance.delete()


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def attendance_by_week(user, *, today: date, weeks: int = 12) -> list[tuple[date, int]]:
    """Meetings per week (Monday to Sunday, the member's dates) for the last `weeks` weeks, oldest first,
    this week included; weeks with none count 0. One query."""
    this_monday = monday_of(today)
    first = this_monday - timedelta(weeks=weeks - 1)
    days = Attendance.objects.owned_by(user).filter(date__gte=first, date__lte=this_monday + timedelta(days=6))
    tally = Tally(monday_of(d) for d in days.values_list("date", flat=True))
    return [(first + timedelta(weeks=i), tally.get(first + timedelta(weeks=i), 0)) for i in range(weeks)]


def attendance_counts(user, *, today: date) -> dict[str, int]:
    """`this_week` (since Monday), `last_30_days` (today and the 29 days before) and `total`. One query."""
    monday = monday_of(today)
    counts = Attendance.objects.owned_by(user).aggregate(
        this_week=Count("pk", filter=Q(date__gte=monday, date__lte=today)),
        last_30_days=Count("pk", filter=Q(date__gt=today - timedelta(days=30), date__lte=today)),
        total=Count("pk"),
    )
    return {name: counts[name] or 0 for name in ("this_week", "last_30_days", "total")}


def month_calendar(user, year: int, month: int) -> list[list[tuple[date, int, bool]]]:
    """The month as weeks (Monday first) of (day, meetings that day, whether the day is in this month).

    Days from the neighbouring months fill the first and last weeks and are counted too. One query.
    """
    weeks = calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)
    first, last = weeks[0][0], weeks[-1][-1]
    rows = (
        Attendance.objects.owned_by(user)
        .filter(date__gte=first, date__lte=last)
        .values("date")
        .annotate(n=Count("pk"))
        .order_by()
    )
    per_day = {row["date"]: row["n"] for row in rows}
    return [[(day, per_day.get(day, 0), day.month == month) for day in week] for week in weeks]

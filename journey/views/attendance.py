"""Pages of My recovery: the meetings I went to (a month calendar, counts, and "I went" from a meeting's page)."""

from datetime import date, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.access import get_meeting_for_viewer

from ..access import get_own
from ..forms import add_service_errors
from ..forms.attendance import AttendanceForm, WentForm
from ..models import Attendance, today_for
from ..services import attendance as services


def _month(value: str | None, today: date) -> date:
    """The first day of the month asked for as `?month=YYYY-MM` (this month when missing, malformed, in the
    future or before 1900)."""
    this_month = today.replace(day=1)
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        return this_month
    return first if date(1900, 1, 1) <= first <= this_month else this_month


def _neighbours(first: date) -> tuple[date, date]:
    previous = (first.replace(day=1) - timedelta(days=1)).replace(day=1)
    following = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
    return previous, following


@login_required
def attendance_page(request):
    today = today_for(request.user)
    first = _month(request.GET.get("month"), today)
    form = AttendanceForm(request.POST or None, initial={"date": today})
    if request.method == "POST" and form.is_valid():
        try:
            attendance = services.record_attendance(request.user, today=today, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Noted: you went to “%(name)s”.") % {"name": attendance.name})
            return redirect(f"{reverse('journey:attendance')}?month={attendance.date:%Y-%m}")
    previous, following = _neighbours(first)
    entries = (
        Attendance.objects.owned_by(request.user)
        .filter(date__year=first.year, date__month=first.month)
        .select_related("meeting")
    )
    context = {
        "form": form,
        "month": first,
        "weeks": services.month_calendar(request.user, first.year, first.month),
        "weekdays": [date(2024, 1, day) for day in range(1, 8)],  # 1 January 2024 was a Monday
        "previous": previous,
        "following": following if following <= today else None,
        "counts": services.attendance_counts(request.user, today=today),
        "entries": entries,
        "today": today,
    }
    return render(request, "journey/attendance/attendance.html", context)


@login_required
@require_POST
def add_from_meeting(request, meeting_id):
    meeting = get_meeting_for_viewer(request.user, meeting_id)
    today = today_for(request.user)
    form = WentForm(request.POST)
    day = (form.cleaned_data.get("date") if form.is_valid() else None) or today
    try:
        services.record_attendance(request.user, today=today, date=day, meeting=meeting)
    except ValidationError as error:
        messages.error(request, " ".join(m for msgs in error.message_dict.values() for m in msgs))
    else:
        if day == today:
            text = _("Noted: you went to “%(name)s”. Well done for showing up.") % {"name": meeting.name}
        else:
            text = _("Noted: you went to “%(name)s” on %(date)s.") % {"name": meeting.name, "date": date_format(day)}
        messages.success(request, text)
    return redirect("directory:meeting", meeting_id=meeting.pk)


@login_required
def attendance_delete(request, attendance_id):
    attendance = get_own(Attendance, request.user, attendance_id)
    if request.method == "POST":
        services.delete_attendance(attendance)
        messages.success(request, _("Removed “%(name)s” from your meetings.") % {"name": attendance.name})
        return redirect(f"{reverse('journey:attendance')}?month={attendance.date:%Y-%m}")
    return render(request, "journey/attendance/delete.html", {"attendance": attendance})


urlpatterns = [
    path("me/recovery/meetings/", attendance_page, name="attendance"),
    path("me/recovery/meetings/went/<int:meeting_id>/", add_from_meeting, name="attendance_add_meeting"),
    path("me/recovery/meetings/<int:attendance_id>/delete/", attendance_delete, name="attendance_delete"),
]

"""One meeting: its page, its calendar file, and "report a correction"."""

import re
from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.formats import date_format, time_format
from django.utils.timezone import now
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from lib.clientip import client_ip

from .. import services
from ..access import can_steward, get_meeting_for_viewer
from ..forms import CorrectionForm
from ..ics import meeting_ics_response
from ..models import Meeting, MeetingType, SavedMeeting
from ..times import occurrence_around


def _moment(value, *, with_date: bool = False) -> dict:
    """A datetime formatted in its own zone (the template `date` filter would convert it to the viewer's)."""
    shown = {
        "weekday": date_format(value, "l"),
        "time": time_format(value, "TIME_FORMAT"),
        "zone": value.tzname(),
    }
    if with_date:
        shown["date"] = date_format(value, "DATE_FORMAT")
    return shown


def _duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return _("%(hours)s h %(minutes)s min") % {"hours": hours, "minutes": rest}
    if hours:
        return ngettext("%(count)s hour", "%(count)s hours", hours) % {"count": hours}
    return ngettext("%(count)s minute", "%(count)s minutes", rest) % {"count": rest}


def _when(meeting: Meeting, user) -> dict:
    current = now()
    start, end = occurrence_around(meeting, current)
    when = {
        "local": _moment(start, with_date=True),
        "end": _moment(end),
        "ends_next_day": end.date() != start.date(),
        "in_progress": start <= current < end,
        "duration": _duration_text(meeting.duration_minutes or 60),
        "start": start,
    }
    if user.is_authenticated:
        viewer_start = start.astimezone(user.zone)
        if viewer_start.utcoffset() != start.utcoffset() or viewer_start.tzname() != start.tzname():
            when["viewer"] = _moment(viewer_start, with_date=True)
            when["viewer_zone_name"] = user.zone.key
    return when


def dial_link(phone: str) -> str:
    """A one-tap tel: link; commas (pauses) are kept and # is escaped so it is not read as a fragment."""
    kept = re.sub(r"[^0-9+,*#]", "", phone or "")
    return "tel:" + kept.replace("#", "%23") if kept else ""


def _where(meeting: Meeting) -> dict | None:
    if not meeting.is_in_person:
        return None
    exact = meeting.latitude is not None and meeting.longitude is not None and not meeting.approximate
    if exact:
        directions = f"https://www.openstreetmap.org/directions?to={meeting.latitude},{meeting.longitude}"
    elif meeting.formatted_address:
        directions = "https://www.openstreetmap.org/search?" + urlencode({"query": meeting.formatted_address})
    else:
        directions = ""
    return {
        "directions_url": directions,
        "geo_url": f"geo:{meeting.latitude},{meeting.longitude}" if exact else "",
    }


def _types(meeting: Meeting) -> list[dict]:
    language = get_language() or "en"
    codes = [str(code) for code in meeting.types or []]
    known = {t.code: t for t in MeetingType.objects.filter(program_id=meeting.program_id, code__in=codes)}
    explained = []
    for code in codes:
        meeting_type = known.get(code)
        if meeting_type is None:
            explained.append({"code": code, "label": code, "description": ""})
        else:
            explained.append(
                {
                    "code": code,
                    "label": meeting_type.label(language),
                    "description": meeting_type.description(language),
                }
            )
    return explained


def _group_meetings(meeting: Meeting):
    if not meeting.group_name:
        return Meeting.objects.none()
    return (
        Meeting.objects.filter(source=meeting.source, group_name=meeting.group_name, is_active=True)
        .exclude(pk=meeting.pk)
        .order_by("day", "time")
    )


def is_saved(user, meeting: Meeting) -> bool:
    return user.is_authenticated and SavedMeeting.objects.filter(user=user, meeting=meeting).exists()


def meeting_detail(request, meeting_id):
    meeting = get_meeting_for_viewer(request.user, meeting_id)
    context = {
        "meeting": meeting,
        "when": _when(meeting, request.user),
        "where": _where(meeting),
        "dial_url": dial_link(meeting.conference_phone),
        "types": _types(meeting),
        "group_meetings": _group_meetings(meeting),
        "saved": is_saved(request.user, meeting),
        "last_updated": meeting.source_updated or meeting.updated_at,
        "can_steward": can_steward(request.user, meeting.source),
    }
    return render(request, "directory/meeting_detail.html", context)


def meeting_ics(request, meeting_id):
    meeting = get_meeting_for_viewer(request.user, meeting_id)
    return meeting_ics_response(meeting, request)


def _client_address(request) -> str:
    return client_ip(request) or "unknown"


def report_correction(request, meeting_id):
    meeting = get_meeting_for_viewer(request.user, meeting_id)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST":
        if not services.may_report_correction(request.user, _client_address(request)):
            return render(
                request,
                "directory/correction_form.html",
                {"meeting": meeting, "form": form, "too_many": True},
                status=429,
            )
        if form.is_valid():
            services.report_correction(
                meeting,
                message=form.cleaned_data["message"],
                contact=form.cleaned_data["contact"],
                reporter=request.user,
                address=_client_address(request),
            )
            messages.success(request, _("Thank you. The people who keep this listing will check your correction."))
            return redirect("directory:meeting", meeting_id=meeting.pk)
    return render(request, "directory/correction_form.html", {"meeting": meeting, "form": form})

"""iCalendar files for meetings: one meeting, or a member's saved meetings as one calendar.

Each meeting is one weekly recurring VEVENT whose start is a local wall time in the meeting's IANA zone
(`DTSTART;TZID=...` plus `RRULE:FREQ=WEEKLY`), never a UTC conversion, so calendar apps keep it at the same
local time across daylight-saving changes. Each zone used gets a VTIMEZONE. The UID is stable, so
downloading the file again or refreshing a subscription updates the event instead of adding a second one.
"""

from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone

from .times import occurrence_around

BYDAY = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"]  # Meeting Guide day 0 is Sunday
PRODID = "-//PeerHaven//Meeting directory//EN"
# How many years of daylight-saving rules each VTIMEZONE spells out (calendar apps that know the zone by
# name use their own rules; the rest use these).
VTIMEZONE_YEARS = 15


def site_host(request=None) -> str:
    """The host named in UIDs: the configured site, so a UID does not change with how the site was reached."""
    host = urlsplit(settings.SITE_URL).hostname
    if not host and request is not None:
        host = request.get_host().split(":")[0]
    return host or "peerhaven.invalid"


def meeting_uid(meeting, request=None) -> str:
    return f"meeting-{meeting.pk}@{site_host(request)}"


def _absolute(path: str, request=None) -> str:
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.SITE_URL.rstrip("/") + path


def _location(meeting) -> str:
    if meeting.is_in_person or (meeting.formatted_address and not meeting.is_online):
        parts = [part for part in (meeting.location_name, meeting.formatted_address) if part]
        if parts:
            return ", ".join(parts)
    if meeting.is_online:
        return "Online"
    return meeting.location_name or meeting.formatted_address


def _description(meeting, page_url: str) -> str:
    lines = []
    if meeting.conference_url:
        lines.append(meeting.conference_url)
        if meeting.conference_url_notes:
            lines.append(meeting.conference_url_notes)
    if meeting.conference_phone:
        lines.append(meeting.conference_phone)
        if meeting.conference_phone_notes:
            lines.append(meeting.conference_phone_notes)
    if meeting.location_notes:
        lines.append(meeting.location_notes)
    if meeting.notes:
        lines.append(meeting.notes)
    lines.append(page_url)
    return "\n\n".join(line.strip() for line in lines if line.strip())


def meeting_event(meeting, *, now: datetime, request=None) -> icalendar.Event:
    """The weekly VEVENT of one meeting, starting at its next (or current) occurrence."""
    zone = meeting.zone
    occurrence_start, _end = occurrence_around(meeting, now)
    # The wall time as listed; the RRULE repeats it, and a calendar app moves one that falls in a DST gap.
    start = datetime.combine(occurrence_start.date(), meeting.time, tzinfo=zone)
    if meeting.end_time is not None:
        end_day = start.date()
        if (meeting.end_time.hour, meeting.end_time.minute) <= (meeting.time.hour, meeting.time.minute):
            end_day += timedelta(days=1)
        end = datetime.combine(end_day, meeting.end_time, tzinfo=zone)
    else:
        end = start + timedelta(minutes=meeting.duration_minutes or 60)  # wall-clock arithmetic

    page_url = _absolute(reverse("directory:meeting", args=[meeting.pk]), request)
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting, request))
    event.add("dtstamp", now.astimezone(UTC))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("rrule", {"freq": "weekly", "byday": BYDAY[meeting.day]})
    event.add("summary", meeting.name)
    location = _location(meeting)
    if location:
        event.add("location", location)
    if meeting.latitude is not None and meeting.longitude is not None and not meeting.approximate:
        event.add("geo", (meeting.latitude, meeting.longitude))
    event.add("url", page_url)
    event.add("description", _description(meeting, page_url))
    modified = meeting.source_updated or meeting.updated_at
    if modified:
        event.add("last-modified", modified.astimezone(UTC))
    return event


def calendar_for(meetings, *, request=None, name: str = "", now: datetime | None = None) -> icalendar.Calendar:
    now = now or timezone.now()
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    if name:
        calendar.add("x-wr-calname", name)
    events = [meeting_event(meeting, now=now, request=request) for meeting in meetings]
    first_date = min((event.decoded("dtstart").date() for event in events), default=now.date())
    first_date = date(first_date.year - 1, 1, 1)
    last_date = date(first_date.year + VTIMEZONE_YEARS, 1, 1)
    for zone_name in sorted({meeting.timezone for meeting in meetings}):
        calendar.add_component(icalendar.Timezone.from_tzid(zone_name, first_date=first_date, last_date=last_date))
    for event in events:
        calendar.add_component(event)
    return calendar


def meeting_ics(meeting, request=None, *, now: datetime | None = None) -> bytes:
    return calendar_for([meeting], request=request, name=meeting.name, now=now).to_ical()


def meetings_ics(meetings, request=None, *, name: str = "", now: datetime | None = None) -> bytes:
    return calendar_for(list(meetings), request=request, name=name, now=now).to_ical()


def ics_response(body: bytes, *, filename: str, attachment: bool = True) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def meeting_ics_response(meeting, request) -> HttpResponse:
    """The .ics download of one meeting, for the page route and the API alike."""
    return ics_response(meeting_ics(meeting, request), filename=f"meeting-{meeting.pk}.ics")

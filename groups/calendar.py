"""An event as an iCalendar file (.ics), for a member's own calendar app. No request, no query: the view passes
the event's page address and the site's host."""

from datetime import UTC, timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Event, EventStatus

PRODID = "-//PeerHaven//Events//EN"


def event_file(event: Event, *, page_url: str, host: str) -> bytes:
    """One VEVENT in the event's own zone (DTSTART;TZID=... with its VTIMEZONE), a stable UID (`event-<id>@host`),
    no attendees; a cancelled event stays in the file, marked CANCELLED, so calendars drop it."""
    zone = ZoneInfo(event.time_zone)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    start = event.starts_at.astimezone(zone)
    first = start.date().replace(month=1, day=1)
    calendar.add_component(
        icalendar.Timezone.from_tzid(event.time_zone, first_date=first, last_date=first + timedelta(days=3 * 366))
    )
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@{host}")
    item.add("dtstamp", timezone.now().astimezone(UTC))
    item.add("dtstart", start)
    item.add("dtend", event.ends_at.astimezone(zone))
    item.add("summary", event.title)
    item.add("url", page_url)
    item.add("description", page_url)
    item.add("location", _("Online") if event.online else event.location)
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    calendar.add_component(item)
    return calendar.to_ical()

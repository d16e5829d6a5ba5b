"""Calendar files: a weekly event at the meeting's own local time, with a UID that never changes."""

from datetime import datetime, time
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
import pytest
from dateutil.rrule import rrulestr
from django.conf import settings
from django.test import RequestFactory

from directory.ics import meeting_ics, meeting_ics_response, meetings_ics
from directory.models import Meeting, Program

pytestmark = pytest.mark.django_db

LA = ZoneInfo("America/Los_Angeles")
UTC = ZoneInfo("UTC")


@pytest.fixture
def meeting():
    return Meeting.objects.create(
        program=Program.objects.get(slug="na"),
        name="Just for Today",
        day=3,
        time=time(20, 0),
        end_time=time(21, 30),
        timezone="America/Los_Angeles",
        location_name="St. Mark's Hall",
        formatted_address="1 Main St, Springfield, CA 90001, USA",
        conference_url="https://us02web.zoom.us/j/123",
        conference_url_notes="Passcode: hope",
        conference_phone="+16699006833,,123#",
    )


def parse(body: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(body)


def only_event(calendar) -> icalendar.Event:
    (event,) = calendar.walk("VEVENT")
    return event


def test_the_download_is_a_calendar_attachment(client, meeting):
    response = client.get(f"/meetings/{meeting.pk}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}.ics"'


def test_the_event_repeats_weekly_on_the_meeting_day_with_its_zone(client, meeting):
    calendar = parse(client.get(f"/meetings/{meeting.pk}.ics").content)
    event = only_event(calendar)
    assert event["RRULE"].to_ical() == b"FREQ=WEEKLY;BYDAY=WE"
    assert event["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/Los_Angeles"]
    start, end = event.decoded("DTSTART"), event.decoded("DTEND")
    assert start.weekday() == 2 and start.time() == time(20, 0)
    assert end.time() == time(21, 30) and end.date() == start.date()
    assert str(event["SUMMARY"]) == "Just for Today"
    assert str(event["URL"]) == f"http://testserver/meetings/{meeting.pk}/"


def test_the_uid_is_stable_across_requests(client, meeting):
    first = only_event(parse(client.get(f"/meetings/{meeting.pk}.ics").content))
    second = only_event(parse(client.get(f"/meetings/{meeting.pk}.ics").content))
    assert str(first["UID"]) == str(second["UID"])
    assert str(first["UID"]).startswith(f"meeting-{meeting.pk}@")


def test_dtstart_keeps_the_local_time_across_a_dst_change(meeting):
    before = only_event(parse(meeting_ics(meeting, now=datetime(2026, 10, 20, 12, 0, tzinfo=UTC))))
    after = only_event(parse(meeting_ics(meeting, now=datetime(2026, 10, 29, 6, 0, tzinfo=UTC))))
    assert before.decoded("DTSTART").isoformat() == "2026-10-21T20:00:00-07:00"
    assert after.decoded("DTSTART").isoformat() == "2026-11-04T20:00:00-08:00"
    # Expanding the rule over the change keeps 20:00 local each week, an hour later in UTC.
    start = before.decoded("DTSTART")
    rule = rrulestr(before["RRULE"].to_ical().decode(), dtstart=start.replace(tzinfo=None))
    weeks = [moment.replace(tzinfo=LA) for moment in rule[:3]]
    assert [w.time() for w in weeks] == [time(20, 0)] * 3
    assert [w.astimezone(UTC).hour for w in weeks] == [3, 3, 4]


def test_a_meeting_past_midnight_ends_the_next_day(meeting):
    meeting.time, meeting.end_time = time(23, 30), time(0, 30)
    meeting.save()
    event = only_event(parse(meeting_ics(meeting, now=datetime(2026, 10, 20, 12, 0, tzinfo=UTC))))
    assert event.decoded("DTEND") - event.decoded("DTSTART") == datetime(2000, 1, 2, 0, 30) - datetime(
        2000, 1, 1, 23, 30
    )
    assert event.decoded("DTEND").date() > event.decoded("DTSTART").date()


def test_location_and_description_carry_the_address_and_how_to_join(client, meeting):
    event = only_event(parse(client.get(f"/meetings/{meeting.pk}.ics").content))
    assert str(event["LOCATION"]) == "St. Mark's Hall, 1 Main St, Springfield, CA 90001, USA"
    description = str(event["DESCRIPTION"])
    assert "https://us02web.zoom.us/j/123" in description and "Passcode: hope" in description
    assert "+16699006833,,123#" in description


def test_an_online_meeting_is_located_online(client, meeting):
    meeting.approximate = True
    meeting.save()
    event = only_event(parse(client.get(f"/meetings/{meeting.pk}.ics").content))
    assert str(event["LOCATION"]) == "Online"


def test_an_inactive_meeting_has_no_calendar_file(client, meeting):
    meeting.is_active = False
    meeting.save()
    assert client.get(f"/meetings/{meeting.pk}.ics").status_code == 404


def test_a_list_of_meetings_has_one_vtimezone_per_zone(meeting):
    madrid = Meeting.objects.create(
        program=meeting.program, name="Madrid", day=0, time=time(9, 0), timezone="Europe/Madrid"
    )
    also_la = Meeting.objects.create(
        program=meeting.program, name="LA 2", day=1, time=time(7, 0), timezone="America/Los_Angeles"
    )
    calendar = parse(meetings_ics([meeting, madrid, also_la], name="Mine"))
    assert sorted(str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")) == ["America/Los_Angeles", "Europe/Madrid"]
    assert len(calendar.walk("VEVENT")) == 3
    assert {str(e["RRULE"].to_ical(), "ascii") for e in calendar.walk("VEVENT")} == {
        "FREQ=WEEKLY;BYDAY=WE",
        "FREQ=WEEKLY;BYDAY=SU",
        "FREQ=WEEKLY;BYDAY=MO",
    }


def test_meeting_ics_response_serves_any_caller_such_as_the_api(meeting):
    request = RequestFactory().get("/api/v1/meetings/1.ics")
    response = meeting_ics_response(meeting, request)
    assert response["Content-Type"].startswith("text/calendar")
    host = urlsplit(settings.SITE_URL).hostname
    assert only_event(parse(response.content))["UID"] == f"meeting-{meeting.pk}@{host}"

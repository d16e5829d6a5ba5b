from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from directory.models import Meeting, Program

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return Meeting.objects.create(
        program=Program.objects.get(slug="na"),
        name="Just for Today",
        day=3,
        time=time(20, 0),
        timezone="America/Los_Angeles",
        conference_url="https://meet.example.org/jft",
    )


def test_meeting_list_and_page_are_public(client, meeting):
    assert "Just for Today" in client.get("/meetings/").content.decode()
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200


def test_filter_by_program(client, meeting):
    assert "Just for Today" not in client.get("/meetings/?program=aa").content.decode()
    assert "Just for Today" in client.get("/meetings/?program=na").content.decode()
    assert client.get("/meetings/?program=nope").status_code == 404


def test_inactive_meetings_are_hidden(client, meeting):
    meeting.is_active = False
    meeting.save()
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404


def test_next_start_is_in_local_time_across_a_dst_change(meeting):
    # Wednesday 2026-11-04 20:00 in Los Angeles is after the clocks went back on Sunday 2026-11-01.
    after = datetime(2026, 10, 29, 4, 0, tzinfo=ZoneInfo("UTC"))  # Wed 28 Oct 21:00 PDT: just missed it
    start = meeting.next_start(after)
    assert start.isoformat() == "2026-11-04T20:00:00-08:00"


def test_all_seeded_programs_exist():
    slugs = set(Program.objects.values_list("slug", flat=True))
    assert {
        "aa",
        "na",
        "al-anon",
        "ca",
        "smart",
        "celebrate-recovery",
        "wfs",
        "recovery-dharma",
        "lifering",
        "eda",
        "peer-led",
    } <= slugs

"""The meeting page: what a person needs to get to a meeting, in their time and their language."""

import re
from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from conftest import make_member
from directory.models import Meeting, MeetingType, Program, SavedMeeting, Source

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")
# Wednesday 28 October 2026, 21:00 in Los Angeles (PDT): the 20:00 meeting has just ended, and the next
# one, on 4 November, falls after the clocks go back on 1 November.
AFTER_THE_MEETING = datetime(2026, 10, 29, 4, 0, tzinfo=UTC)
DURING_THE_MEETING = datetime(2026, 10, 29, 3, 30, tzinfo=UTC)  # Wed 28 Oct 20:30 PDT


@pytest.fixture
def na():
    return Program.objects.get(slug="na")


@pytest.fixture
def source(na):
    return Source.objects.create(slug="socal", name="SoCal NA", format="manual", program=na)


@pytest.fixture
def meeting(na, source):
    return Meeting.objects.create(
        source=source,
        program=na,
        name="Just for Today",
        day=3,
        time=time(20, 0),
        end_time=time(21, 0),
        timezone="America/Los_Angeles",
        location_name="St. Mark's Hall",
        formatted_address="1 Main St, Springfield, CA 90001, USA",
        latitude=34.05,
        longitude=-118.25,
        location_notes="Side door, downstairs.",
        group_name="Springfield Group",
        conference_url="https://us02web.zoom.us/j/123",
        conference_url_notes="Passcode: hope",
        conference_phone="+1 669 900 6833,,123#",
        conference_phone_notes="Press # twice",
        types=["O", "BEG", "ZZZ"],
    )


@pytest.fixture
def at(monkeypatch):
    def freeze(moment):
        monkeypatch.setattr("directory.views.meeting.now", lambda: moment)

    return freeze


def page(client, meeting) -> str:
    response = client.get(f"/meetings/{meeting.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_is_public_with_one_h1_naming_the_meeting_and_its_program(client, meeting):
    html = page(client, meeting)
    assert re.findall(r"<h1[\s>][^<]*", html) == ["<h1>Just for Today"]
    assert "Narcotics Anonymous" in html or meeting.program.name in html
    assert 'href="/help/"' in html


def test_pages_have_no_inline_script_or_style(client, member, meeting):
    client.force_login(member)
    html = page(client, meeting)
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_an_inactive_meeting_is_hidden_except_from_the_stewards_of_its_source(client, meeting, source, member):
    meeting.is_active = False
    meeting.save()
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    client.force_login(member)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    source.stewards.add(member)
    html = page(client, meeting)
    assert "no longer listed" in html


def test_an_admin_may_see_an_inactive_meeting(client, meeting, admin_user):
    meeting.is_active = False
    meeting.save()
    client.force_login(admin_user)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 200


def test_when_shows_the_weekday_time_and_zone_abbreviation_and_the_next_date(client, meeting, at):
    at(AFTER_THE_MEETING)
    html = page(client, meeting)
    assert "Wednesdays at 8 p.m. PST" in html
    assert "America/Los_Angeles" in html
    assert "Next meeting" in html and "Nov. 4, 2026" in html
    assert 'datetime="2026-11-04T20:00:00-08:00"' in html
    assert "Ends at 9 p.m. PST (1 hour)" in html
    assert "In progress now" not in html


def test_a_meeting_under_way_says_it_is_in_progress(client, meeting, at):
    at(DURING_THE_MEETING)
    html = page(client, meeting)
    assert "In progress now" in html
    assert "PDT" in html


def test_a_member_in_another_zone_also_sees_their_own_time(client, meeting, at):
    at(AFTER_THE_MEETING)
    client.force_login(make_member("madrid", time_zone="Europe/Madrid"))
    html = page(client, meeting)
    # 4 Nov 20:00 PST is 5 Nov 05:00 in Madrid.
    assert "Your time: Thursday at 5 a.m. CET" in html
    assert "Europe/Madrid" in html


def test_a_member_in_the_meeting_zone_sees_one_time_only(client, meeting, at):
    at(AFTER_THE_MEETING)
    client.force_login(make_member("angeleno", time_zone="America/Los_Angeles"))
    assert "Your time" not in page(client, meeting)


def test_a_meeting_past_midnight_ends_the_next_day(client, meeting, at):
    meeting.time, meeting.end_time = time(23, 30), time(0, 30)
    meeting.save()
    at(AFTER_THE_MEETING)
    html = page(client, meeting)
    assert "Ends at 12:30 a.m. PDT (1 hour) the next day" in html  # tonight, 28 Oct, still PDT


def test_where_gives_the_place_notes_and_directions_links_to_exact_coordinates(client, meeting):
    html = page(client, meeting)
    assert "St. Mark&#x27;s Hall" in html and "1 Main St, Springfield" in html and "Side door" in html
    assert 'href="https://www.openstreetmap.org/directions?to=34.05,-118.25" rel="noopener noreferrer"' in html
    assert 'href="geo:34.05,-118.25"' in html


def test_directions_search_for_the_address_when_there_are_no_exact_coordinates(client, meeting):
    meeting.latitude = meeting.longitude = None
    meeting.save()
    html = page(client, meeting)
    assert "https://www.openstreetmap.org/search?query=1+Main+St%2C+Springfield" in html
    assert "geo:" not in html


def test_an_online_only_meeting_has_no_where_and_no_directions(client, meeting):
    meeting.approximate = True
    meeting.save()
    assert meeting.attendance == "online"
    html = page(client, meeting)
    assert "Directions" not in html and "geo:" not in html and "Side door" not in html
    assert "Online" in html


def test_online_join_button_is_labelled_by_provider_with_notes_and_one_tap_dialling(client, meeting):
    html = page(client, meeting)
    assert ">Join on Zoom</a>" in html
    assert "Passcode: hope" in html
    assert 'href="tel:+16699006833,,123%23"' in html
    assert "Press # twice" in html


def test_an_unknown_provider_gets_a_plain_join_button(client, meeting):
    meeting.conference_url = "https://video.example.org/room"
    meeting.save()
    assert ">Join online meeting</a>" in page(client, meeting)


def test_types_are_explained_in_words_in_the_current_language(client, meeting, na):
    opened = MeetingType.objects.get(program=na, code="O")
    opened.names = {"en": "Open", "es": "Abierta"}
    opened.descriptions = {"en": "Anyone may come.", "es": "Cualquiera puede venir."}
    opened.save()
    html = page(client, meeting)
    assert "<dt>Open</dt>" in html and "Anyone may come." in html
    assert "<dt>Beginner / Newcomer</dt>" in html
    assert "<dt>ZZZ</dt>" in html  # an unknown code is shown as it is
    with translation.override("es"):
        html = client.get(f"/meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "<dt>Abierta</dt>" in html and "Cualquiera puede venir." in html


def test_the_groups_other_active_meetings_are_listed(client, meeting, na, source):
    friday = Meeting.objects.create(
        source=source,
        program=na,
        name="Friday Step",
        day=5,
        time=time(19, 0),
        timezone="America/Los_Angeles",
        group_name="Springfield Group",
    )
    gone = Meeting.objects.create(
        source=source,
        program=na,
        name="Old Monday",
        day=1,
        time=time(19, 0),
        timezone="America/Los_Angeles",
        group_name="Springfield Group",
        is_active=False,
    )
    other_group = Meeting.objects.create(
        source=source,
        program=na,
        name="Elsewhere",
        day=2,
        time=time(19, 0),
        timezone="America/Los_Angeles",
        group_name="Other Group",
    )
    html = page(client, meeting)
    assert "Other meetings of Springfield Group" in html
    assert f'href="/meetings/{friday.pk}/"' in html
    assert f'href="/meetings/{gone.pk}/"' not in html
    assert f'href="/meetings/{other_group.pk}/"' not in html


def test_attendance_last_updated_and_the_correction_and_calendar_links(client, meeting):
    meeting.source_updated = datetime(2025, 3, 2, 12, 0, tzinfo=UTC)
    meeting.save()
    html = page(client, meeting)
    assert "Hybrid" in html
    assert "Last updated" in html and "March 2, 2025" in html
    assert f'href="/meetings/{meeting.pk}/correction/"' in html
    assert f'href="/meetings/{meeting.pk}.ics"' in html


def test_visitors_are_asked_to_log_in_to_save_and_members_get_a_save_form(client, meeting, member):
    html = page(client, meeting)
    assert "Log in to save" in html and f"/accounts/login/?next=/meetings/{meeting.pk}/" in html
    client.force_login(member)
    html = page(client, meeting)
    assert f'action="/meetings/{meeting.pk}/save/"' in html and ">Save</button>" in html
    SavedMeeting.objects.create(user=member, meeting=meeting)
    assert "Saved (remove)" in page(client, meeting)


def test_only_stewards_see_the_edit_link(client, meeting, source, member):
    assert "/edit/" not in page(client, meeting)
    source.stewards.add(member)
    client.force_login(member)
    assert f'href="/stewards/meetings/{meeting.pk}/edit/"' in page(client, meeting)


def test_next_start_is_in_local_time_across_a_dst_change(meeting):
    # Wednesday 2026-11-04 20:00 in Los Angeles is after the clocks went back on Sunday 2026-11-01.
    start = meeting.next_start(AFTER_THE_MEETING)
    assert start.isoformat() == "2026-11-04T20:00:00-08:00"
    assert timezone.is_aware(start)

"""Saved meetings, and the private calendar link that carries them to a member's calendar app."""

import json
from datetime import time

import icalendar
import pytest

from directory.models import CalendarFeed, Correction, Meeting, Program, SavedMeeting, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return Meeting.objects.create(
        program=Program.objects.get(slug="aa"),
        name="Morning Light",
        day=1,
        time=time(7, 0),
        timezone="Europe/Madrid",
        formatted_address="Calle Mayor 1, Madrid",
    )


def test_visitors_are_sent_to_log_in_to_save_or_see_saved_meetings(client, meeting):
    response = client.post(f"/meetings/{meeting.pk}/save/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    for path in ("/me/meetings/", "/me/meetings/calendar/new-link/"):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not SavedMeeting.objects.exists()


def test_saving_toggles_and_goes_back_to_the_meeting(member_client, member, meeting):
    response = member_client.post(f"/meetings/{meeting.pk}/save/")
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    assert SavedMeeting.objects.filter(user=member, meeting=meeting).exists()
    assert "Saved to your meetings." in member_client.get(response["Location"]).content.decode()

    member_client.post(f"/meetings/{meeting.pk}/save/")
    assert not SavedMeeting.objects.filter(user=member, meeting=meeting).exists()


def test_saving_needs_a_post(member_client, meeting):
    assert member_client.get(f"/meetings/{meeting.pk}/save/").status_code == 405


def test_an_htmx_request_gets_just_the_button(member_client, meeting):
    response = member_client.post(f"/meetings/{meeting.pk}/save/", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "Saved (remove)" in html
    assert f'id="save-meeting-{meeting.pk}"' in html


def test_a_meeting_that_is_no_longer_listed_cannot_be_saved(member_client, meeting):
    meeting.is_active = False
    meeting.save()
    assert member_client.post(f"/meetings/{meeting.pk}/save/").status_code == 404


def test_removing_from_my_meetings_returns_to_the_list(member_client, member, meeting):
    SavedMeeting.objects.create(user=member, meeting=meeting)
    response = member_client.post(f"/meetings/{meeting.pk}/save/", {"next": "/me/meetings/"})
    assert response["Location"] == "/me/meetings/"
    response = member_client.post(f"/meetings/{meeting.pk}/save/", {"next": "https://evil.example/"})
    assert response["Location"] == f"/meetings/{meeting.pk}/"


def test_my_meetings_lists_saved_meetings_with_their_next_time_and_my_calendar_link(member_client, member, meeting):
    SavedMeeting.objects.create(user=member, meeting=meeting)
    response = member_client.get("/me/meetings/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "style=" not in html and "<script>" not in html
    assert "Morning Light" in html and "Next" in html and "Monday" in html
    feed = CalendarFeed.objects.get(user=member)
    assert f"http://testserver/calendar/{feed.key}.ics" in html
    assert f"webcal://testserver/calendar/{feed.key}.ics" in html
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_the_calendar_link_stays_the_same_between_visits(member_client, member):
    member_client.get("/me/meetings/")
    key = CalendarFeed.objects.get(user=member).key
    member_client.get("/me/meetings/")
    assert CalendarFeed.objects.get(user=member).key == key


def test_a_new_link_makes_the_old_one_stop_working(client, member_client, member, meeting):
    SavedMeeting.objects.create(user=member, meeting=meeting)
    member_client.get("/me/meetings/")
    old_key = CalendarFeed.objects.get(user=member).key
    response = member_client.post("/me/meetings/calendar/new-link/")
    assert response.status_code == 302 and response["Location"] == "/me/meetings/"
    new_key = CalendarFeed.objects.get(user=member).key
    assert new_key != old_key
    assert client.get(f"/calendar/{old_key}.ics").status_code == 404
    assert client.get(f"/calendar/{new_key}.ics").status_code == 200
    assert "The old link no longer works" in member_client.get("/me/meetings/").content.decode()


def test_a_new_link_needs_a_post(member_client):
    assert member_client.get("/me/meetings/calendar/new-link/").status_code == 405


def test_the_calendar_feed_serves_the_members_saved_active_meetings_and_is_never_indexed(
    client, member, outsider, meeting
):
    gone = Meeting.objects.create(
        program=meeting.program, name="Closed Now", day=2, time=time(8, 0), timezone="UTC", is_active=False
    )
    someone_elses = Meeting.objects.create(
        program=meeting.program, name="Not Mine", day=3, time=time(8, 0), timezone="UTC", formatted_address="x"
    )
    SavedMeeting.objects.create(user=member, meeting=meeting)
    SavedMeeting.objects.create(user=member, meeting=gone)
    SavedMeeting.objects.create(user=outsider, meeting=someone_elses)
    key = CalendarFeed.objects.create(user=member).key

    response = client.get(f"/calendar/{key}.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "noindex" in response["X-Robots-Tag"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Morning Light"]
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Madrid"]


def test_an_unknown_calendar_key_is_not_found(client, member):
    CalendarFeed.objects.create(user=member)
    assert client.get("/calendar/not-a-real-key.ics").status_code == 404


def test_my_data_has_my_saved_meetings_and_whether_i_have_a_calendar_link_but_not_the_key(
    member_client, member, outsider, meeting
):
    SavedMeeting.objects.create(user=member, meeting=meeting)
    feed = CalendarFeed.objects.create(user=member)
    Correction.objects.create(meeting=meeting, reporter=member, message="Moved to room 2", contact="r@example.org")
    Correction.objects.create(meeting=meeting, reporter=outsider, message="Someone else's note")
    source = Source.objects.create(slug="mine", name="My Intergroup", format="manual")
    source.stewards.add(member)

    response = member_client.get("/me/data/download/")
    text = response.content.decode()
    data = json.loads(text)["data"]["directory"]
    assert [s["meeting"] for s in data["saved_meetings"]] == ["Morning Light"]
    assert data["has_calendar_link"] is True
    assert feed.key not in text
    assert [c["message"] for c in data["corrections_sent"]] == ["Moved to room 2"]
    assert "Someone else's note" not in text
    assert data["stewarded_sources"] == ["My Intergroup"]


def test_deleting_my_account_keeps_my_correction_for_the_stewards_but_not_how_to_reach_me(member, meeting):
    from accounts.services import delete_account

    correction = Correction.objects.create(meeting=meeting, reporter=member, message="Moved", contact="r@example.org")
    delete_account(member)
    correction.refresh_from_db()
    assert correction.reporter is None and correction.contact == "" and correction.message == "Moved"

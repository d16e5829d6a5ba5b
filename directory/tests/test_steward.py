"""Stewards keep their sources' meetings right and work through the corrections people send."""

from datetime import time, timedelta

import pytest
from django.utils import timezone

from conftest import make_member
from directory.models import Correction, Meeting, Program, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def aa():
    return Program.objects.get(slug="aa")


@pytest.fixture
def steward(db):
    return make_member("steward", display_name="Stevie")


@pytest.fixture
def feed_source(aa, steward):
    source = Source.objects.create(
        slug="district-9", name="District 9 feed", format="meeting-guide", url="https://example.org/feed", program=aa
    )
    source.stewards.add(steward)
    return source


@pytest.fixture
def manual_source(aa, steward):
    source = Source.objects.create(
        slug="rural", name="Rural Meetings", format="manual", program=aa, default_timezone="America/Chicago"
    )
    source.stewards.add(steward)
    return source


@pytest.fixture
def other_source(aa):
    return Source.objects.create(slug="elsewhere", name="Elsewhere", format="manual", program=aa)


@pytest.fixture
def meeting(aa, feed_source):
    return Meeting.objects.create(
        source=feed_source,
        program=aa,
        name="Serenity Group",
        day=4,
        time=time(19, 0),
        timezone="America/Chicago",
        formatted_address="5 Elm St, Town, IL",
        types=["O", "D"],
    )


@pytest.fixture
def other_meeting(aa, other_source):
    return Meeting.objects.create(
        source=other_source, program=aa, name="Not Theirs", day=1, time=time(8, 0), timezone="UTC"
    )


@pytest.fixture
def steward_client(client, steward):
    client.force_login(steward)
    return client


def valid_edit(**changes) -> dict:
    data = {
        "name": "Serenity Group",
        "day": "4",
        "time": "19:30",
        "end_time": "",
        "timezone": "America/Chicago",
        "location_name": "Church hall",
        "formatted_address": "5 Elm St, Town, IL",
        "latitude": "",
        "longitude": "",
        "location_notes": "",
        "group_name": "",
        "conference_url": "",
        "conference_url_notes": "",
        "conference_phone": "",
        "conference_phone_notes": "",
        "types": ["O", "D"],
        "notes": "",
    }
    data.update(changes)
    return data


# --- Who may come in ---------------------------------------------------------------------------------


def test_visitors_are_sent_to_log_in_for_every_steward_page(client, meeting, manual_source):
    correction = Correction.objects.create(meeting=meeting, message="x")
    for path in (
        "/stewards/",
        f"/stewards/meetings/{meeting.pk}/edit/",
        "/stewards/sources/rural/new/",
        f"/stewards/corrections/{correction.pk}/",
    ):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path


def test_members_who_steward_nothing_are_refused(outsider_client, meeting, manual_source):
    correction = Correction.objects.create(meeting=meeting, message="x")
    assert outsider_client.get("/stewards/").status_code == 403
    assert outsider_client.get(f"/stewards/meetings/{meeting.pk}/edit/").status_code == 404
    assert outsider_client.post(f"/stewards/meetings/{meeting.pk}/edit/", valid_edit()).status_code == 404
    assert outsider_client.get("/stewards/sources/rural/new/").status_code == 404
    response = outsider_client.post(f"/stewards/corrections/{correction.pk}/", {"action": "apply"})
    assert response.status_code == 404
    correction.refresh_from_db()
    assert correction.status == Correction.Status.OPEN


def test_a_steward_of_one_source_cannot_touch_another(steward_client, other_meeting):
    correction = Correction.objects.create(meeting=other_meeting, message="x")
    assert steward_client.get(f"/stewards/meetings/{other_meeting.pk}/edit/").status_code == 404
    assert steward_client.get("/stewards/sources/elsewhere/new/").status_code == 404
    assert steward_client.post(f"/stewards/corrections/{correction.pk}/", {"action": "apply"}).status_code == 404


# --- The steward's page ----------------------------------------------------------------------------


def test_the_steward_page_lists_their_sources_and_open_corrections_newest_first(
    steward_client, meeting, other_meeting, feed_source, manual_source
):
    now = timezone.now()
    Correction.objects.create(meeting=meeting, message="Older note", created_at=now - timedelta(days=2))
    Correction.objects.create(meeting=meeting, message="Newer note", created_at=now)
    Correction.objects.create(meeting=meeting, message="Already done", status=Correction.Status.APPLIED)
    Correction.objects.create(meeting=other_meeting, message="Not for this steward")
    response = steward_client.get("/stewards/")
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    assert "District 9 feed" in html and "Rural Meetings" in html and "Elsewhere" not in html
    assert html.index("Newer note") < html.index("Older note")
    assert "Already done" not in html and "Not for this steward" not in html
    assert f'href="/stewards/meetings/{meeting.pk}/edit/"' in html
    assert 'href="/stewards/sources/rural/new/"' in html
    assert 'href="/stewards/sources/district-9/new/"' not in html


def test_a_site_admin_stewards_every_source(client, admin_user, meeting, other_meeting):
    Correction.objects.create(meeting=other_meeting, message="Anywhere")
    client.force_login(admin_user)
    html = client.get("/stewards/").content.decode()
    assert "Anywhere" in html and "Elsewhere" in html
    assert client.get(f"/stewards/meetings/{other_meeting.pk}/edit/").status_code == 200


def test_stewards_find_meetings_by_name(steward_client, meeting, aa, feed_source):
    Meeting.objects.create(
        source=feed_source, program=aa, name="Daily Reflections", day=1, time="07:00", timezone="UTC"
    )
    html = steward_client.get("/stewards/?q=serenity").content.decode()
    assert "Serenity Group" in html and "Daily Reflections" not in html


# --- Editing a meeting -----------------------------------------------------------------------------


def test_the_edit_form_warns_that_an_imported_meeting_is_overwritten_by_the_next_import(steward_client, meeting):
    html = steward_client.get(f"/stewards/meetings/{meeting.pk}/edit/").content.decode()
    assert html.count("<h1") == 1
    assert "next import of that feed will overwrite" in html
    assert 'name="types" value="O"' in html and "Open (O)" in html
    assert "<legend>Meeting types</legend>" in html
    assert "style=" not in html and "<script>" not in html


def test_a_steward_edits_a_meeting_and_derived_fields_follow(steward_client, meeting):
    response = steward_client.post(
        f"/stewards/meetings/{meeting.pk}/edit/",
        valid_edit(
            time="23:30",
            end_time="00:30",
            conference_url="https://zoom.us/j/99",
            types=["C", "S"],
            latitude="41.9",
            longitude="-87.6",
        ),
    )
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    meeting.refresh_from_db()
    assert meeting.time == time(23, 30) and meeting.end_time == time(0, 30)
    assert meeting.duration_minutes == 60
    assert meeting.attendance == "hybrid" and meeting.conference_provider == "Zoom"
    assert meeting.types == ["C", "S"] and meeting.type_key == "|C|S|"
    assert meeting.languages == ["es"]
    assert meeting.location_name == "Church hall" and meeting.latitude == 41.9


def test_bad_edits_are_shown_next_to_their_fields_and_nothing_is_saved(steward_client, meeting):
    response = steward_client.post(
        f"/stewards/meetings/{meeting.pk}/edit/",
        valid_edit(timezone="Mars/Olympus", types=["O", "NOPE"], latitude="95", name="", conference_url="nope"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("timezone", "types", "latitude", "name", "conference_url"):
        assert f'id="id_{field}_error"' in html, field
    meeting.refresh_from_db()
    assert meeting.time == time(19, 0) and meeting.name == "Serenity Group"


def test_latitude_needs_a_longitude(steward_client, meeting):
    response = steward_client.post(f"/stewards/meetings/{meeting.pk}/edit/", valid_edit(latitude="41.9"))
    assert 'id="id_longitude_error"' in response.content.decode()


def test_an_old_zone_name_is_stored_by_its_current_name(steward_client, meeting):
    steward_client.post(f"/stewards/meetings/{meeting.pk}/edit/", valid_edit(timezone="Europe/Kiev"))
    meeting.refresh_from_db()
    assert meeting.timezone == "Europe/Kyiv"


def test_a_steward_can_still_open_a_meeting_their_feed_stopped_listing(steward_client, meeting):
    meeting.is_active = False
    meeting.save()
    assert steward_client.get(f"/meetings/{meeting.pk}/").status_code == 200
    assert steward_client.get(f"/stewards/meetings/{meeting.pk}/edit/").status_code == 200


# --- New meetings in a manual source ---------------------------------------------------------------


def test_a_steward_adds_a_meeting_to_a_manual_source(steward_client, manual_source, aa):
    form = steward_client.get("/stewards/sources/rural/new/").content.decode()
    assert 'value="America/Chicago"' in form
    response = steward_client.post(
        "/stewards/sources/rural/new/", valid_edit(name="Prairie Hope", types=["O"], day="6")
    )
    meeting = Meeting.objects.get(name="Prairie Hope")
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    assert meeting.source == manual_source and meeting.program == aa
    assert meeting.day == 6 and meeting.attendance == "in_person"


def test_a_manual_source_without_a_fellowship_asks_for_one(steward_client, steward):
    source = Source.objects.create(slug="mixed", name="Mixed", format="manual")
    source.stewards.add(steward)
    response = steward_client.post("/stewards/sources/mixed/new/", valid_edit(name="Any", types=[]))
    assert 'id="id_program_error"' in response.content.decode()
    na = Program.objects.get(slug="na")
    response = steward_client.post(
        "/stewards/sources/mixed/new/", valid_edit(name="Any", types=["JFT"], program=str(na.pk))
    )
    assert response.status_code == 302
    assert Meeting.objects.get(name="Any").program == na


def test_meetings_cannot_be_added_to_an_imported_feed(steward_client, feed_source):
    assert steward_client.get("/stewards/sources/district-9/new/").status_code == 404


# --- Corrections -----------------------------------------------------------------------------------


@pytest.mark.parametrize("action,status", [("apply", "applied"), ("dismiss", "dismissed")])
def test_a_steward_applies_or_dismisses_a_correction(steward_client, steward, meeting, action, status):
    correction = Correction.objects.create(meeting=meeting, message="Moved")
    response = steward_client.post(f"/stewards/corrections/{correction.pk}/", {"action": action})
    assert response.status_code == 302 and response["Location"] == "/stewards/"
    correction.refresh_from_db()
    assert correction.status == status
    assert correction.handled_by == steward and correction.handled_at is not None
    assert "Moved" not in steward_client.get("/stewards/").content.decode().split("Your sources")[0]


def test_an_unknown_action_is_refused(steward_client, meeting):
    correction = Correction.objects.create(meeting=meeting, message="Moved")
    assert steward_client.post(f"/stewards/corrections/{correction.pk}/", {"action": "delete"}).status_code == 400


def test_handling_a_correction_needs_a_post(steward_client, meeting):
    correction = Correction.objects.create(meeting=meeting, message="Moved")
    assert steward_client.get(f"/stewards/corrections/{correction.pk}/").status_code == 405

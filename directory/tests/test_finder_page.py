import re
from datetime import time

import pytest
from django.test import override_settings

from directory.models import Meeting, Program, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def meetings():
    aa = Program.objects.get(slug="aa")
    source = Source.objects.create(slug="town", name="Town", format="manual", program=aa)
    common = {"source": source, "program": aa, "timezone": "America/Chicago"}
    return {
        "hall": Meeting.objects.create(
            name="Lakeside Hall",
            day=1,
            time=time(19),
            types=["O", "D"],
            formatted_address="12 Lake Street, Springfield, IL 62701, USA",
            latitude=39.80,
            longitude=-89.65,
            **common,
        ),
        "women": Meeting.objects.create(
            name="Women at Dawn",
            day=2,
            time=time(7),
            types=["W", "C"],
            formatted_address="4 Elm Road, Springfield, IL 62702, USA",
            latitude=39.81,
            longitude=-89.64,
            **common,
        ),
        "online": Meeting.objects.create(
            name="Night Owls Online",
            day=3,
            time=time(23, 30),
            types=["O"],
            conference_url="https://us02web.zoom.us/j/123",
            **common,
        ),
        "far": Meeting.objects.create(
            name="Far Away Group",
            day=1,
            time=time(19),
            types=["O"],
            formatted_address="1 Far Road, Chicago, IL 60601, USA",
            latitude=41.88,
            longitude=-87.63,
            **common,
        ),
    }


def names(response):
    return re.findall(r'class="meeting-name">([^<]+)</a>', response.content.decode())


def test_the_finder_is_public_and_lists_meetings_by_start(client, meetings):
    response = client.get("/meetings/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Meetings by start time" in html
    assert set(names(response)) >= {"Lakeside Hall", "Women at Dawn", "Night Owls Online", "Far Away Group"}
    assert 'href="/meetings/help-me-choose/"' in html


def test_a_place_typed_by_the_person_finds_meetings_near_it(client, meetings):
    response = client.get("/meetings/", {"place": "Springfield", "radius_km": "10"})
    assert response.status_code == 200
    found = names(response)
    assert "Lakeside Hall" in found and "Women at Dawn" in found
    assert "Far Away Group" not in found
    assert "km" in response.content.decode()


def test_a_place_we_do_not_know_is_explained_next_to_the_field(client, meetings):
    response = client.get("/meetings/", {"place": "Atlantis"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-describedby="f-place-error"' in html
    assert re.search(r'id="f-place-error">We couldn', html)


def test_a_bad_parameter_is_shown_not_a_server_error(client, meetings):
    response = client.get("/meetings/", {"day": "9"})
    assert response.status_code == 400
    assert "between 0 and 6" in response.content.decode()


def test_type_chips_all_must_match(client, meetings):
    response = client.get("/meetings/?types=O&types=D")
    assert names(response) == ["Lakeside Hall"]
    assert 'value="O" checked' in response.content.decode()


def test_active_filters_are_chips_that_remove_themselves(client, meetings):
    html = client.get("/meetings/", {"attendance": "online", "q": "owls"}).content.decode()
    assert "Night Owls Online" in html
    chips = re.findall(r'<a class="chip" href="\?([^"]*)">', html)
    assert any("attendance" not in c and "q=owls" in c for c in chips)
    assert any("q=" not in c and "attendance=online" in c for c in chips)


def test_the_search_lives_in_the_url(client, meetings):
    html = client.get("/meetings/", {"program": "aa", "day": "2"}).content.decode()
    assert '<option value="2" selected>' in html
    assert '<option value="aa" selected>' in html


def test_times_show_in_the_viewers_zone_when_it_differs(client, meetings, member):
    member.time_zone = "Europe/Madrid"
    member.save()
    client.force_login(member)
    html = client.get("/meetings/", {"q": "lakeside"}).content.decode()
    assert "CST" in html and "CET" in html and "your time" in html


def test_no_map_and_no_other_origin_without_a_tile_server(client, meetings):
    response = client.get("/meetings/", {"place": "Springfield", "radius_km": "10"})
    html = response.content.decode()
    assert "finder-map" not in html and "leaflet" not in html
    assert "img-src 'self' data:;" in response["Content-Security-Policy"] + ";"


@override_settings(MAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png")
def test_a_map_appears_when_the_operator_sets_a_tile_server(client, meetings):
    html = client.get("/meetings/", {"place": "Springfield", "radius_km": "10"}).content.decode()
    assert 'id="finder-map"' in html and 'data-tiles="https://tiles.example.org/{z}/{x}/{y}.png"' in html
    assert "/static/vendor/leaflet/leaflet.js" in html


def test_in_progress_and_starting_soon_come_first(client, meetings):
    html = client.get("/meetings/", {"at": "2026-11-23T19:30:00-06:00"}).content.decode()
    # `at` asks about a particular moment, so the sections are left out; without it they lead the page.
    assert "In progress now" not in html
    lakeside = meetings["hall"]
    from directory.query import parse_query
    from directory.search import search

    hits = search(parse_query({"in_progress": "true", "at": "2026-11-23T19:30:00-06:00"})).hits
    assert [h.meeting for h in hits] == [lakeside, meetings["far"]] or {h.meeting.pk for h in hits} == {
        lakeside.pk,
        meetings["far"].pk,
    }

"""/api/v1/events: the same visibility and rules as the pages."""

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from conftest import count_queries, make_member
from groups.models import RSVP, Event

from .helpers import Api, add_member, make_event, soon, titles

pytestmark = pytest.mark.django_db


def body(**overrides):
    data = {
        "kind": "employment",
        "title": "Job club",
        "time_zone": "America/New_York",
        "starts_local": soon().isoformat(timespec="minutes"),
        "ends_local": soon(hour=20).isoformat(timespec="minutes"),
        "location": "Room 2",
    }
    data.update(overrides)
    return data


def patch(api, path, data):
    return api.client.patch(f"/api/v1{path}", data, content_type="application/json", **api.headers)


def test_anonymous_callers_get_401(client, library_world):
    event = make_event(None, library_world.gfac)
    assert client.get("/api/v1/events").status_code == 401
    assert client.get(f"/api/v1/events/{event.pk}").status_code == 401
    assert (
        client.post(f"/api/v1/events/{event.pk}/rsvp", {"going": True}, content_type="application/json").status_code
        == 401
    )


def test_the_list_holds_site_events_and_those_of_groups_the_caller_may_read(client, library_world):
    make_event(None, library_world.gfac, title="Site")
    make_event(library_world.harbour, library_world.gfac, title="Harbour")
    make_event(library_world.open_book, library_world.gfac, title="Open")
    make_event(library_world.elsewhere, library_world.other, title="Elsewhere")
    assert sorted(titles(Api(client, library_world.member).get("/events"))) == ["Harbour", "Open", "Site"]
    assert sorted(titles(Api(client, library_world.outsider).get("/events"))) == ["Open", "Site"]
    assert Api(client, library_world.outsider).get("/events", group=library_world.harbour.pk).status_code == 404


def test_the_detail_is_404_outside_the_group(client, library_world):
    event = make_event(library_world.harbour, library_world.gfac)
    for user in (library_world.other, library_world.outsider):
        api = Api(client, user)
        assert api.get(f"/events/{event.pk}").status_code == 404
        assert api.post(f"/events/{event.pk}/rsvp", {"going": True}).status_code == 404
        assert patch(api, f"/events/{event.pk}", {"title": "Mine now"}).status_code == 404
    assert not RSVP.objects.exists() and Event.objects.get().title == "Coffee and chat"


def test_filters_by_time_window_and_kind(client, library_world):
    make_event(None, library_world.gfac, title="January", starts=datetime(2030, 1, 10, 12, 0, tzinfo=UTC))
    make_event(
        None, library_world.gfac, title="March", starts=datetime(2030, 3, 10, 12, 0, tzinfo=UTC), kind="workshop"
    )
    api = Api(client, library_world.member)
    assert titles(api.get("/events", **{"from": "2030-02-01T00:00:00Z"})) == ["March"]
    assert titles(api.get("/events", to="2030-02-01T00:00:00+00:00")) == ["January"]
    assert titles(api.get("/events", kind="workshop")) == ["March"]


@pytest.mark.parametrize(
    "params", [{"kind": "rave"}, {"from": "yesterday"}, {"from": "2030-01-01T00:00"}, {"limit": 500}]
)
def test_bad_filters_answer_400(client, library_world, params):
    assert Api(client, library_world.member).get("/events", **params).status_code == 400


def test_pages_of_the_list_cost_a_fixed_number_of_queries(client, library_world):
    api = Api(client, library_world.member)
    RSVP.objects.create(
        event=make_event(library_world.harbour, library_world.gfac, capacity=3),
        user=library_world.member,
        status="going",
    )
    few = count_queries(lambda: api.get("/events", limit=25))
    for n in range(30):
        event = make_event(library_world.harbour, library_world.gfac, title=f"E{n}", capacity=3)
        RSVP.objects.create(event=event, user=library_world.member, status="going")
    assert count_queries(lambda: api.get("/events", limit=25)) == few <= 12
    response = api.get("/events", limit=25)
    items = response.json()["items"]
    assert len(items) == 25 and response.json()["has_next"]
    assert items[0]["places_left"] == 2 and items[0]["my_status"] == "going"


def test_a_member_creates_an_event_with_local_times_in_its_zone(client, library_world):
    response = Api(client, library_world.member).post("/events", body(group=library_world.harbour.pk, capacity=12))
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["starts_local"] == soon().isoformat(timespec="minutes") and data["time_zone"] == "America/New_York"
    assert data["places_left"] == 12 and data["ics_url"] == f"/events/{data['id']}.ics"


def test_a_dst_gap_is_refused_naming_the_field(client, library_world):
    response = Api(client, library_world.member).post(
        "/events", body(group=library_world.harbour.pk, starts_local="2027-03-14T02:30", ends_local="2027-03-14T04:00")
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "starts_local"
    assert "does not exist" in response.json()["errors"][0]["message"]


def test_bad_event_input_answers_400(client, library_world):
    api = Api(client, library_world.member)
    assert api.post("/events", body(group=library_world.harbour.pk, colour="red")).status_code == 400
    assert (
        api.post("/events", body(group=library_world.harbour.pk, starts_local="2030-01-01T10:00Z")).status_code == 400
    )
    assert api.post("/events", body(group=library_world.harbour.pk, time_zone="Nowhere/Land")).status_code == 400
    assert api.post("/events", body(group=library_world.harbour.pk, capacity=0)).status_code == 400
    assert api.post("/events", body(group=library_world.harbour.pk, online=True, location="")).status_code == 400
    assert not Event.objects.exists()


def test_who_may_create_where(client, library_world, facilitator):
    assert Api(client, library_world.member).post("/events", body()).status_code == 403
    assert Api(client, facilitator).post("/events", body()).status_code == 201
    assert (
        Api(client, library_world.outsider).post("/events", body(group=library_world.open_book.pk)).status_code == 403
    )
    assert Api(client, library_world.other).post("/events", body(group=library_world.harbour.pk)).status_code == 404


def test_rsvp_answers_the_status_and_waiting_position(client, library_world):
    event = make_event(library_world.harbour, library_world.gfac, capacity=1)
    third = make_member("third")
    add_member(library_world.harbour, third)
    assert Api(client, library_world.gfac).post(f"/events/{event.pk}/rsvp", {"going": True}).json() == {
        "status": "going",
        "waiting_position": None,
    }
    assert Api(client, library_world.member).post(f"/events/{event.pk}/rsvp", {"going": True}).json() == {
        "status": "waiting",
        "waiting_position": 1,
    }
    assert Api(client, third).post(f"/events/{event.pk}/rsvp", {"going": True}).json()["waiting_position"] == 2
    Api(client, library_world.gfac).post(f"/events/{event.pk}/rsvp", {"going": False})
    assert Api(client, library_world.member).get(f"/events/{event.pk}").json()["my_status"] == "going"
    assert Api(client, third).get(f"/events/{event.pk}").json()["my_waiting_position"] == 1


def test_rsvp_refuses_bad_input(client, library_world):
    event = make_event(library_world.harbour, library_world.gfac)
    api = Api(client, library_world.member)
    assert api.post(f"/events/{event.pk}/rsvp", {}).status_code == 400
    assert api.post(f"/events/{event.pk}/rsvp", {"going": True, "plus": 3}).status_code == 400
    assert api.post("/events/999999/rsvp", {"going": True}).status_code == 404


def test_the_join_link_is_given_only_to_those_going(client, library_world):
    event = make_event(
        library_world.harbour, library_world.gfac, online=True, join_url="https://meet.example.org/r", location=""
    )
    api = Api(client, library_world.member)
    assert api.get(f"/events/{event.pk}").json()["join_url"] is None
    api.post(f"/events/{event.pk}/rsvp", {"going": True})
    assert api.get(f"/events/{event.pk}").json()["join_url"] == "https://meet.example.org/r"


def test_patch_is_for_the_organiser_and_staff_and_validates(client, library_world):
    event = make_event(library_world.harbour, library_world.member)
    plain = make_member("plain")
    add_member(library_world.harbour, plain)
    assert patch(Api(client, plain), f"/events/{event.pk}", {"title": "Hijack"}).status_code == 403
    api = Api(client, library_world.member)
    assert patch(api, f"/events/{event.pk}", {"title": None}).status_code == 400
    assert patch(api, f"/events/{event.pk}", {"capacity": -1}).status_code == 400
    response = patch(api, f"/events/{event.pk}", {"title": "Coffee", "capacity": 4})
    assert response.status_code == 200 and response.json()["title"] == "Coffee" and response.json()["capacity"] == 4
    gfac = Api(client, library_world.gfac)
    assert gfac.post(f"/events/{event.pk}/cancel").json()["status"] == "cancelled"
    assert patch(api, f"/events/{event.pk}", {"title": "Back"}).status_code == 400


def test_moving_an_event_tells_those_going(client, library_world):
    from notifications.models import Notification

    event = make_event(library_world.harbour, library_world.gfac, starts=timezone.now() + timedelta(days=5))
    Api(client, library_world.member).post(f"/events/{event.pk}/rsvp", {"going": True})
    later = soon(days=6).isoformat(timespec="minutes")
    ends = soon(days=6, hour=20).isoformat(timespec="minutes")
    assert (
        patch(
            Api(client, library_world.gfac), f"/events/{event.pk}", {"starts_local": later, "ends_local": ends}
        ).status_code
        == 200
    )
    assert Notification.objects.filter(user=library_world.member, kind="event_changed").count() == 1

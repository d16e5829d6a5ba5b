"""Event pages: who sees and does what, times in the event's zone, RSVPs with capacity and a waiting list, the
.ics file, changing and cancelling."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from conftest import count_queries, make_member
from groups.models import RSVP, Event, Guidelines
from groups.services import events as services
from notifications.models import Notification

from .helpers import add_member, form_data, login, make_event, make_resource, soon

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


# --- Who sees what ---------------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client, library_world):
    event = make_event(library_world.harbour, library_world.gfac)
    for path in [
        "/events/",
        "/groups/harbour/events/",
        f"/events/{event.pk}/",
        f"/events/{event.pk}.ics",
        "/events/new/",
        "/groups/harbour/events/new/",
        f"/events/{event.pk}/edit/",
    ]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path


def test_a_member_sees_their_groups_events_with_both_times_and_noindex(client, library_world):
    library_world.member.time_zone = "America/New_York"
    library_world.member.save()
    starts = datetime(2030, 7, 1, 17, 0, tzinfo=UTC)  # 18:00 in London, 13:00 in New York
    make_event(library_world.harbour, library_world.gfac, starts=starts, capacity=10)
    html = login(client, library_world.member).get("/groups/harbour/events/").content.decode()
    assert "Coffee and chat" in html and '<meta name="robots" content="noindex, nofollow">' in html
    assert "6 p.m." in html and "Europe/London" in html
    assert "1 p.m." in html and "America/New_York" in html
    assert "10 places left" in html and html.count("<h1") == 1


def test_members_of_another_group_and_outsiders_get_404(client, library_world):
    event = make_event(library_world.harbour, library_world.gfac)
    for user in (library_world.other, library_world.outsider):
        login(client, user)
        for path in ["/groups/harbour/events/", f"/events/{event.pk}/", f"/events/{event.pk}.ics"]:
            assert client.get(path).status_code == 404, (user, path)
        assert client.post(f"/events/{event.pk}/rsvp/", {"going": "1"}).status_code == 404
    assert not RSVP.objects.exists()


def test_a_reader_of_an_open_group_sees_and_may_rsvp(client, library_world):
    event = make_event(library_world.open_book, library_world.gfac)
    login(client, library_world.outsider)
    assert "Coffee and chat" in client.get("/groups/open-book/events/").content.decode()
    client.post(f"/events/{event.pk}/rsvp/", {"going": "1"})
    assert RSVP.objects.get().status == "going"


def test_site_events_are_for_every_member_and_group_events_stay_in_their_group(client, library_world):
    make_event(None, library_world.gfac, title="Site social")
    make_event(library_world.harbour, library_world.gfac, title="Harbour walk")
    html = login(client, library_world.outsider).get("/events/").content.decode()
    assert "Site social" in html and "Harbour walk" not in html


def test_past_events_are_on_their_own_tab(client, library_world):
    make_event(
        library_world.harbour, library_world.gfac, title="Last month", starts=timezone.now() - timedelta(days=30)
    )
    make_event(library_world.harbour, library_world.gfac, title="Next week")
    login(client, library_world.member)
    upcoming = client.get("/groups/harbour/events/").content.decode()
    past = client.get("/groups/harbour/events/?when=past").content.decode()
    assert "Next week" in upcoming and "Last month" not in upcoming
    assert "Last month" in past and "Next week" not in past


def test_an_event_list_costs_a_fixed_number_of_queries(client, library_world):
    login(client, library_world.member)
    RSVP.objects.create(
        event=make_event(library_world.harbour, library_world.gfac, capacity=5),
        user=library_world.member,
        status="going",
    )
    few = count_queries(lambda: client.get("/groups/harbour/events/"))
    for n in range(25):
        event = make_event(library_world.harbour, library_world.gfac, title=f"Event {n}", capacity=5)
        RSVP.objects.create(event=event, user=library_world.member, status="going")
    assert count_queries(lambda: client.get("/groups/harbour/events/")) == few <= 15
    response = client.get("/groups/harbour/events/")
    assert len(response.context["page"].object_list) == 20
    assert "4 places left" in response.content.decode()


# --- Creating ---------------------------------------------------------------------------------------------------


def test_a_member_creates_a_group_event_in_its_own_zone(client, library_world):
    login(client, library_world.member)
    response = client.post("/groups/harbour/events/new/", form_data(time_zone="America/New_York"))
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/events/{event.pk}/"
    assert event.group == library_world.harbour and event.organizer == library_world.member
    assert event.starts_at.astimezone(NEW_YORK).replace(tzinfo=None) == soon()


def test_the_form_offers_the_members_own_zone_by_default(client, library_world):
    library_world.member.time_zone = "Asia/Kathmandu"
    library_world.member.save()
    html = login(client, library_world.member).get("/groups/harbour/events/new/").content.decode()
    assert '<option value="Asia/Kathmandu" selected>' in html


def test_a_local_time_skipped_by_the_clocks_going_forward_is_refused(client, library_world):
    login(client, library_world.member)
    response = client.post(
        "/groups/harbour/events/new/",
        form_data(time_zone="America/New_York", starts_local="2027-03-14T02:30", ends_local="2027-03-14T04:00"),
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["starts_local"]
    assert "02:30 does not exist in America/New_York" in errors[0]
    assert not Event.objects.exists()


def test_a_local_time_that_happens_twice_takes_the_first(library_world):
    starts = services.local_to_utc(datetime(2027, 11, 7, 1, 30), "America/New_York", "starts_local")
    assert starts == datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # 01:30 EDT (UTC-4), not 01:30 EST


def test_bad_input_is_refused_with_each_field_named(client, library_world):
    login(client, library_world.member)
    response = client.post(
        "/groups/harbour/events/new/",
        form_data(
            kind="rave",
            title="",
            time_zone="Mars/Olympus",
            starts_local="tomorrow",
            capacity="0",
        ),
    )
    assert {"kind", "title", "time_zone", "starts_local", "capacity"} <= set(response.context["form"].errors)
    response = client.post(
        "/groups/harbour/events/new/", form_data(ends_local=soon(hour=17).strftime("%Y-%m-%dT%H:%M"))
    )
    assert "The end must come after the start." in response.content.decode()
    response = client.post("/groups/harbour/events/new/", form_data(online="on", location=""))
    assert "An online event needs the link to join." in response.content.decode()
    response = client.post("/groups/harbour/events/new/", form_data(online="on", join_url="javascript:alert(1)"))
    assert "https://" in response.content.decode()
    past = (timezone.now() - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = client.post("/groups/harbour/events/new/", form_data(starts_local=past))
    assert "Choose a time in the future." in response.content.decode()
    assert not Event.objects.exists()


def test_who_may_create_where(client, library_world, facilitator):
    login(client, library_world.outsider)
    assert client.post("/groups/open-book/events/new/", form_data()).status_code == 403  # a reader, not a member
    login(client, library_world.member)
    assert client.post("/events/new/", form_data()).status_code == 403  # site-wide: site staff only
    Guidelines.objects.create(group=library_world.harbour, version=2, text="New")
    assert client.post("/groups/harbour/events/new/", form_data()).status_code == 403
    login(client, facilitator)
    assert client.post("/events/new/", form_data()).status_code == 302
    assert Event.objects.get().group is None


# --- RSVP, capacity and the waiting list ------------------------------------------------------------------------


def test_going_to_a_full_event_joins_the_waiting_list_and_is_told_the_position(client, library_world):
    event = make_event(library_world.harbour, library_world.gfac, capacity=1)
    third = make_member("third")
    add_member(library_world.harbour, third)
    login(client, library_world.gfac).post(f"/events/{event.pk}/rsvp/", {"going": "1"})
    response = login(client, library_world.member).post(f"/events/{event.pk}/rsvp/", {"going": "1"}, follow=True)
    assert "you&#x27;re number 1 on the waiting list" in response.content.decode()
    response = login(client, third).post(f"/events/{event.pk}/rsvp/", {"going": "1"}, follow=True)
    assert "number 2 on the waiting list" in response.content.decode()
    assert [r.status for r in RSVP.objects.order_by("created_at", "pk")] == ["going", "waiting", "waiting"]


def test_not_going_frees_the_place_for_the_first_waiting_who_is_notified(client, library_world):
    event = make_event(library_world.harbour, library_world.gfac, capacity=1)
    third = make_member("third")
    add_member(library_world.harbour, third)
    base = timezone.now()
    services.rsvp(library_world.gfac, event, True, now=base)
    services.rsvp(library_world.member, event, True, now=base + timedelta(seconds=1))
    services.rsvp(third, event, True, now=base + timedelta(seconds=2))
    login(client, library_world.gfac).post(f"/events/{event.pk}/rsvp/", {"going": "0"})
    statuses = dict(RSVP.objects.values_list("user__username", "status"))
    assert statuses == {"gfac": "cancelled", "member": "going", "third": "waiting"}
    note = Notification.objects.get(user=library_world.member, kind="event_place")
    assert note.url == f"/events/{event.pk}/" and "Coffee and chat" in note.text
    assert not Notification.objects.filter(user=third).exists()


def test_someone_who_leaves_and_comes_back_goes_to_the_back_of_the_waiting_list(library_world):
    event = make_event(library_world.harbour, library_world.gfac, capacity=1)
    third = make_member("third")
    add_member(library_world.harbour, third)
    base = timezone.now()
    services.rsvp(library_world.gfac, event, True, now=base)
    services.rsvp(library_world.member, event, True, now=base + timedelta(seconds=1))
    services.rsvp(third, event, True, now=base + timedelta(seconds=2))
    services.rsvp(library_world.member, event, False, now=base + timedelta(seconds=3))
    again = services.rsvp(library_world.member, event, True, now=base + timedelta(seconds=4))
    assert services.waiting_position(again) == 2
    services.rsvp(library_world.gfac, event, False, now=base + timedelta(seconds=5))
    assert RSVP.objects.get(user=third).status == "going"
    assert services.waiting_position(RSVP.objects.get(user=library_world.member)) == 1


def test_raising_the_capacity_promotes_those_waiting_in_order(library_world):
    event = make_event(library_world.harbour, library_world.member, capacity=1)
    people = [make_member(f"p{n}") for n in range(3)]
    base = timezone.now()
    for n, person in enumerate(people):
        add_member(library_world.harbour, person)
        services.rsvp(person, event, True, now=base + timedelta(seconds=n))
    services.update_event(library_world.member, event, capacity=2)
    assert [RSVP.objects.get(user=p).status for p in people] == ["going", "going", "waiting"]


def test_the_join_link_is_shown_only_to_the_people_going_and_organisers(client, library_world):
    event = make_event(
        library_world.harbour, library_world.gfac, online=True, join_url="https://meet.example.org/room", location=""
    )
    login(client, library_world.member)
    assert "meet.example.org" not in client.get(f"/events/{event.pk}/").content.decode()
    client.post(f"/events/{event.pk}/rsvp/", {"going": "1"})
    assert "https://meet.example.org/room" in client.get(f"/events/{event.pk}/").content.decode()
    assert "meet.example.org" in login(client, library_world.gfac).get(f"/events/{event.pk}/").content.decode()


def test_members_see_the_count_and_organisers_see_the_names(client, library_world):
    event = make_event(library_world.harbour, library_world.gfac)
    services.rsvp(library_world.member, event, True)
    html = login(client, library_world.member).get(f"/events/{event.pk}/").content.decode()
    assert "1 person is going." in html and "Going and waiting" not in html
    html = login(client, library_world.gfac).get(f"/events/{event.pk}/").content.decode()
    assert "Going and waiting" in html and "Robin" in html


def test_no_rsvp_to_a_cancelled_or_finished_event(client, library_world):
    event = make_event(library_world.harbour, library_world.gfac, starts=timezone.now() - timedelta(days=1))
    response = login(client, library_world.member).post(f"/events/{event.pk}/rsvp/", {"going": "1"}, follow=True)
    assert "This event is over." in response.content.decode() and not RSVP.objects.exists()


def test_rsvp_is_a_post_only(client, library_world):
    event = make_event(library_world.harbour, library_world.gfac)
    assert login(client, library_world.member).get(f"/events/{event.pk}/rsvp/").status_code == 405


# --- Changing and cancelling ------------------------------------------------------------------------------------


def test_only_the_organiser_and_group_staff_change_or_cancel(client, library_world):
    event = make_event(library_world.harbour, library_world.member)
    login(client, library_world.gfac)  # group facilitator
    assert client.get(f"/events/{event.pk}/edit/").status_code == 200
    other = make_member("plain")
    add_member(library_world.harbour, other)
    login(client, other)
    assert client.get(f"/events/{event.pk}/edit/").status_code == 403
    assert client.post(f"/events/{event.pk}/cancel/").status_code == 403
    assert Event.objects.get().status == "scheduled"


def test_the_edit_form_shows_the_local_times_and_saves_changes(client, library_world):
    event = make_event(library_world.harbour, library_world.member, starts=datetime(2030, 7, 1, 17, 0, tzinfo=UTC))
    login(client, library_world.member)
    html = client.get(f"/events/{event.pk}/edit/").content.decode()
    assert 'value="2030-07-01T18:00"' in html  # London summer time
    data = form_data(title="Coffee, cake and chat", starts_local="2030-07-01T19:00", ends_local="2030-07-01T21:00")
    assert client.post(f"/events/{event.pk}/edit/", data).status_code == 302
    event.refresh_from_db()
    assert event.title == "Coffee, cake and chat" and event.starts_at == datetime(2030, 7, 1, 18, 0, tzinfo=UTC)


def test_cancelling_tells_everyone_going_or_waiting(client, library_world):
    event = make_event(library_world.harbour, library_world.gfac, capacity=1)
    services.rsvp(library_world.member, event, True)
    third = make_member("third")
    add_member(library_world.harbour, third)
    services.rsvp(third, event, True)
    login(client, library_world.gfac)
    assert client.get(f"/events/{event.pk}/cancel/").status_code == 200
    client.post(f"/events/{event.pk}/cancel/")
    assert Event.objects.get().status == "cancelled"
    assert set(Notification.objects.filter(kind="event_cancelled").values_list("user__username", flat=True)) == {
        "member",
        "third",
    }
    assert "This event has been cancelled." in client.get(f"/events/{event.pk}/").content.decode()


# --- .ics ------------------------------------------------------------------------------------------------------


def test_the_ics_parses_with_its_own_zone_a_stable_uid_and_no_attendees(client, library_world):
    event = make_event(
        library_world.harbour,
        library_world.gfac,
        time_zone="America/New_York",
        starts=datetime(2030, 1, 15, 23, 0, tzinfo=UTC),
    )
    services.rsvp(library_world.member, event, True)
    login(client, library_world.member)
    response = client.get(f"/events/{event.pk}.ics")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]  # a member's answer
    calendar = icalendar.Calendar.from_ical(response.content)
    [vevent] = calendar.walk("VEVENT")
    [vtimezone] = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == "America/New_York"
    assert "DTSTART;TZID=America/New_York:20300115T180000" in response.content.decode()
    assert vevent.decoded("dtstart") == datetime(2030, 1, 15, 18, 0, tzinfo=NEW_YORK)
    assert "ATTENDEE" not in response.content.decode() and "Robin" not in response.content.decode()
    again = icalendar.Calendar.from_ical(client.get(f"/events/{event.pk}.ics").content)
    assert str(again.walk("VEVENT")[0]["UID"]) == str(vevent["UID"]) == f"event-{event.pk}@127.0.0.1"


def test_every_resource_and_event_page_has_one_h1_noindex_and_no_inline_script_or_style(
    client, library_world, facilitator
):
    event = make_event(library_world.harbour, library_world.gfac, capacity=2)
    resource = make_resource(library_world.harbour, library_world.gfac)
    services.rsvp(library_world.member, event, True)
    pages = [
        "/resources/",
        "/groups/harbour/resources/",
        "/groups/harbour/resources/new/",
        f"/resources/{resource.pk}/",
        "/events/",
        "/events/?when=past",
        "/groups/harbour/events/",
        "/groups/harbour/events/new/",
        f"/events/{event.pk}/",
    ]
    group_staff_pages = [
        f"/events/{event.pk}/",
        f"/events/{event.pk}/edit/",
        f"/events/{event.pk}/cancel/",
        f"/resources/{resource.pk}/delete/",
    ]
    site_staff_pages = ["/resources/new/", "/events/new/"]
    for user, paths in (
        (library_world.member, pages),
        (library_world.gfac, group_staff_pages),
        (facilitator, site_staff_pages),
    ):
        login(client, user)
        for path in paths:
            response = client.get(path)
            html = response.content.decode()
            assert response.status_code == 200, path
            assert html.count("<h1") == 1, path
            assert '<meta name="robots" content="noindex, nofollow">' in html, path
            assert "<script>" not in html and ' style="' not in html and " onclick=" not in html, path

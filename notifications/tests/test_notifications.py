"""In-app notifications: each member sees only their own, in the page and the API, and can mark them read."""

import pytest

from conftest import auth
from notifications.models import Notification
from notifications.services import mark_read, notify

pytestmark = pytest.mark.django_db


def test_a_member_sees_their_own_notifications_and_nobody_elses(member_client, member, outsider):
    notify(member, kind="share", text="Sam shared something with you.", url="/shared-with-me/1/")
    notify(outsider, kind="share", text="OUTSIDER-ONLY", url="/shared-with-me/2/")
    html = member_client.get("/me/notifications/").content.decode()
    assert "Sam shared something with you." in html and 'href="/shared-with-me/1/"' in html
    assert "OUTSIDER-ONLY" not in html


def test_the_header_counts_unread_ones_and_mark_all_read_clears_it(member_client, member):
    notify(member, kind="x", text="One")
    notify(member, kind="x", text="Two")
    assert '<span class="count">2</span>' in member_client.get("/me/recovery/").content.decode()
    assert member_client.post("/me/notifications/read/").status_code == 302
    assert not Notification.objects.filter(user=member, read_at__isnull=True).exists()
    assert 'class="count"' not in member_client.get("/me/recovery/").content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    for response in (client.get("/me/notifications/"), client.post("/me/notifications/read/")):
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_api_lists_mine_and_marks_chosen_ones_read(client, member, outsider):
    first = notify(member, kind="x", text="First")
    notify(member, kind="x", text="Second")
    notify(outsider, kind="x", text="Not yours")
    listed = client.get("/api/v1/me/notifications", **auth(member)).json()
    assert [n["text"] for n in listed] == ["Second", "First"]
    marked = client.post(
        "/api/v1/me/notifications/read", {"ids": [first.pk]}, content_type="application/json", **auth(member)
    )
    assert marked.json() == {"marked": 1}
    unread = client.get("/api/v1/me/notifications?unread=true", **auth(member)).json()
    assert [n["text"] for n in unread] == ["Second"]
    # Marking someone else's does nothing.
    other = Notification.objects.get(user=outsider)
    assert mark_read(member, [other.pk]) == 0


def test_the_api_refuses_anonymous_callers_and_bad_input(client, member):
    assert client.get("/api/v1/me/notifications").status_code == 401
    response = client.post(
        "/api/v1/me/notifications/read", {"ids": "all", "extra": 1}, content_type="application/json", **auth(member)
    )
    assert response.status_code == 400


def test_a_long_text_is_cut_to_fit(member):
    assert len(notify(member, kind="x", text="y" * 500).text) == 300


def test_notifications_are_in_my_data(member_client, member):
    notify(member, kind="share", text="In the download")
    assert "In the download" in member_client.get("/me/data/download/").content.decode()


def test_members_pages_open_the_live_socket_and_visitors_pages_do_not(member_client, settings):
    from django.test import Client

    assert 'data-live="/ws/notifications/"' in member_client.get("/groups/").content.decode()
    assert "data-live" not in Client().get("/groups/").content.decode()
    settings.LIVE_SOCKET_PATH = ""
    assert "data-live" not in member_client.get("/groups/").content.decode()

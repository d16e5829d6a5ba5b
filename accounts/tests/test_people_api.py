"""My people through the API: the same rules as the pages, JSON errors naming the field."""

import pytest

from accounts import connections
from accounts.models import Block, Connection, ConnectionRequest
from accounts.services import connect
from conftest import auth
from notifications.models import Notification

pytestmark = pytest.mark.django_db

REQUESTS = "/api/v1/me/connection-requests"


def post(client, url, user, data=None):
    return client.post(url, data or {}, content_type="application/json", **auth(user))


def test_anonymous_callers_get_401(client, member, sponsor):
    request = connections.request_connection(member, sponsor)
    assert client.get("/api/v1/me/connections").status_code == 401
    assert client.delete("/api/v1/me/connections/sponsor").status_code == 401
    assert client.get(REQUESTS).status_code == 401
    assert client.post(REQUESTS, {"username": "sponsor"}, content_type="application/json").status_code == 401
    for action in ("accept", "decline", "withdraw"):
        assert client.post(f"{REQUESTS}/{request.pk}/{action}").status_code == 401, action


def test_request_then_accept_connects_both_ways(client, member, sponsor):
    response = post(client, REQUESTS, member, {"username": "sponsor", "message": "Hi"})
    assert response.status_code == 201
    body = response.json()
    assert body["username"] == "sponsor" and body["status"] == "pending" and body["message"] == "Hi"
    assert Notification.objects.filter(user=sponsor, kind="connection_request").count() == 1

    listed = client.get(REQUESTS, **auth(sponsor)).json()
    assert [r["username"] for r in listed["incoming"]] == ["member"] and listed["outgoing"] == []
    assert [r["username"] for r in client.get(REQUESTS, **auth(member)).json()["outgoing"]] == ["sponsor"]

    accepted = post(client, f"{REQUESTS}/{body['id']}/accept", sponsor)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert Connection.between(member, sponsor)
    assert client.get("/api/v1/me/connections", **auth(member)).json() == [
        {"username": "sponsor", "display_name": "Sam"}
    ]
    assert client.get("/api/v1/me/connections", **auth(sponsor)).json() == [
        {"username": "member", "display_name": "Robin"}
    ]


def test_decline_tells_no_one_and_withdraw_ends_a_request(client, member, sponsor, outsider):
    declined = connections.request_connection(member, sponsor)
    Notification.objects.all().delete()
    assert post(client, f"{REQUESTS}/{declined.pk}/decline", sponsor).json()["status"] == "declined"
    assert not Notification.objects.exists()
    withdrawn = connections.request_connection(member, outsider)
    assert post(client, f"{REQUESTS}/{withdrawn.pk}/withdraw", member).json()["status"] == "withdrawn"
    assert client.get(REQUESTS, **auth(member)).json() == {"incoming": [], "outgoing": []}


def test_delete_removes_a_connection_and_unknown_ones_are_404(client, member, sponsor):
    connect(member, sponsor)
    assert client.delete("/api/v1/me/connections/sponsor", **auth(member)).status_code == 204
    assert not Connection.between(member, sponsor)
    assert client.delete("/api/v1/me/connections/sponsor", **auth(member)).status_code == 404
    assert client.delete("/api/v1/me/connections/nobody", **auth(member)).status_code == 404


@pytest.mark.parametrize(
    "username, expected",
    [("member", "That is you"), ("nobody-here", "No member has that username."), ("sponsor", "already connected")],
)
def test_refusals_are_400_naming_the_field(client, member, sponsor, username, expected):
    connect(member, sponsor)
    response = post(client, REQUESTS, member, {"username": username})
    assert response.status_code == 400
    body = response.json()
    assert body["message"] == "Invalid username."
    assert expected in body["errors"][0]["message"]


def test_asking_twice_is_400(client, member, sponsor):
    assert post(client, REQUESTS, member, {"username": "sponsor"}).status_code == 201
    response = post(client, REQUESTS, member, {"username": "sponsor"})
    assert response.status_code == 400 and "already asked" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("blocker_is_sponsor", [True, False])
def test_a_block_either_way_answers_exactly_like_an_unknown_member(client, member, sponsor, blocker_is_sponsor):
    Block.objects.create(
        blocker=sponsor if blocker_is_sponsor else member, blocked=member if blocker_is_sponsor else sponsor
    )
    blocked = post(client, REQUESTS, member, {"username": "sponsor"})
    unknown = post(client, REQUESTS, member, {"username": "nobody-here"})
    assert (blocked.status_code, blocked.json()) == (unknown.status_code, unknown.json())
    assert not ConnectionRequest.objects.exists()


def test_extra_fields_and_long_messages_are_refused(client, member, sponsor):
    response = post(client, REQUESTS, member, {"username": "sponsor", "status": "accepted"})
    assert response.status_code == 400 and "status" in response.json()["message"]
    response = post(client, REQUESTS, member, {"username": "sponsor", "message": "x" * 301})
    assert response.status_code == 400 and "message" in response.json()["message"]
    assert not ConnectionRequest.objects.exists()


def test_another_member_cannot_touch_someone_elses_request(client, member, sponsor, outsider):
    request = connections.request_connection(member, sponsor)
    for action in ("accept", "decline", "withdraw"):
        response = post(client, f"{REQUESTS}/{request.pk}/{action}", outsider)
        assert response.status_code == 404 and "message" in response.json(), action
    assert post(client, f"{REQUESTS}/{request.pk}/accept", member).status_code == 404
    assert post(client, f"{REQUESTS}/{request.pk}/withdraw", sponsor).status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"


def test_asking_someone_who_asked_you_answers_201_accepted(client, member, sponsor):
    connections.request_connection(sponsor, member)
    response = post(client, REQUESTS, member, {"username": "sponsor"})
    assert response.status_code == 201 and response.json()["status"] == "accepted"
    assert Connection.between(member, sponsor)

"""No answer tells whether a username belongs to a member, or that someone blocked you. A name nobody has, a closed
account, a member whose name is kept from you and a member in a block with you answer alike on the member page,
connection requests, notes, invitations and shares; blocking answers and lists alike for all of them."""

import re
from datetime import timedelta

import pytest

from accounts.models import Block, ConnectionRequest, NameBlock, User
from conftest import PASSWORD, auth, client_for, make_member
from groups.models import Group, Invitation, Membership
from journey.models import today_for
from journey.services import counters
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def same(html: str, name: str) -> str:
    """The page minus what differs on every response and the typed name itself."""
    return re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', "", html).replace(name, "NAME")


@pytest.fixture
def people(member):
    """`member` (Robin) asks about: a visible member, a hidden one, a closed account, one who blocked Robin."""
    visible = make_member("visible", display_name="Vee")
    shy = make_member("shy", display_name="Secret Name", display_name_visibility="only_me")
    closed = make_member("closed", display_name="Gone", is_active=False)
    blocker = make_member("blocker", display_name="Bea")
    Block.objects.create(blocker=blocker, blocked=member)
    return {"visible": visible, "shy": shy, "closed": closed, "blocker": blocker}


UNSEEN = ["shy", "closed", "blocker", "nobody_here"]


# --- blocking ------------------------------------------------------------------------------------------------


def test_blocking_through_the_api_answers_alike_for_every_unseen_name(member, people):
    headers = auth(member)
    client = client_for(member)
    answers = {}
    for name in UNSEEN:
        response = client.post("/api/v1/me/blocks", {"username": name}, content_type="application/json", **headers)
        assert response.status_code == 201, name
        body = response.json()
        answers[name] = (body["username"] == name, body["display_name"] == f"@{name}", tuple(sorted(body)))
    assert len(set(answers.values())) == 1
    listed = client.get("/api/v1/me/blocks", **headers).json()
    assert {row["username"] for row in listed} == set(UNSEEN)
    assert {row["display_name"] for row in listed} == {f"@{name}" for name in UNSEEN}
    # The existing members are really blocked; the others are kept as names.
    assert Block.objects.filter(blocker=member, blocked__username__in=["shy", "blocker", "closed"]).count() == 2
    assert set(NameBlock.objects.values_list("username", flat=True)) == {"closed", "nobody_here"}
    for name in UNSEEN:
        gone = client.delete(f"/api/v1/me/blocks/{name}", **headers)
        assert gone.status_code == 204, name
    assert client.get("/api/v1/me/blocks", **headers).json() == []


def test_a_visible_member_is_named_in_the_answer(member, people):
    response = client_for(member).post(
        "/api/v1/me/blocks", {"username": "visible"}, content_type="application/json", **auth(member)
    )
    assert response.status_code == 201 and response.json()["display_name"] == "Vee"


def test_the_block_page_answers_alike_for_every_unseen_name(member, people):
    client = client_for(member)
    pages = {name: same(client.get(f"/me/blocks/add/{name}/").content.decode(), name) for name in UNSEEN}
    assert all(client.get(f"/me/blocks/add/{name}/").status_code == 200 for name in UNSEEN)
    assert len(set(pages.values())) == 1
    assert "Secret Name" not in pages["shy"]


def test_a_blocked_name_blocks_whoever_takes_it_later(client, member):
    client_for(member).post("/me/blocks/add/future_name/")
    assert NameBlock.objects.filter(blocker=member).exists()
    data = {"username": "future_name", "email": "", "password1": PASSWORD, "password2": PASSWORD}
    assert client.post("/accounts/signup/", data, REMOTE_ADDR="10.8.0.1").status_code == 302
    newcomer = User.objects.get(username="future_name")
    assert Block.objects.filter(blocker=member, blocked=newcomer).exists()
    assert not NameBlock.objects.exists()


# --- the member page, requests, notes: one answer for the unseen and the blocked ---------------------------------


def test_the_member_page_is_404_alike_for_the_unseen_and_whoever_blocked_you(member, people):
    client = client_for(member)
    for name in UNSEEN:
        assert client.get(f"/members/{name}/").status_code == 404, name
    assert client.get("/members/visible/").status_code == 200
    # Both ways: the blocker does not see the member they blocked either.
    assert client_for(people["blocker"]).get("/members/member/").status_code == 404


def test_a_connection_request_answers_alike_for_every_unseen_name(member, people):
    client = client_for(member)
    pages = set()
    for name in UNSEEN:
        response = client.post("/me/people/request/", {"username": name, "message": ""})
        pages.add(same(response.content.decode(), name))
    assert len(pages) == 1
    assert not ConnectionRequest.objects.exists()
    assert not Notification.objects.exists()
    api = {
        client.post(
            "/api/v1/me/connection-requests", {"username": name}, content_type="application/json", **auth(member)
        ).status_code
        for name in UNSEEN
    }
    assert len(api) == 1 and api != {201}


def test_a_note_answers_alike_for_every_unseen_name(member, people):
    client = client_for(member)
    assert {client.get(f"/notes/write/{name}/").status_code for name in UNSEEN} == {404}


# --- invitations and shares ----------------------------------------------------------------------------------------


def test_an_invitation_answers_alike_for_every_unseen_name(member, people):
    cove = Group.objects.create(slug="cove", name="Cove", kind="peer_led", visibility="unlisted")
    Membership.objects.create(group=cove, user=member, role="facilitator")
    client = client_for(member)
    pages = set()
    for name in UNSEEN:
        response = client.post("/groups/cove/manage/invitations/", {"action": "invite", "username": name})
        assert response.status_code == 400, name
        pages.add(same(response.content.decode(), name))
    assert len(pages) == 1
    assert not Invitation.objects.exists()


def test_sharing_answers_alike_for_every_unseen_name(member, people):
    counter = counters.create_counter(
        member, pathway="alcohol", start_date=today_for(member) - timedelta(days=5), today=today_for(member)
    )
    client = client_for(member)
    pages = set()
    for name in UNSEEN:
        response = client.post(f"/me/recovery/share/counter/{counter.pk}/", {"to_user": name})
        assert response.status_code == 200, name
        pages.add(same(response.content.decode(), name))
    assert len(pages) == 1
    assert not Notification.objects.exists()

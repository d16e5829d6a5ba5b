"""Joining a group: open groups, requests, invitations by username and by link, leaving, the last facilitator."""

import hashlib
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import make_member
from groups.models import Group, Guidelines, Invitation, JoinRequest, Membership
from notifications.models import Notification

from .helpers import add_member

pytestmark = pytest.mark.django_db


def members_of(group):
    return set(Membership.objects.filter(group=group).values_list("user__username", flat=True))


@pytest.fixture
def request_group(world):
    group = Group.objects.create(slug="lantern", name="Lantern", kind="family", visibility="request")
    Guidelines.objects.create(group=group, version=1, text="Lantern guidelines")
    add_member(group, world.gfac, "facilitator")
    return group


@pytest.fixture
def unlisted_group(world):
    group = Group.objects.create(slug="hidden-cove", name="Hidden Cove", kind="peer_led", visibility="unlisted")
    Guidelines.objects.create(group=group, version=1, text="Cove guidelines")
    add_member(group, world.gfac, "facilitator")
    return group


# ---- open groups ------------------------------------------------------------------------------------------------


def test_outsider_joins_an_open_group_accepting_the_current_guidelines(client, world):
    client.force_login(world.outsider)
    response = client.post("/groups/harbour/join/", {"accept": "on", "version": "1"})
    assert response.status_code == 302
    membership = Membership.objects.get(group=world.harbour, user=world.outsider)
    assert membership.guidelines_version == 1 and membership.guidelines_accepted_at is not None
    assert membership.role == "member"


def test_joining_without_ticking_the_guidelines_shows_the_error_next_to_the_box(client, world):
    client.force_login(world.outsider)
    response = client.post("/groups/harbour/join/", {"version": "1"})
    assert response.status_code == 400
    assert 'id="join_accept_error"' in response.content.decode()
    assert "outsider" not in members_of(world.harbour)


def test_joining_with_an_old_guidelines_version_is_refused(client, world):
    Guidelines.objects.create(group=world.harbour, version=2, text="New rules")
    client.force_login(world.outsider)
    response = client.post("/groups/harbour/join/", {"accept": "on", "version": "1"})
    assert response.status_code == 400
    assert "version 2" in response.content.decode()
    assert "outsider" not in members_of(world.harbour)


def test_joining_twice_is_refused_kindly(member_client, world):
    response = member_client.post("/groups/harbour/join/", {"accept": "on", "version": "1"}, follow=True)
    assert "already a member" in response.content.decode()
    assert Membership.objects.filter(group=world.harbour, user=world.member).count() == 1


def test_anonymous_visitor_is_sent_to_log_in_to_join(client, world):
    response = client.post("/groups/harbour/join/", {"accept": "on", "version": "1"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_request_group_cannot_be_joined_directly(client, world, request_group):
    client.force_login(world.outsider)
    response = client.post("/groups/lantern/join/", {"accept": "on", "version": "1"}, follow=True)
    assert "ask to join" in response.content.decode()
    assert "outsider" not in members_of(request_group)


def test_an_unlisted_group_cannot_be_joined_by_outsiders(client, world, unlisted_group):
    client.force_login(world.outsider)
    assert client.post("/groups/hidden-cove/join/", {"accept": "on", "version": "1"}).status_code == 404


def test_join_page_answers_only_post(client, world):
    client.force_login(world.outsider)
    assert client.get("/groups/harbour/join/").status_code == 405


# ---- requests ---------------------------------------------------------------------------------------------------


def test_request_flow_notifies_facilitators_without_the_message_and_approval_makes_a_member(
    client, world, request_group
):
    client.force_login(world.outsider)
    html = client.get("/groups/lantern/").content.decode()
    assert "Lantern guidelines" in html and "Ask to join" in html
    response = client.post("/groups/lantern/request/", {"accept": "on", "version": "1", "message": "I am new here"})
    assert response.status_code == 302
    join_request = JoinRequest.objects.get(group=request_group, user=world.outsider, status="pending")
    note = Notification.objects.get(user=world.gfac, kind="group_request")
    assert "Olly" in note.text and "I am new here" not in note.text
    assert (
        "waiting" in client.get("/groups/lantern/").content.decode()
        or "asked to join" in client.get("/groups/lantern/").content.decode()
    )

    client.force_login(world.gfac)
    html = client.get("/groups/lantern/manage/requests/").content.decode()
    assert "I am new here" in html
    response = client.post("/groups/lantern/manage/requests/", {"request": join_request.pk, "decision": "approve"})
    assert response.status_code == 302
    membership = Membership.objects.get(group=request_group, user=world.outsider)
    assert membership.guidelines_version == 1
    assert Notification.objects.filter(user=world.outsider, kind="group_request_approved").exists()


def test_declined_request_tells_the_person_and_makes_no_member(client, world, request_group):
    join_request = JoinRequest.objects.create(group=request_group, user=world.outsider)
    client.force_login(world.gfac)
    client.post("/groups/lantern/manage/requests/", {"request": join_request.pk, "decision": "decline"})
    join_request.refresh_from_db()
    assert join_request.status == "declined" and join_request.decided_by == world.gfac
    assert "outsider" not in members_of(request_group)
    assert Notification.objects.filter(user=world.outsider, kind="group_request_declined").exists()


def test_a_second_pending_request_is_refused(client, world, request_group):
    JoinRequest.objects.create(group=request_group, user=world.outsider)
    client.force_login(world.outsider)
    response = client.post("/groups/lantern/request/", {"accept": "on", "version": "1"}, follow=True)
    assert "already waiting" in response.content.decode()
    assert JoinRequest.objects.filter(group=request_group, user=world.outsider).count() == 1


def test_a_request_must_accept_the_guidelines(client, world, request_group):
    client.force_login(world.outsider)
    response = client.post("/groups/lantern/request/", {"version": "1", "message": "hi"})
    assert response.status_code == 400
    assert 'id="request_accept_error"' in response.content.decode()


def test_member_withdraws_a_pending_request(client, world, request_group):
    JoinRequest.objects.create(group=request_group, user=world.outsider)
    client.force_login(world.outsider)
    client.post("/groups/lantern/request/withdraw/")
    assert JoinRequest.objects.get(group=request_group, user=world.outsider).status == "withdrawn"


def test_only_facilitators_decide_requests(client, world, request_group):
    join_request = JoinRequest.objects.create(group=request_group, user=world.outsider)
    for who in (world.member, world.gmod, world.other, world.outsider):
        client.force_login(who)
        response = client.post("/groups/lantern/manage/requests/", {"request": join_request.pk, "decision": "approve"})
        assert response.status_code == 404
    assert "outsider" not in members_of(request_group)


def test_a_request_answered_twice_is_refused(client, world, request_group):
    join_request = JoinRequest.objects.create(group=request_group, user=world.outsider, status="declined")
    client.force_login(world.gfac)
    client.post("/groups/lantern/manage/requests/", {"request": join_request.pk, "decision": "approve"})
    assert "outsider" not in members_of(request_group)


# ---- invitations by username -------------------------------------------------------------------------------------


def test_invitation_by_username_notifies_and_lets_the_member_join_an_unlisted_group(client, world, unlisted_group):
    client.force_login(world.gfac)
    response = client.post(
        "/groups/hidden-cove/manage/invitations/", {"action": "invite", "username": world.outsider.username}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(group=unlisted_group, invited=world.outsider)
    note = Notification.objects.get(user=world.outsider, kind="group_invitation")
    assert note.url == f"/groups/invitations/{invitation.pk}/"

    client.force_login(world.outsider)
    html = client.get(note.url).content.decode()
    assert "Cove guidelines" in html
    response = client.post(note.url, {"accept": "on", "version": "1"})
    assert response.status_code == 302 and response["Location"] == "/groups/hidden-cove/"
    assert Membership.objects.get(group=unlisted_group, user=world.outsider).guidelines_version == 1
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.get(note.url).status_code == 404  # used


def test_listed_group_page_shows_you_were_invited(client, world, request_group):
    Invitation.objects.create(group=request_group, invited=world.outsider, created_by=world.gfac)
    client.force_login(world.outsider)
    assert "You were invited" in client.get("/groups/lantern/").content.decode()


def test_someone_elses_invitation_is_404(client, world, unlisted_group):
    invitation = Invitation.objects.create(group=unlisted_group, invited=world.outsider, created_by=world.gfac)
    client.force_login(world.member)
    assert client.get(f"/groups/invitations/{invitation.pk}/").status_code == 404
    assert client.post(f"/groups/invitations/{invitation.pk}/", {"accept": "on", "version": "1"}).status_code == 404


def test_the_invited_member_may_decline(client, world, unlisted_group):
    invitation = Invitation.objects.create(group=unlisted_group, invited=world.outsider, created_by=world.gfac)
    client.force_login(world.outsider)
    client.post(f"/groups/invitations/{invitation.pk}/", {"action": "decline"})
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert "outsider" not in members_of(unlisted_group)


def test_inviting_an_unknown_username_shows_the_error_next_to_the_field(client, world, unlisted_group):
    client.force_login(world.gfac)
    response = client.post("/groups/hidden-cove/manage/invitations/", {"action": "invite", "username": "nobody"})
    assert response.status_code == 400
    assert 'id="id_username_error"' in response.content.decode()


def test_a_member_in_a_block_with_the_inviter_cannot_be_invited(client, world, unlisted_group):
    from accounts.models import Block

    Block.objects.create(blocker=world.outsider, blocked=world.gfac)
    client.force_login(world.gfac)
    response = client.post(
        "/groups/hidden-cove/manage/invitations/", {"action": "invite", "username": world.outsider.username}
    )
    assert response.status_code == 400
    assert not Invitation.objects.filter(invited=world.outsider).exists()
    assert not Notification.objects.filter(user=world.outsider).exists()


def test_only_facilitators_invite(client, world, unlisted_group):
    client.force_login(world.member)
    response = client.post(
        "/groups/hidden-cove/manage/invitations/", {"action": "invite", "username": world.outsider.username}
    )
    assert response.status_code == 404
    assert not Invitation.objects.exists()


# ---- invitation links -------------------------------------------------------------------------------------------


def _create_link(client, facilitator, slug, **extra):
    client.force_login(facilitator)
    response = client.post(f"/groups/{slug}/manage/invitations/", {"action": "link", **extra})
    assert response.status_code == 200
    match = re.search(r'value="(http://testserver/groups/invite/([^/"]+)/)"', response.content.decode())
    assert match, "the new link is shown once"
    return match.group(1), match.group(2)


def test_invitation_link_stores_only_the_tokens_hash_and_lets_holders_join(client, world, unlisted_group):
    url, token = _create_link(client, world.gfac, "hidden-cove")
    invitation = Invitation.objects.get(group=unlisted_group, invited__isnull=True)
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(Invitation.objects.filter(pk=invitation.pk).values().first())
    # The link is not shown again.
    assert token not in client.get("/groups/hidden-cove/manage/invitations/").content.decode()

    client.force_login(world.outsider)
    assert "Cove guidelines" in client.get(url).content.decode()
    assert client.post(url, {"accept": "on", "version": "1"}).status_code == 302
    assert "outsider" in members_of(unlisted_group)
    client.force_login(world.other)
    assert client.post(url, {"accept": "on", "version": "1"}).status_code == 302
    assert "othermember" in members_of(unlisted_group)


def test_invitation_link_asks_anonymous_visitors_to_log_in(client, world, unlisted_group):
    url, _token = _create_link(client, world.gfac, "hidden-cove")
    client.logout()
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_revoked_invitation_link_is_refused(client, world, unlisted_group):
    url, _token = _create_link(client, world.gfac, "hidden-cove")
    invitation = Invitation.objects.get(group=unlisted_group)
    client.post("/groups/hidden-cove/manage/invitations/", {"action": "revoke", "invitation": invitation.pk})
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404
    assert client.post(url, {"accept": "on", "version": "1"}).status_code == 404
    assert "outsider" not in members_of(unlisted_group)


def test_expired_invitation_link_is_refused(client, world, unlisted_group):
    url, _token = _create_link(client, world.gfac, "hidden-cove")
    Invitation.objects.filter(group=unlisted_group).update(expires_at=timezone.now() - timedelta(minutes=1))
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404


def test_a_made_up_token_is_404(client, world, unlisted_group):
    client.force_login(world.outsider)
    assert client.get("/groups/invite/not-a-real-token/").status_code == 404


def test_a_link_expiring_in_the_past_is_refused_next_to_the_field(client, world, unlisted_group):
    client.force_login(world.gfac)
    response = client.post(
        "/groups/hidden-cove/manage/invitations/", {"action": "link", "expires_at": "2001-01-01T10:00"}
    )
    assert response.status_code == 400
    assert 'id="id_expires_at_error"' in response.content.decode()
    assert not Invitation.objects.exists()


# ---- leaving and the last facilitator --------------------------------------------------------------------------


def test_member_leaves_the_group(member_client, world):
    assert member_client.get("/groups/harbour/leave/").status_code == 200
    assert member_client.post("/groups/harbour/leave/").status_code == 302
    assert "member" not in members_of(world.harbour)


def test_outsider_cannot_leave_a_group_they_are_not_in(outsider_client, world):
    assert outsider_client.post("/groups/harbour/leave/").status_code == 404


def test_the_last_facilitator_must_name_another_to_leave(client, world):
    client.force_login(world.gfac)
    response = client.post("/groups/harbour/leave/")
    assert response.status_code == 200
    assert "last facilitator" in response.content.decode()
    assert "gfac" in members_of(world.harbour)
    successor = Membership.objects.get(group=world.harbour, user=world.member)
    assert client.post("/groups/harbour/leave/", {"successor": successor.pk}).status_code == 302
    successor.refresh_from_db()
    assert successor.role == "facilitator"
    assert "gfac" not in members_of(world.harbour)


def test_a_facilitator_with_another_facilitator_leaves_freely(client, world):
    Membership.objects.filter(group=world.harbour, user=world.gmod).update(role="facilitator")
    client.force_login(world.gfac)
    assert client.post("/groups/harbour/leave/").status_code == 302
    assert "gfac" not in members_of(world.harbour)


def test_the_only_member_may_leave(client, world):
    lone = make_member("lone")
    group = Group.objects.create(slug="solo", name="Solo", kind="peer_led")
    add_member(group, lone, "facilitator")
    client.force_login(lone)
    assert client.post("/groups/solo/leave/").status_code == 302
    assert not Membership.objects.filter(group=group).exists()


def test_a_suspended_member_cannot_join(client, world):
    from moderation.models import ModerationAction

    ModerationAction.objects.create(member=world.outsider, kind="suspend", reason="Cooling off")
    client.force_login(world.outsider)
    response = client.post("/groups/harbour/join/", {"accept": "on", "version": "1"}, follow=True)
    assert "suspended" in response.content.decode()
    assert "outsider" not in members_of(world.harbour)

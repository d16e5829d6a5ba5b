"""Guidelines are versioned: joining records the version accepted; a new version asks every member again, and
posting waits (groups.access.can_post) until they accept it."""

import pytest

from groups.access import can_post
from groups.models import Guidelines, Membership

from .helpers import add_member

pytestmark = pytest.mark.django_db


def publish(client, facilitator, text="Version two: be kind, keep confidences, no advice unless asked."):
    client.force_login(facilitator)
    return client.post("/groups/harbour/manage/guidelines/", {"text": text})


def test_a_facilitator_publishes_a_new_version_that_becomes_current(client, world):
    response = publish(client, world.gfac)
    assert response.status_code == 302
    current = Guidelines.objects.filter(group=world.harbour).order_by("-version").first()
    assert current.version == 2 and current.created_by == world.gfac
    # The one who wrote it has accepted it.
    assert Membership.objects.get(group=world.harbour, user=world.gfac).guidelines_version == 2
    # Earlier versions are kept, never edited.
    assert Guidelines.objects.get(group=world.harbour, version=1).text == "Be kind. What is said here stays here."


def test_after_a_new_version_members_may_not_post_until_they_accept(client, world):
    membership = Membership.objects.get(group=world.harbour, user=world.member)
    assert can_post(world.member, world.harbour)
    publish(client, world.gfac)
    refused = can_post(world.member, world.harbour)
    assert not refused and "guidelines" in str(refused.reason)

    client.force_login(world.member)
    html = client.get("/groups/harbour/").content.decode()
    assert "Version two" in html and "Accept the new guidelines" in html
    response = client.post("/groups/harbour/guidelines/accept/", {"accept": "on", "version": "2"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.guidelines_version == 2
    assert can_post(world.member, world.harbour)
    assert "Accept the new guidelines" not in client.get("/groups/harbour/").content.decode()


def test_accepting_needs_the_box_ticked(member_client, world):
    Guidelines.objects.create(group=world.harbour, version=2, text="v2")
    response = member_client.post("/groups/harbour/guidelines/accept/", {"version": "2"})
    assert response.status_code == 400
    assert 'id="accept_accept_error"' in response.content.decode()
    assert Membership.objects.get(group=world.harbour, user=world.member).guidelines_version == 1


def test_accepting_an_outdated_version_is_refused(member_client, world):
    Guidelines.objects.create(group=world.harbour, version=2, text="v2")
    Guidelines.objects.create(group=world.harbour, version=3, text="v3")
    response = member_client.post("/groups/harbour/guidelines/accept/", {"accept": "on", "version": "2"})
    assert response.status_code == 400
    assert Membership.objects.get(group=world.harbour, user=world.member).guidelines_version == 1


def test_accepting_guidelines_is_for_members_only(client, world):
    client.force_login(world.outsider)
    assert client.post("/groups/harbour/guidelines/accept/", {"accept": "on", "version": "1"}).status_code == 404


def test_joining_records_the_version_accepted(client, world):
    Guidelines.objects.create(group=world.harbour, version=2, text="v2")
    client.force_login(world.outsider)
    client.post("/groups/harbour/join/", {"accept": "on", "version": "2"})
    assert Membership.objects.get(group=world.harbour, user=world.outsider).guidelines_version == 2
    assert can_post(world.outsider, world.harbour)


def test_who_may_publish_guidelines(client, world):
    for who in (world.member, world.gmod, world.other, world.outsider):
        client.force_login(who)
        assert client.get("/groups/harbour/manage/guidelines/").status_code == 404
        assert client.post("/groups/harbour/manage/guidelines/", {"text": "mine now"}).status_code == 404
    assert Guidelines.objects.filter(group=world.harbour).count() == 1


def test_a_site_administrator_may_publish_guidelines(client, world, admin_user):
    assert publish(client, admin_user).status_code == 302
    assert Guidelines.objects.filter(group=world.harbour).count() == 2


def test_empty_guidelines_are_refused_next_to_the_field(client, world):
    response = publish(client, world.gfac, text="   ")
    assert response.status_code == 400
    assert 'id="id_text_error"' in response.content.decode()
    assert Guidelines.objects.filter(group=world.harbour).count() == 1


def test_a_request_approved_after_a_new_version_asks_again(client, world):
    from groups.models import Group, JoinRequest

    group = Group.objects.create(slug="lantern", name="Lantern", kind="family", visibility="request")
    Guidelines.objects.create(group=group, version=1, text="v1")
    add_member(group, world.gfac, "facilitator")
    join_request = JoinRequest.objects.create(group=group, user=world.outsider)
    Guidelines.objects.create(group=group, version=2, text="v2")
    client.force_login(world.gfac)
    client.post("/groups/lantern/manage/requests/", {"request": join_request.pk, "decision": "approve"})
    membership = Membership.objects.get(group=group, user=world.outsider)
    assert membership.guidelines_version < 2
    assert not can_post(world.outsider, group)

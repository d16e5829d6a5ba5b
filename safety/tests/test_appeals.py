"""Appeals: the member appeals once, another moderator decides, and overturning restores what it can."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from groups.access import can_post
from groups.models import ContentStatus, GroupRole, Membership
from moderation.models import Appeal, ModerationAction
from moderation.sanctions import is_suspended
from moderation.services import actions, appeals
from notifications.models import Notification

from .test_reports import build_world, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(member, moderator):
    return build_world(member, moderator)


@pytest.fixture
def second_moderator(world):
    from conftest import staff_member

    return staff_member("moderator2", "Max", "moderator")


def _hide(world):
    return actions.take_action(world.host, kind="hide", member=world.writer, reason="Unkind.", post=world.post)


def test_member_appeals_an_action_about_them_once(world):
    action = _hide(world)
    writer = client_for(world.writer)
    response = writer.post(f"/me/moderation/{action.pk}/appeal/", {"text": "I was quoting someone else."})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.member, appeal.action, appeal.status) == (world.writer, action, "open")
    again = writer.post(f"/me/moderation/{action.pk}/appeal/", {"text": "Again."})
    assert again.status_code == 200 and Appeal.objects.count() == 1
    assert "already appealed" in again.content.decode()


def test_nobody_else_can_appeal_an_action(world, member):
    action = _hide(world)
    assert client_for(member).post(f"/me/moderation/{action.pk}/appeal/", {"text": "x"}).status_code == 404
    assert not Appeal.objects.exists()


def test_empty_appeal_is_refused(world):
    action = _hide(world)
    response = client_for(world.writer).post(f"/me/moderation/{action.pk}/appeal/", {"text": "  "})
    assert response.status_code == 200 and not Appeal.objects.exists()


def test_appeal_waits_in_the_site_queue_and_the_groups_queue(world):
    action = _hide(world)
    appeal = appeals.appeal(world.writer, action, "Please look again.")
    assert f"/moderation/appeals/{appeal.pk}/" in client_for(world.moderator).get("/moderation/").content.decode()
    assert (
        f"/moderation/appeals/{appeal.pk}/"
        in client_for(world.host).get("/groups/harbour/moderation/").content.decode()
    )
    assert client_for(world.other_host).get(f"/moderation/appeals/{appeal.pk}/").status_code == 404
    assert client_for(world.writer).get(f"/moderation/appeals/{appeal.pk}/").status_code == 404


def test_the_moderator_who_acted_cannot_decide_the_appeal(world):
    action = _hide(world)
    appeal = appeals.appeal(world.writer, action, "Please look again.")
    host = client_for(world.host)
    page = host.get(f"/moderation/appeals/{appeal.pk}/").content.decode()
    assert "Another moderator" in page
    host.post(f"/moderation/appeals/{appeal.pk}/", {"decision": "overturn", "response": "Mine."})
    appeal.refresh_from_db()
    assert appeal.status == "open"


def test_another_moderator_overturns_and_the_post_is_restored(world):
    action = _hide(world)
    appeal = appeals.appeal(world.writer, action, "I was quoting.")
    response = client_for(world.moderator).post(
        f"/moderation/appeals/{appeal.pk}/", {"decision": "overturn", "response": "You're right, sorry."}
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    world.post.refresh_from_db()
    assert appeal.status == "overturned" and appeal.decided_by == world.moderator
    assert world.post.status == ContentStatus.VISIBLE
    assert Notification.objects.filter(user=world.writer, kind="appeal_decided").exists()
    assert "You&#x27;re right, sorry." in client_for(world.writer).get("/me/moderation/").content.decode()


def test_upheld_appeal_changes_nothing_but_answers(world):
    action = _hide(world)
    appeal = appeals.appeal(world.writer, action, "Please.")
    client_for(world.moderator).post(
        f"/moderation/appeals/{appeal.pk}/", {"decision": "uphold", "response": "It stays hidden."}
    )
    appeal.refresh_from_db()
    world.post.refresh_from_db()
    assert appeal.status == "upheld" and world.post.status == ContentStatus.HIDDEN


def test_decision_needs_a_response(world):
    appeal = appeals.appeal(world.writer, _hide(world), "Please.")
    response = client_for(world.moderator).post(f"/moderation/appeals/{appeal.pk}/", {"decision": "overturn"})
    assert response.status_code == 200
    appeal.refresh_from_db()
    assert appeal.status == "open"


def test_overturning_a_suspension_lifts_it(world, second_moderator):
    action = actions.take_action(world.moderator, kind="suspend", member=world.writer, reason="Threats.")
    assert is_suspended(world.writer)
    appeal = appeals.appeal(world.writer, action, "It was a misunderstanding.")
    with pytest.raises(PermissionDenied):
        appeals.decide_appeal(world.moderator, appeal, overturn=True, response="x")
    appeals.decide_appeal(second_moderator, appeal, overturn=True, response="Agreed.")
    assert not is_suspended(world.writer)


def test_overturning_a_mute_lifts_it_and_a_removal_restores_the_membership(world, second_moderator):
    until = timezone.now() + timedelta(days=3)
    mute = actions.take_action(
        world.host, kind="mute", member=world.writer, reason="Pause.", group=world.harbour, until=until
    )
    assert not can_post(world.writer, world.harbour)
    appeals.decide_appeal(second_moderator, appeals.appeal(world.writer, mute, "Please."), True, "OK.")
    assert can_post(world.writer, world.harbour)
    removal = actions.take_action(
        world.host, kind="remove_member", member=world.writer, reason="Out.", group=world.harbour
    )
    assert not Membership.objects.filter(user=world.writer, group=world.harbour).exists()
    appeals.decide_appeal(second_moderator, appeals.appeal(world.writer, removal, "Please."), True, "Welcome back.")
    assert Membership.objects.get(user=world.writer, group=world.harbour).role == GroupRole.MEMBER


def test_group_co_moderator_may_decide_a_group_appeal(world):
    from conftest import make_member

    co = make_member("comod", display_name="Cora")
    Membership.objects.create(group=world.harbour, user=co, role=GroupRole.MODERATOR)
    appeal = appeals.appeal(world.writer, _hide(world), "Please.")
    client_for(co).post(f"/moderation/appeals/{appeal.pk}/", {"decision": "uphold", "response": "Stays."})
    appeal.refresh_from_db()
    assert appeal.status == "upheld" and ModerationAction.objects.count() == 1

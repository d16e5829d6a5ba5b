"""Appeals: the member appeals once, another moderator decides, and overturning restores what it can."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from conftest import client_for
from groups.access import can_post
from groups.models import ContentStatus, GroupRole, Membership
from moderation.models import Appeal, ModerationAction
from moderation.sanctions import is_suspended
from moderation.services import actions, appeals
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_moderator(group_world):
    from conftest import staff_member

    return staff_member("moderator2", "Max", "moderator")


def _hide(group_world):
    return actions.take_action(
        group_world.host, kind="hide", member=group_world.writer, reason="Unkind.", post=group_world.post
    )


def test_member_appeals_an_action_about_them_once(group_world):
    action = _hide(group_world)
    writer = client_for(group_world.writer)
    response = writer.post(f"/me/moderation/{action.pk}/appeal/", {"text": "I was quoting someone else."})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.member, appeal.action, appeal.status) == (group_world.writer, action, "open")
    again = writer.post(f"/me/moderation/{action.pk}/appeal/", {"text": "Again."})
    assert again.status_code == 200 and Appeal.objects.count() == 1
    assert "already appealed" in again.content.decode()


def test_nobody_else_can_appeal_an_action(group_world, member):
    action = _hide(group_world)
    assert client_for(member).post(f"/me/moderation/{action.pk}/appeal/", {"text": "x"}).status_code == 404
    assert not Appeal.objects.exists()


def test_empty_appeal_is_refused(group_world):
    action = _hide(group_world)
    response = client_for(group_world.writer).post(f"/me/moderation/{action.pk}/appeal/", {"text": "  "})
    assert response.status_code == 200 and not Appeal.objects.exists()


def test_appeal_waits_in_the_site_queue_and_the_groups_queue(group_world):
    action = _hide(group_world)
    appeal = appeals.appeal(group_world.writer, action, "Please look again.")
    assert f"/moderation/appeals/{appeal.pk}/" in client_for(group_world.moderator).get("/moderation/").content.decode()
    assert (
        f"/moderation/appeals/{appeal.pk}/"
        in client_for(group_world.host).get("/groups/harbour/moderation/").content.decode()
    )
    assert client_for(group_world.other_host).get(f"/moderation/appeals/{appeal.pk}/").status_code == 404
    assert client_for(group_world.writer).get(f"/moderation/appeals/{appeal.pk}/").status_code == 404


def test_the_moderator_who_acted_cannot_decide_the_appeal(group_world):
    action = _hide(group_world)
    appeal = appeals.appeal(group_world.writer, action, "Please look again.")
    host = client_for(group_world.host)
    page = host.get(f"/moderation/appeals/{appeal.pk}/").content.decode()
    assert "for another moderator to decide" in page
    host.post(f"/moderation/appeals/{appeal.pk}/", {"decision": "overturn", "response": "Mine."})
    appeal.refresh_from_db()
    assert appeal.status == "open"


def test_another_moderator_overturns_and_the_post_is_restored(group_world):
    action = _hide(group_world)
    appeal = appeals.appeal(group_world.writer, action, "I was quoting.")
    response = client_for(group_world.moderator).post(
        f"/moderation/appeals/{appeal.pk}/", {"decision": "overturn", "response": "You're right, sorry."}
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    group_world.post.refresh_from_db()
    assert appeal.status == "overturned" and appeal.decided_by == group_world.moderator
    assert group_world.post.status == ContentStatus.VISIBLE
    assert Notification.objects.filter(user=group_world.writer, kind="appeal_decided").exists()
    assert "You&#x27;re right, sorry." in client_for(group_world.writer).get("/me/moderation/").content.decode()


def test_upheld_appeal_changes_nothing_but_answers(group_world):
    action = _hide(group_world)
    appeal = appeals.appeal(group_world.writer, action, "Please.")
    client_for(group_world.moderator).post(
        f"/moderation/appeals/{appeal.pk}/", {"decision": "uphold", "response": "It stays hidden."}
    )
    appeal.refresh_from_db()
    group_world.post.refresh_from_db()
    assert appeal.status == "upheld" and group_world.post.status == ContentStatus.HIDDEN


def test_decision_needs_a_response(group_world):
    appeal = appeals.appeal(group_world.writer, _hide(group_world), "Please.")
    response = client_for(group_world.moderator).post(f"/moderation/appeals/{appeal.pk}/", {"decision": "overturn"})
    assert response.status_code == 200
    appeal.refresh_from_db()
    assert appeal.status == "open"


def test_overturning_a_suspension_lifts_it(group_world, second_moderator):
    action = actions.take_action(group_world.moderator, kind="suspend", member=group_world.writer, reason="Threats.")
    assert is_suspended(group_world.writer)
    appeal = appeals.appeal(group_world.writer, action, "It was a misunderstanding.")
    with pytest.raises(PermissionDenied):
        appeals.decide_appeal(group_world.moderator, appeal, overturn=True, response="x")
    appeals.decide_appeal(second_moderator, appeal, overturn=True, response="Agreed.")
    assert not is_suspended(group_world.writer)


def test_overturning_a_mute_lifts_it_and_a_removal_restores_the_membership(group_world, second_moderator):
    until = timezone.now() + timedelta(days=3)
    mute = actions.take_action(
        group_world.host,
        kind="mute",
        member=group_world.writer,
        reason="Pause.",
        group=group_world.harbour,
        until=until,
    )
    assert not can_post(group_world.writer, group_world.harbour)
    appeals.decide_appeal(second_moderator, appeals.appeal(group_world.writer, mute, "Please."), True, "OK.")
    assert can_post(group_world.writer, group_world.harbour)
    removal = actions.take_action(
        group_world.host, kind="remove_member", member=group_world.writer, reason="Out.", group=group_world.harbour
    )
    assert not Membership.objects.filter(user=group_world.writer, group=group_world.harbour).exists()
    appeals.decide_appeal(
        second_moderator, appeals.appeal(group_world.writer, removal, "Please."), True, "Welcome back."
    )
    assert Membership.objects.get(user=group_world.writer, group=group_world.harbour).role == GroupRole.MEMBER


def test_group_co_moderator_may_decide_a_group_appeal(group_world):
    from conftest import make_member

    co = make_member("comod", display_name="Cora")
    Membership.objects.create(group=group_world.harbour, user=co, role=GroupRole.MODERATOR)
    appeal = appeals.appeal(group_world.writer, _hide(group_world), "Please.")
    client_for(co).post(f"/moderation/appeals/{appeal.pk}/", {"decision": "uphold", "response": "Stays."})
    appeal.refresh_from_db()
    assert appeal.status == "upheld" and ModerationAction.objects.count() == 1

"""An appeal reaches the moderators who may decide it, and another moderator decides it through the API too."""

import pytest

from conftest import auth, staff_member
from moderation.models import ActionKind, AppealStatus
from moderation.services import actions, appeals
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_moderator(db):
    return staff_member("moderator2", "Morgan", "moderator")


@pytest.fixture
def appeal(member, moderator, second_moderator):
    action = actions.take_action(moderator, kind=ActionKind.WARN, member=member, reason="Please keep it kind.")
    return appeals.appeal(member, action, "I was quoting someone, not attacking them.")


def test_an_appeal_tells_the_moderators_who_may_decide_it_and_not_the_one_who_acted(
    appeal, moderator, second_moderator, member
):
    told = Notification.objects.filter(kind="appeal")
    assert list(told.values_list("user__username", flat=True)) == ["moderator2"]
    assert told.get().url == f"/moderation/appeals/{appeal.pk}/"
    assert "quoting" not in told.get().text


def test_another_moderator_decides_through_the_api(client, appeal, second_moderator, member):
    response = client.post(
        f"/api/v1/appeals/{appeal.pk}/decision",
        {"overturn": True, "response": "You're right; the warning is withdrawn."},
        content_type="application/json",
        **auth(second_moderator),
    )
    assert response.status_code == 200 and response.json()["status"] == AppealStatus.OVERTURNED
    assert Notification.objects.filter(user=member, kind="appeal_decided").exists()


def test_the_moderator_who_acted_cannot_decide_and_others_do_not_see_it(client, appeal, moderator, member, outsider):
    payload = {"overturn": False, "response": "It stands."}
    acted = client.post(
        f"/api/v1/appeals/{appeal.pk}/decision", payload, content_type="application/json", **auth(moderator)
    )
    assert acted.status_code == 403
    for user in (member, outsider):
        response = client.post(
            f"/api/v1/appeals/{appeal.pk}/decision", payload, content_type="application/json", **auth(user)
        )
        assert response.status_code == 404


def test_a_decision_needs_an_answer(client, appeal, second_moderator):
    response = client.post(
        f"/api/v1/appeals/{appeal.pk}/decision",
        {"overturn": False, "response": "  "},
        content_type="application/json",
        **auth(second_moderator),
    )
    assert response.status_code == 400 and "response" in response.json()["message"]

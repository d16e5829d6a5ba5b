"""Who decides an appeal: another site moderator, else the group's facilitator, else the site's administrators,
else (nobody else moderates) the moderator who decided. The chosen people are notified, and the member is told the
role, never a name, on their page, in the API and in the notification."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import Role
from conftest import auth, client_for, make_member, staff_member
from groups.models import Group, GroupRole, Membership
from moderation.models import Appeal
from moderation.services import actions, appeals
from notifications.models import Notification

pytestmark = pytest.mark.django_db

SOON = timezone.now() + timedelta(days=30)


def asked(appeal):
    return set(
        Notification.objects.filter(kind="appeal", url__endswith=f"/{appeal.pk}/").values_list("user", flat=True)
    )


@pytest.fixture
def harbour(db):
    group = Group.objects.create(slug="harbour", name="Harbour", kind="peer_led")
    writer = make_member("writer", display_name="Wren")
    Membership.objects.create(group=group, user=writer)
    return group, writer


def test_with_one_site_moderator_an_appeal_of_their_group_decision_goes_to_the_facilitator(harbour):
    group, writer = harbour
    only_mod = staff_member("onlymod", "Mo", "moderator")
    host = make_member("host", display_name="Hana")
    Membership.objects.create(group=group, user=host, role=GroupRole.FACILITATOR)
    action = actions.take_action(only_mod, kind="mute", member=writer, reason="Pause.", group=group, until=SOON)
    response = client_for(writer).post(f"/me/moderation/{action.pk}/appeal/", {"text": "Please."}, follow=True)
    appeal = Appeal.objects.get()
    assert appeal.decider == "group_facilitator"
    assert asked(appeal) == {host.pk}
    page = response.content.decode()
    assert "decided by the group&#x27;s facilitator" in page
    assert "Hana" not in page
    # The facilitator decides it, and the member is told who did.
    decided = client_for(host).post(f"/moderation/appeals/{appeal.pk}/", {"decision": "overturn", "response": "OK."})
    assert decided.status_code == 302
    text = Notification.objects.get(user=writer, kind="appeal_decided").text
    assert "the group's facilitator" in text and "Hana" not in text


def test_another_site_moderator_comes_first_and_never_the_decider_or_the_member(harbour):
    group, writer = harbour
    first = staff_member("mod1", "Mo", "moderator")
    second = staff_member("mod2", "Max", "moderator")
    host = make_member("host", display_name="Hana")
    Membership.objects.create(group=group, user=host, role=GroupRole.FACILITATOR)
    action = actions.take_action(first, kind="mute", member=writer, reason="Pause.", group=group, until=SOON)
    appeal = appeals.appeal(writer, action, "Please.")
    assert appeal.decider == "another_moderator"
    assert asked(appeal) == {second.pk}


def test_a_site_decision_with_one_moderator_goes_to_the_administrators(harbour):
    _group, writer = harbour
    only_mod = staff_member("onlymod", "Mo", "moderator")
    admin = staff_member("siteadmin", "Ada", "admin")
    action = actions.take_action(only_mod, kind="suspend", member=writer, reason="Threats.")
    response = client_for(writer).post(
        f"/api/v1/me/moderation/{action.pk}/appeal", {"text": "No."}, **auth(writer), content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["decider"] == "the site's administrators"
    appeal = Appeal.objects.get()
    assert asked(appeal) == {admin.pk}
    listed = client_for(writer).get("/api/v1/me/moderation", **auth(writer)).json()
    rows = listed["items"] if isinstance(listed, dict) else listed
    assert rows[0]["appeal_decider"] == "the site's administrators"
    appeals.decide_appeal(admin, appeal, overturn=True, response="Lifted.")


def test_when_nobody_else_moderates_the_decider_looks_again_and_the_member_is_told(harbour):
    _group, writer = harbour
    only_mod = staff_member("onlymod", "Mo", "moderator")
    action = actions.take_action(only_mod, kind="suspend", member=writer, reason="Threats.")
    appeal = appeals.appeal(writer, action, "No.")
    assert appeal.decider == "same_moderator"
    assert asked(appeal) == {only_mod.pk}
    assert "nobody else moderates" in client_for(writer).get("/me/moderation/").content.decode()
    response = client_for(only_mod).post(
        f"/moderation/appeals/{appeal.pk}/", {"decision": "uphold", "response": "Stays."}
    )
    assert response.status_code == 302
    appeal.refresh_from_db()
    assert appeal.status == "upheld"


def test_the_decider_still_cannot_decide_when_someone_else_can(harbour):
    _group, writer = harbour
    first = staff_member("mod1", "Mo", "moderator")
    make_member("adminperson", roles=[Role.ADMIN], mfa=True)
    action = actions.take_action(first, kind="suspend", member=writer, reason="Threats.")
    appeal = appeals.appeal(writer, action, "No.")
    assert appeal.decider == "administrators"
    client_for(first).post(f"/moderation/appeals/{appeal.pk}/", {"decision": "overturn", "response": "Mine."})
    appeal.refresh_from_db()
    assert appeal.status == "open"

"""Starting and managing a group: who may, editing, meetings, members and roles, removal with a reason."""

import pytest

from groups.models import Group, Guidelines, Membership
from notifications.models import Notification

from .helpers import add_member

pytestmark = pytest.mark.django_db

MANAGE_PAGES = ["", "meetings/", "guidelines/", "members/", "requests/", "invitations/"]
NEW_GROUP = {
    "name": "Tuesday Tides",
    "kind": "peer_led",
    "description": "We talk about the week.",
    "eligibility": "Anyone in recovery.",
    "visibility": "open",
    "guidelines": "Be kind.",
}


# ---- starting a group -------------------------------------------------------------------------------------------


def test_a_site_facilitator_starts_a_group_and_becomes_its_facilitator(client, facilitator):
    client.force_login(facilitator)
    assert client.get("/groups/new/").status_code == 200
    response = client.post("/groups/new/", NEW_GROUP)
    group = Group.objects.get(name="Tuesday Tides")
    assert response.status_code == 302 and response["Location"] == f"/groups/{group.slug}/"
    assert group.slug == "tuesday-tides" and group.created_by == facilitator
    membership = Membership.objects.get(group=group, user=facilitator)
    assert membership.role == "facilitator" and membership.guidelines_version == 1
    assert Guidelines.objects.get(group=group).text == "Be kind."


def test_a_site_administrator_may_start_a_group(client, admin_user):
    client.force_login(admin_user)
    assert client.post("/groups/new/", NEW_GROUP).status_code == 302


def test_slugs_stay_unique(client, facilitator):
    client.force_login(facilitator)
    client.post("/groups/new/", NEW_GROUP)
    client.post("/groups/new/", NEW_GROUP)
    assert set(Group.objects.values_list("slug", flat=True)) == {"tuesday-tides", "tuesday-tides-2"}


def test_a_group_named_like_a_page_gets_another_slug(client, facilitator):
    client.force_login(facilitator)
    client.post("/groups/new/", {**NEW_GROUP, "name": "New"})
    assert Group.objects.get(name="New").slug != "new"


def test_members_and_moderators_may_not_start_groups(client, member, moderator):
    for who in (member, moderator):
        client.force_login(who)
        assert client.get("/groups/new/").status_code == 404
        assert client.post("/groups/new/", NEW_GROUP).status_code == 404
    assert not Group.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in_to_start_a_group(client, db):
    response = client.get("/groups/new/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_group_needs_a_name_and_guidelines(client, facilitator):
    client.force_login(facilitator)
    response = client.post("/groups/new/", {**NEW_GROUP, "name": "", "guidelines": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_name_error"' in html and 'id="id_guidelines_error"' in html
    assert not Group.objects.exists()


def test_a_blank_name_is_refused_by_the_service_too(client, facilitator):
    client.force_login(facilitator)
    response = client.post("/groups/new/", {**NEW_GROUP, "name": "   "})
    assert 'id="id_name_error"' in response.content.decode()
    assert not Group.objects.exists()


# ---- who may manage ---------------------------------------------------------------------------------------------


def test_everyone_but_facilitators_and_site_admins_gets_404_on_every_manage_page(client, world, moderator):
    for who in (world.member, world.gmod, world.other, world.outsider, moderator):
        client.force_login(who)
        for page in MANAGE_PAGES:
            assert client.get(f"/groups/harbour/manage/{page}").status_code == 404, (who, page)
    client.logout()
    for page in MANAGE_PAGES:
        assert client.get(f"/groups/harbour/manage/{page}").status_code == 302


def test_facilitators_and_site_admins_open_every_manage_page(client, world, admin_user):
    for who in (world.gfac, admin_user):
        client.force_login(who)
        for page in MANAGE_PAGES:
            response = client.get(f"/groups/harbour/manage/{page}")
            assert response.status_code == 200, (who, page)
            assert 'content="noindex, nofollow"' in response.content.decode()


def test_a_site_admin_manages_an_unlisted_group_they_are_not_in(client, world, admin_user):
    Group.objects.filter(pk=world.harbour.pk).update(visibility="unlisted")
    client.force_login(admin_user)
    assert client.get("/groups/harbour/manage/").status_code == 200


# ---- editing ----------------------------------------------------------------------------------------------------


def test_facilitator_edits_the_groups_fields_and_visibility(client, world):
    client.force_login(world.gfac)
    response = client.post(
        "/groups/harbour/manage/",
        {
            "name": "Harbour Lights",
            "kind": "smart",
            "description": "New words",
            "eligibility": "Adults",
            "visibility": "request",
            "readable_by_site_members": "on",
        },
    )
    assert response.status_code == 302
    world.harbour.refresh_from_db()
    assert world.harbour.name == "Harbour Lights" and world.harbour.slug == "harbour"
    assert world.harbour.visibility == "request" and world.harbour.readable_by_site_members


def test_bad_values_show_errors_next_to_the_fields(client, world):
    client.force_login(world.gfac)
    response = client.post("/groups/harbour/manage/", {"name": "", "kind": "nonsense", "visibility": "public"})
    html = response.content.decode()
    assert response.status_code == 400
    for field in ("name", "kind", "visibility"):
        assert f'id="id_{field}_error"' in html
    world.harbour.refresh_from_db()
    assert world.harbour.name == "Harbour"


# ---- meetings ---------------------------------------------------------------------------------------------------


@pytest.fixture
def meeting(db):
    from directory.models import Meeting, Program

    return Meeting.objects.create(
        program=Program.objects.get(slug="aa"), name="Sunrise Serenity", day=1, time="07:00", timezone="UTC"
    )


def test_facilitator_links_a_meeting_by_number_and_unlinks_it(client, world, meeting):
    client.force_login(world.gfac)
    assert client.post("/groups/harbour/manage/meetings/", {"action": "link", "meeting": meeting.pk}).status_code == 302
    assert list(world.harbour.meetings.all()) == [meeting]
    client.post("/groups/harbour/manage/meetings/", {"action": "unlink", "meeting": meeting.pk})
    assert not world.harbour.meetings.exists()


def test_facilitator_finds_a_meeting_by_searching_the_directory(client, world, meeting):
    client.force_login(world.gfac)
    html = client.get("/groups/harbour/manage/meetings/?q=sunrise").content.decode()
    assert "Sunrise Serenity" in html and f'value="{meeting.pk}"' in html


def test_an_unknown_meeting_number_is_refused_next_to_the_field(client, world, meeting):
    client.force_login(world.gfac)
    response = client.post("/groups/harbour/manage/meetings/", {"action": "link", "meeting": "999999"})
    assert response.status_code == 400
    assert 'id="id_meeting_error"' in response.content.decode()


# ---- members and roles ------------------------------------------------------------------------------------------


def membership(world, user):
    return Membership.objects.get(group=world.harbour, user=user)


def test_facilitator_sees_members_with_role_and_joined_date(client, world):
    client.force_login(world.gfac)
    html = client.get("/groups/harbour/manage/members/").content.decode()
    assert "Robin" in html and "Morgan" in html and "3 members" in html


def test_manage_members_paginates_by_fifty(client, world):
    from conftest import make_member

    for i in range(55):
        add_member(world.harbour, make_member(f"extra{i:02}", display_name=f"Extra {i:02}"))
    client.force_login(world.gfac)
    first = client.get("/groups/harbour/manage/members/").content.decode()
    assert "Extra 46" in first and "Extra 47" not in first  # three members joined first
    assert "Extra 54" in client.get("/groups/harbour/manage/members/?page=2").content.decode()


def test_facilitator_changes_a_role_and_the_member_is_told(client, world):
    client.force_login(world.gfac)
    m = membership(world, world.member)
    client.post("/groups/harbour/manage/members/", {"membership": m.pk, "role": "moderator"})
    m.refresh_from_db()
    assert m.role == "moderator"
    assert Notification.objects.filter(user=world.member, kind="group_role").exists()


def test_the_last_facilitator_cannot_step_down(client, world):
    client.force_login(world.gfac)
    m = membership(world, world.gfac)
    response = client.post("/groups/harbour/manage/members/", {"membership": m.pk, "role": "member"}, follow=True)
    assert "at least one facilitator" in response.content.decode()
    m.refresh_from_db()
    assert m.role == "facilitator"


def test_a_facilitator_may_step_down_once_there_is_another(client, world):
    client.force_login(world.gfac)
    client.post(
        "/groups/harbour/manage/members/", {"membership": membership(world, world.gmod).pk, "role": "facilitator"}
    )
    client.post("/groups/harbour/manage/members/", {"membership": membership(world, world.gfac).pk, "role": "member"})
    assert membership(world, world.gfac).role == "member"


def test_bad_role_or_membership_is_refused(client, world):
    client.force_login(world.gfac)
    m = membership(world, world.member)
    client.post("/groups/harbour/manage/members/", {"membership": m.pk, "role": "king"})
    m.refresh_from_db()
    assert m.role == "member"
    assert client.post("/groups/harbour/manage/members/", {"membership": "abc", "role": "member"}).status_code == 404
    other = Membership.objects.get(group=world.elsewhere, user=world.other)
    response = client.post("/groups/harbour/manage/members/", {"membership": other.pk, "role": "member"})
    assert response.status_code == 404


def test_removing_a_member_needs_a_reason_which_they_are_told(client, world):
    from moderation.models import ModerationAction

    client.force_login(world.gfac)
    m = membership(world, world.member)
    url = f"/groups/harbour/manage/members/{m.pk}/remove/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400 and 'id="id_reason_error"' in response.content.decode()
    assert client.post(url, {"reason": "Repeated advice-giving after two reminders."}).status_code == 302
    assert not Membership.objects.filter(pk=m.pk).exists()
    note = Notification.objects.get(user=world.member, kind="group_removed")
    assert "Repeated advice-giving" in note.text and "Harbour" in note.text
    action = ModerationAction.objects.get(member=world.member)
    assert action.kind == "remove_member" and action.group == world.harbour and action.moderator == world.gfac


def test_the_last_facilitator_cannot_be_removed(client, world, admin_user):
    client.force_login(admin_user)
    m = membership(world, world.gfac)
    response = client.post(f"/groups/harbour/manage/members/{m.pk}/remove/", {"reason": "testing"})
    assert response.status_code == 400
    assert Membership.objects.filter(pk=m.pk).exists()


def test_a_group_moderator_cannot_remove_members(client, world):
    client.force_login(world.gmod)
    m = membership(world, world.member)
    assert client.post(f"/groups/harbour/manage/members/{m.pk}/remove/", {"reason": "x"}).status_code == 404
    assert Membership.objects.filter(pk=m.pk).exists()


# ---- invitations list -------------------------------------------------------------------------------------------


def test_revoking_another_groups_invitation_is_404(client, world):
    from groups.models import Invitation

    invitation = Invitation.objects.create(group=world.elsewhere, invited=world.outsider, created_by=world.other)
    client.force_login(world.gfac)
    response = client.post("/groups/harbour/manage/invitations/", {"action": "revoke", "invitation": invitation.pk})
    assert response.status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None

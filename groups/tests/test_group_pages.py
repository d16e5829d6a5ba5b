"""The group list, a group's page and its members page: who sees what."""

import pytest

from groups.models import Group, Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups(member):
    listed = Group.objects.create(slug="open-door", name="Open Door", kind="peer_led", visibility="open")
    hidden = Group.objects.create(slug="quiet", name="Quiet Circle", kind="peer_led", visibility="unlisted")
    Membership.objects.create(group=hidden, user=member)
    return listed, hidden


def test_listed_groups_are_visible_to_everyone(client, groups):
    assert "Open Door" in client.get("/groups/").content.decode()
    assert client.get("/groups/open-door/").status_code == 200


def test_unlisted_groups_do_not_exist_for_outsiders(client, outsider_client, groups):
    assert "Quiet Circle" not in client.get("/groups/").content.decode()
    assert client.get("/groups/quiet/").status_code == 404
    assert "Quiet Circle" not in outsider_client.get("/groups/").content.decode()
    assert outsider_client.get("/groups/quiet/").status_code == 404


def test_members_see_their_unlisted_group(member_client, groups):
    assert "Quiet Circle" in member_client.get("/groups/").content.decode()
    assert member_client.get("/groups/quiet/").status_code == 200


def test_unlisted_group_page_is_kept_from_search_engines(member_client, groups):
    assert 'content="noindex, nofollow"' in member_client.get("/groups/quiet/").content.decode()


def test_group_list_query_count_does_not_grow_with_groups(client, django_assert_max_num_queries, db):
    for i in range(30):
        Group.objects.create(slug=f"g{i}", name=f"G{i}", kind="peer_led")
    with django_assert_max_num_queries(6):
        response = client.get("/groups/")
    assert response.status_code == 200 and 'class="group-name">G0</a>' in response.content.decode()


def test_group_list_filters_by_kind_program_and_words(client, db):
    from directory.models import Program

    aa = Program.objects.get(slug="aa")
    Group.objects.create(slug="dawn", name="Dawn walkers", kind="peer_led", description="Early walks")
    Group.objects.create(slug="smart-eve", name="Evening SMART", kind="smart")
    Group.objects.create(slug="big-book", name="Big Book study", kind="home_group", program=aa)
    html = client.get("/groups/?kind=smart").content.decode()
    assert "Evening SMART" in html and "Dawn walkers" not in html
    html = client.get("/groups/?program=aa").content.decode()
    assert "Big Book study" in html and "Evening SMART" not in html
    html = client.get("/groups/?q=walks").content.decode()
    assert "Dawn walkers" in html and "Big Book study" not in html


def test_my_groups_filter_shows_only_the_members_groups(member_client, world):
    html = member_client.get("/groups/?mine=on").content.decode()
    assert "Harbour" in html and "Elsewhere" not in html


def test_group_list_paginates(client, db):
    for i in range(25):
        Group.objects.create(slug=f"g{i:02}", name=f"Group {i:02}", kind="peer_led")
    first = client.get("/groups/").content.decode()
    assert "Group 00" in first and "Group 24" not in first
    second = client.get("/groups/?page=2").content.decode()
    assert "Group 24" in second and "Group 00" not in second


def test_bad_filter_values_do_not_break_the_list(client, world):
    response = client.get("/groups/?kind=nonsense&program=nope&page=abc")
    assert response.status_code == 200


def test_group_page_shows_details_guidelines_and_join_form_to_a_visitor(outsider_client, world):
    html = outsider_client.get("/groups/harbour/").content.decode()
    assert "A calm place to talk." in html
    assert "Be kind. What is said here stays here." in html
    assert "I accept the guidelines" in html
    assert "3 members" in html


def test_anonymous_visitor_is_invited_to_log_in_not_to_join(client, world):
    html = client.get("/groups/harbour/").content.decode()
    assert "Log in to join" in html
    assert "I accept the guidelines" not in html


def test_group_page_links_its_directory_meetings(client, world):
    from directory.models import Meeting, Program

    meeting = Meeting.objects.create(
        program=Program.objects.get(slug="aa"), name="Harbour Lights", day=2, time="19:00", timezone="UTC"
    )
    world.harbour.meetings.add(meeting)
    html = client.get("/groups/harbour/").content.decode()
    assert f'href="/meetings/{meeting.pk}/"' in html and "Harbour Lights" in html


def test_member_sees_leave_and_members_links_but_not_manage(member_client, world):
    html = member_client.get("/groups/harbour/").content.decode()
    assert "/groups/harbour/leave/" in html
    assert "/groups/harbour/members/" in html
    assert "/groups/harbour/manage/" not in html
    assert "I accept the guidelines" not in html


def test_facilitator_sees_the_manage_link(client, world):
    client.force_login(world.gfac)
    assert "/groups/harbour/manage/" in client.get("/groups/harbour/").content.decode()


def test_group_moderator_does_not_see_the_manage_link(client, world):
    client.force_login(world.gmod)
    assert "/groups/harbour/manage/" not in client.get("/groups/harbour/").content.decode()


def test_shared_milestones_show_to_members_only(client, world):
    from datetime import date

    from django.contrib.contenttypes.models import ContentType

    from journey.models import Counter, Share
    from journey.services.counters import create_counter

    counter = create_counter(world.gfac, today=date(2026, 1, 1), pathway="alcohol", start_date=date(2025, 1, 1))
    share = Share.objects.create(
        owner=world.gfac,
        content_type=ContentType.objects.get_for_model(Counter),
        object_id=counter.pk,
        to_group=world.harbour,
    )
    client.force_login(world.member)
    html = client.get("/groups/harbour/").content.decode()
    assert "Shared with the group" in html and f"/shared-with-me/{share.pk}/" in html
    client.force_login(world.outsider)
    html = client.get("/groups/harbour/").content.decode()
    assert "Shared with the group" not in html and f"/shared-with-me/{share.pk}/" not in html


def test_members_page_is_for_members_only(client, world):
    assert client.get("/groups/harbour/members/").status_code == 302
    client.force_login(world.outsider)
    assert client.get("/groups/harbour/members/").status_code == 404
    client.force_login(world.other)
    assert client.get("/groups/harbour/members/").status_code == 404
    client.force_login(world.member)
    response = client.get("/groups/harbour/members/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gale" in html and "Morgan" in html and "Facilitator" in html
    # @username beside the name, so that a look-alike display name cannot pass for the facilitator.
    assert "@gfac" in html


def test_members_page_respects_a_name_kept_private(client, world):
    world.gmod.display_name_visibility = "only_me"
    world.gmod.save()
    client.force_login(world.member)
    html = client.get("/groups/harbour/members/").content.decode()
    assert "Morgan" not in html and "A member" in html


def test_members_page_leaves_out_people_in_a_block(client, world):
    from accounts.models import Block

    Block.objects.create(blocker=world.gmod, blocked=world.member)
    client.force_login(world.member)
    assert "Morgan" not in client.get("/groups/harbour/members/").content.decode()


def test_unlisted_group_members_page_is_404_to_outsiders(outsider_client, groups):
    assert outsider_client.get("/groups/quiet/members/").status_code == 404


def test_section_links_are_for_readers_of_the_discussion(client, world):
    client.force_login(world.member)
    html = client.get("/groups/harbour/").content.decode()
    for section in ("threads", "resources", "events"):
        assert f'href="/groups/harbour/{section}/"' in html
    client.force_login(world.outsider)
    assert 'href="/groups/harbour/threads/"' not in client.get("/groups/harbour/").content.decode()
    Group.objects.filter(pk=world.harbour.pk).update(readable_by_site_members=True)
    assert 'href="/groups/harbour/threads/"' in client.get("/groups/harbour/").content.decode()
    client.logout()
    assert 'href="/groups/harbour/threads/"' not in client.get("/groups/harbour/").content.decode()


def test_robots_txt_keeps_crawlers_out_of_what_is_said_in_groups(client):
    text = client.get("/robots.txt").content.decode()
    for path in ("/groups/*/threads/", "/notes/", "/shared-with-me/", "/me/", "/resources/", "/events/"):
        assert f"Disallow: {path}\n" in text
    assert "Disallow: /groups/\n" not in text  # the list of groups stays findable

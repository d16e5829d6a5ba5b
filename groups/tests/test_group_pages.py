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


def test_group_list_query_count_does_not_grow_with_groups(client, django_assert_max_num_queries, db):
    for i in range(30):
        Group.objects.create(slug=f"g{i}", name=f"G{i}", kind="peer_led")
    with django_assert_max_num_queries(6):
        client.get("/groups/")

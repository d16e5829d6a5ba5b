"""A group of any size renders its page, its members pages and the members API with a constant number of queries.

Each is measured with 3 members and with 60 (more than a page of 50): the counts must be equal, and small.
bench/groups_bench.py times the same with 20,000 members.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from accounts.services import create_api_token
from conftest import PASSWORD
from groups.models import Group, Guidelines, Membership

pytestmark = pytest.mark.django_db


def grow(group, total):
    """Bring the group to `total` members (bulk, as a big group would be)."""
    have = Membership.objects.filter(group=group).count()
    users = User.objects.bulk_create(
        [User(username=f"crowd{i}", display_name=f"Crowd {i}", password=PASSWORD) for i in range(have, total)]
    )
    Membership.objects.bulk_create([Membership(group=group, user=u, guidelines_version=1) for u in users])


@pytest.fixture
def big(member):
    from directory.models import Meeting, Program

    group = Group.objects.create(slug="big", name="Big", kind="peer_led", visibility="open")
    Guidelines.objects.create(group=group, version=1, text="Be kind.")
    Membership.objects.create(group=group, user=member, role="facilitator", guidelines_version=1)
    meeting = Meeting.objects.create(
        program=Program.objects.get(slug="aa"), name="M", day=1, time="19:00", timezone="UTC"
    )
    group.meetings.add(meeting)
    return group


def count_queries(fn) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = fn()
    assert response.status_code == 200, response.content[:300]
    return len(captured.captured_queries)


def counts_at(big, fn, sizes=(3, 60)):
    counts = []
    for size in sizes:
        grow(big, size)
        fn()  # warm: sessions, content types
        counts.append(count_queries(fn))
    return counts


def test_group_page_queries_do_not_grow_with_members(client, member, big, django_assert_max_num_queries):
    client.force_login(member)
    small, large = counts_at(big, lambda: client.get("/groups/big/"))
    assert small == large
    with django_assert_max_num_queries(20):
        client.get("/groups/big/")


def test_group_page_for_visitors_does_not_grow_with_members(client, big):
    small, large = counts_at(big, lambda: client.get("/groups/big/"))
    assert small == large


def test_members_page_queries_do_not_grow_with_members(client, member, big, django_assert_max_num_queries):
    client.force_login(member)
    small, large = counts_at(big, lambda: client.get("/groups/big/members/?page=2"), sizes=(53, 110))
    assert small == large
    first_small, first_large = counts_at(big, lambda: client.get("/groups/big/members/"), sizes=(3, 60))
    assert first_small == first_large
    with django_assert_max_num_queries(15):
        client.get("/groups/big/members/")


def test_manage_members_page_queries_do_not_grow_with_members(client, member, big, django_assert_max_num_queries):
    client.force_login(member)
    small, large = counts_at(big, lambda: client.get("/groups/big/manage/members/"))
    assert small == large
    with django_assert_max_num_queries(15):
        client.get("/groups/big/manage/members/?page=2")


def test_members_api_queries_do_not_grow_with_members(client, member, big, django_assert_max_num_queries):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(member, name='t')[1]}"}
    url = f"/api/v1/groups/{big.pk}/members"
    small, large = counts_at(big, lambda: client.get(url, {"limit": 50}, **headers))
    assert small == large
    with django_assert_max_num_queries(12):
        client.get(url, {"limit": 100}, **headers)


def test_groups_api_list_queries_do_not_grow_with_groups(client, member, django_assert_max_num_queries):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(member, name='t')[1]}"}
    counts = []
    for total in (5, 40):
        for i in range(Group.objects.count(), total):
            Group.objects.create(slug=f"g{i}", name=f"G{i}", kind="peer_led")
        client.get("/api/v1/groups", {"limit": 100}, **headers)  # warm: token use, sanction cache
        counts.append(count_queries(lambda: client.get("/api/v1/groups", {"limit": 100}, **headers)))
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(12):
        client.get("/api/v1/groups", {"limit": 100}, **headers)

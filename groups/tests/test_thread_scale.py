"""A long thread costs the same number of queries per page as a short one (pages and API)."""

import pytest

from conftest import auth, make_member
from groups.models import Post, Reaction, ReactionKind, Thread

from .helpers import add_posts, join, make_group, thread_url

pytestmark = pytest.mark.django_db


def build(member, sponsor, replies: int):
    """A thread with `replies` replies from several authors, reactions on every post and quotes here and there."""
    group = make_group(slug=f"g{replies}", name=f"Group {replies}")
    join(member, group)
    join(sponsor, group)
    authors = [sponsor]
    for i in range(3):
        user = make_member(f"author{replies}x{i}")
        join(user, group)
        authors.append(user)
    thread = Thread.objects.create(group=group, author=sponsor, title=f"Long {replies}")
    add_posts(thread, sponsor, 1)
    for author in authors:
        add_posts(thread, author, replies // len(authors))
    posts = list(Post.objects.filter(thread=thread).order_by("number"))
    Post.objects.filter(pk__in=[p.pk for p in posts[10::7]]).update(quote=posts[0])
    Reaction.objects.bulk_create(
        Reaction(post=post, user=authors[i % len(authors)], kind=ReactionKind.values[i % 3])
        for i, post in enumerate(posts)
    )
    return thread


def count_queries(django_assert_max_num_queries, request_function) -> int:
    with django_assert_max_num_queries(100) as captured:
        response = request_function()
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("page", ["1", "2", "last"])
def test_pages_of_a_long_thread_cost_what_a_short_one_costs(
    member_client, member, sponsor, page, django_assert_max_num_queries
):
    short = build(member, sponsor, 60)
    long = build(member, sponsor, 200)
    member_client.get(thread_url(short))  # first visit creates the read mark; compare later visits
    member_client.get(thread_url(long))
    small = count_queries(django_assert_max_num_queries, lambda: member_client.get(f"{thread_url(short)}?page={page}"))
    large = count_queries(django_assert_max_num_queries, lambda: member_client.get(f"{thread_url(long)}?page={page}"))
    assert large <= small


@pytest.mark.parametrize("page", ["1", "2", "3"])
def test_the_posts_api_of_a_long_thread_costs_what_a_short_one_costs(
    client, member, sponsor, page, django_assert_max_num_queries
):
    short = build(member, sponsor, 60)
    long = build(member, sponsor, 200)
    headers = auth(member)
    client.get(f"/api/v1/threads/{short.pk}/posts", **headers)  # warms the token's last_used_at
    small = count_queries(
        django_assert_max_num_queries,
        lambda: client.get(f"/api/v1/threads/{short.pk}/posts?page={page}&limit=25", **headers),
    )
    large = count_queries(
        django_assert_max_num_queries,
        lambda: client.get(f"/api/v1/threads/{long.pk}/posts?page={page}&limit=25", **headers),
    )
    assert large <= small

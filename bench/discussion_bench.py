"""How a thread of 2,000 replies renders: its first, a middle and its last page, the thread list, and
GET /api/v1/threads/{id}/posts at the same pages, through the Django test client, in a throwaway SQLite file
database.

For each request: median and p95 over --requests runs (after one warm-up), and the number of SQL queries (which
must not depend on the thread's length; groups/tests/test_thread_scale.py checks that in CI).

Run:  .venv/bin/python bench/discussion_bench.py [--replies 2000] [--requests 50] [--keep]
The database is var/bench-discussion.sqlite3, built afresh each run (migrate, then bulk inserts) and deleted at
the end unless --keep is given.
"""

import math
import sys
import time as clock

import pagebench

DB_PATH = pagebench.ROOT / "var" / "bench-discussion.sqlite3"
AUTHORS = 40
POSTS_PER_PAGE = 50
TITLE = "thread of {replies} replies, {requests} requests each (SQLite)"


def build(replies: int):
    """One group of AUTHORS members, 30 other threads, and one thread of `replies` replies with Markdown bodies,
    a quote every 10 posts and two or three reactions on most posts."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from groups.markdown import render
    from groups.models import Group, Membership, Post, Reaction, ReactionKind, Thread

    started = clock.perf_counter()
    password = make_password("bench-only-password")
    now = timezone.now()
    kinds = ReactionKind.values
    with transaction.atomic():
        group = Group.objects.create(slug="bench-harbour", name="Bench Harbour", kind="peer_led", visibility="open")
        users = User.objects.bulk_create(
            [User(username=f"bench{i}", display_name=f"Bench member {i}", password=password) for i in range(AUTHORS)]
        )
        Membership.objects.bulk_create([Membership(group=group, user=user, joined_at=now) for user in users])
        Thread.objects.bulk_create(
            [Thread(group=group, author=users[i % AUTHORS], title=f"Other thread {i}", post_count=1) for i in range(30)]
        )
        thread = Thread.objects.create(group=group, author=users[0], title="A long thread", post_count=replies + 1)
        body = "Thank you for sharing. **Evenings** are hard for me too; a walk helps.\n\n- one\n- two"
        html = render(body, allow_links=False, allow_images=False)
        Post.objects.bulk_create(
            [
                Post(thread=thread, author=users[n % AUTHORS], number=n, body=body, html=html, created_at=now)
                for n in range(1, replies + 2)
            ],
            batch_size=500,
        )
        ids = dict(Post.objects.filter(thread=thread).values_list("number", "pk"))
        Post.objects.filter(thread=thread, number__gt=10).extra(where=["number % 10 = 0"]).update(quote_id=ids[1])
        Reaction.objects.bulk_create(
            [
                Reaction(post_id=pk, user=users[(number + k) % AUTHORS], kind=kinds[(number + k) % 3])
                for number, pk in ids.items()
                for k in range(number % 4)
            ],
            batch_size=1000,
        )
    print(f"built a thread of {replies} replies in {clock.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return group, thread


def worker(args) -> dict:
    """In the --worker subprocess: build the thread, then time its pages and API; returns what pagebench.main prints."""
    pagebench.setup_django()
    from accounts.models import User
    from accounts.services import create_api_token

    group, thread = build(args.replies)
    reader = User.objects.get(username="bench1")
    token = create_api_token(reader, name="bench")[1]
    pages = math.ceil((args.replies + 1) / POSTS_PER_PAGE)
    middle = max(1, pages // 2)
    page_url = f"/groups/{group.slug}/threads/{thread.pk}/"
    api_url = f"/api/v1/threads/{thread.pk}/posts?limit={POSTS_PER_PAGE}"
    cases = [
        ("thread list", reader, f"/groups/{group.slug}/threads/", False),
        ("thread page 1", reader, page_url, False),
        (f"thread page {middle}", reader, f"{page_url}?page={middle}", False),
        (f"thread page {pages} (last)", reader, f"{page_url}?page=last", False),
        ("API posts page 1", None, api_url, True),
        (f"API posts page {middle}", None, f"{api_url}&page={middle}", True),
        (f"API posts page {pages} (last)", None, f"{api_url}&page={pages}", True),
    ]
    return {"replies": args.replies, "requests": args.requests, "rows": pagebench.measure(cases, token, args.requests)}


def main(argv=None):
    pagebench.main(argv, __file__, __doc__, DB_PATH, size=("replies", 2000), worker=worker, title=TITLE)


if __name__ == "__main__":
    main()

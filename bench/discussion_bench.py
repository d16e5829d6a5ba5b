"""How a thread of 2,000 replies renders: its first, a middle and its last page, the thread list, and
GET /api/v1/threads/{id}/posts at the same pages, through the Django test client, in a throwaway SQLite file
database.

For each request: median and p95 over --requests runs (after one warm-up), and the number of SQL queries (which
must not depend on the thread's length; groups/tests/test_thread_scale.py checks that in CI).

Run:  .venv/bin/python bench/discussion_bench.py [--replies 2000] [--requests 50] [--keep]
The database is var/bench-discussion.sqlite3, built afresh each run (migrate, then bulk inserts) and deleted at
the end unless --keep is given.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerhaven.settings")

DB_PATH = ROOT / "var" / "bench-discussion.sqlite3"
BENCH_ENV = {
    "SECRET_KEY": "bench-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "testserver",
    "DATA_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWtleS0wMTIzNDU2Nzg5YWJjZGVmZ2g=",
    "SECURE_SSL_REDIRECT": "0",
    "SQLITE_PATH": str(DB_PATH),
}
AUTHORS = 40
POSTS_PER_PAGE = 50


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


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


def worker(args):
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    from accounts.models import User
    from accounts.services import create_api_token

    plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    override_settings(STORAGES=plain).enable()
    group, thread = build(args.replies)
    reader = User.objects.get(username="bench1")
    token = create_api_token(reader, name="bench")[1]
    pages = math.ceil((args.replies + 1) / POSTS_PER_PAGE)
    middle = max(1, pages // 2)
    page_url = f"/groups/{group.slug}/threads/{thread.pk}/"
    api_url = f"/api/v1/threads/{thread.pk}/posts?limit={POSTS_PER_PAGE}"
    cases = [
        ("thread list", f"/groups/{group.slug}/threads/", False),
        ("thread page 1", page_url, False),
        (f"thread page {middle}", f"{page_url}?page={middle}", False),
        (f"thread page {pages} (last)", f"{page_url}?page=last", False),
        ("API posts page 1", api_url, True),
        (f"API posts page {middle}", f"{api_url}&page={middle}", True),
        (f"API posts page {pages} (last)", f"{api_url}&page={pages}", True),
    ]
    rows = []
    for label, url, with_token in cases:
        client = Client()
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if with_token else {}
        if not with_token:
            client.force_login(reader)
        response = client.get(url, **headers)  # warm-up
        assert response.status_code == 200, (label, response.status_code)
        # Counted with an execute wrapper: the request_started signal empties connection.queries_log mid-capture.
        counted = []

        def count(execute, sql, params, many, context, counted=counted):
            counted.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get(url, **headers)
        times = []
        for _ in range(args.requests):
            started = clock.perf_counter()
            client.get(url, **headers)
            times.append((clock.perf_counter() - started) * 1000)
        rows.append(
            {
                "request": label,
                "median_ms": statistics.median(times),
                "p95_ms": percentile(times, 95),
                "queries": len(counted),
            }
        )
        print(f"{label}: {rows[-1]['median_ms']:.1f} ms", file=sys.stderr, flush=True)
    print(json.dumps({"replies": args.replies, "requests": args.requests, "rows": rows}))


def table(result) -> str:
    head = f"{'request':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
    lines = [
        f"thread of {result['replies']} replies, {result['requests']} requests each (SQLite)",
        head,
        "-" * len(head),
    ]
    for row in result["rows"]:
        lines.append(f"{row['request']:32} {row['median_ms']:10.1f} {row['p95_ms']:8.1f} {row['queries']:8d}")
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--replies", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help="keep var/bench-discussion.sqlite3 afterwards")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)
    DB_PATH.parent.mkdir(parents=True, exist_ok=True)
    DB_PATH.unlink(missing_ok=True)
    env = {**os.environ, **BENCH_ENV}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    try:
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "--skip-checks"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        out = subprocess.run(
            [sys.executable, __file__, "--worker", "--replies", str(args.replies), "--requests", str(args.requests)],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
    finally:
        if not args.keep:
            DB_PATH.unlink(missing_ok=True)
    print(table(json.loads(out.strip().splitlines()[-1])))


if __name__ == "__main__":
    main()

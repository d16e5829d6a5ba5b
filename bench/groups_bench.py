"""How a group of 20,000 members renders: its page, its members page (first and a middle page) and
GET /api/v1/groups/{id}/members, through the Django test client, in a throwaway SQLite file database.

For each request: median and p95 over --requests runs (after one warm-up), and the number of SQL queries (which
must not depend on the group's size; groups/tests/test_group_scale.py checks that in CI).

Run:  .venv/bin/python bench/groups_bench.py [--members 20000] [--requests 50] [--keep]
The database is var/bench-groups.sqlite3, built afresh each run (migrate, then bulk inserts) and deleted at the end
unless --keep is given.
"""

import math
import sys
import time as clock

import pagebench

DB_PATH = pagebench.ROOT / "var" / "bench-groups.sqlite3"
TITLE = "group of {members} members, {requests} requests each (SQLite)"


def build(members: int):
    """One open group with `members` members (the first a facilitator), guidelines and two directory meetings."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import User
    from directory.models import Meeting, Program
    from groups.models import Group, Guidelines, Membership

    started = clock.perf_counter()
    password = make_password("bench-only-password")  # hashed once, shared: hashing 20,000 times would take minutes
    now = timezone.now()
    with transaction.atomic():
        group = Group.objects.create(slug="bench-harbour", name="Bench Harbour", kind="peer_led", visibility="open")
        Guidelines.objects.create(group=group, version=1, text="Be kind. What is said here stays here.")
        program = Program.objects.order_by("pk").first()
        for day in (1, 4):
            group.meetings.add(
                Meeting.objects.create(
                    program=program, name=f"Bench meeting {day}", day=day, time="19:00", timezone="UTC"
                )
            )
        batch = 2000
        for start in range(0, members, batch):
            users = User.objects.bulk_create(
                [
                    User(username=f"bench{i}", display_name=f"Bench member {i}", password=password)
                    for i in range(start, min(members, start + batch))
                ]
            )
            Membership.objects.bulk_create(
                [
                    Membership(
                        group=group,
                        user=user,
                        role="facilitator" if start == 0 and n == 0 else "member",
                        guidelines_version=1,
                        joined_at=now,
                    )
                    for n, user in enumerate(users)
                ]
            )
    print(f"built a group of {members} members in {clock.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return group


def worker(args) -> dict:
    """In the --worker subprocess: build the group, then time its pages and API; returns what pagebench.main prints."""
    pagebench.setup_django()
    pagebench.keep_one_connection()
    from accounts.models import User
    from accounts.services import create_api_token

    group = build(args.members)
    facilitator = User.objects.get(username="bench0")
    reader = User.objects.get(username="bench1")
    token = create_api_token(reader, name="bench")[1]
    middle = max(1, math.ceil(args.members / 50) // 2)
    members_url = f"/groups/{group.slug}/members/"
    manage_url = f"/groups/{group.slug}/manage/members/"
    api_url = f"/api/v1/groups/{group.pk}/members?limit=50"
    cases = [
        ("group page (member)", reader, f"/groups/{group.slug}/", False),
        ("group page (visitor)", None, f"/groups/{group.slug}/", False),
        ("members page 1", reader, members_url, False),
        (f"members page {middle}", reader, f"{members_url}?page={middle}", False),
        ("manage members page 1", facilitator, manage_url, False),
        (f"manage members page {middle}", facilitator, f"{manage_url}?page={middle}", False),
        ("API members page 1", None, api_url, True),
        (f"API members page {middle}", None, f"{api_url}&page={middle}", True),
    ]
    return {"members": args.members, "requests": args.requests, "rows": pagebench.measure(cases, token, args.requests)}


def main(argv=None):
    pagebench.main(argv, __file__, __doc__, DB_PATH, size=("members", 20_000), worker=worker, title=TITLE)


if __name__ == "__main__":
    main()

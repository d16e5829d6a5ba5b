"""Create the two members a fuzz run acts as (A) and against (B), with a token each; for `make schemathesis` only.

B hosts an unlisted group, "fuzz-b", with a thread, which A does not belong to. Writes as JSON to `--out`:
`{"a": {"username", "token"}, "b": {…}, "b_ids": {"group_id": […], "thread_id": […], "post_id": […]}}`.
Run it on a throwaway database: the members have a fixed, published password.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import User
from accounts.services import create_api_token
from groups.models import Group, GroupKind, GroupRole, GroupVisibility, Membership
from groups.services.discussion import start_thread

FUZZ_PASSWORD = "fuzz-only-not-a-secret-2026"  # noqa: S105  # published on purpose: throwaway databases


class Command(BaseCommand):
    help = "Create members fuzz_a and fuzz_b with API tokens (throwaway databases only) and write them as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help="the JSON file to write the usernames and tokens to")

    @transaction.atomic
    def handle(self, *args, out: str, **options):
        if User.objects.filter(username__in=["fuzz_a", "fuzz_b"]).exists():
            raise CommandError("fuzz_a or fuzz_b exists already: use a fresh, throwaway database.")
        members = {}
        for key, name in (("a", "Fuzz A"), ("b", "Fuzz B")):
            user = User.objects.create_user(username=f"fuzz_{key}", password=FUZZ_PASSWORD, display_name=name)
            _token, raw = create_api_token(user, name="schemathesis", days=1)
            members[key] = {"username": user.username, "token": raw}
        b = User.objects.get(username="fuzz_b")
        group = Group.objects.create(
            slug="fuzz-b", name="B's circle", kind=GroupKind.PEER_LED, visibility=GroupVisibility.UNLISTED
        )
        Membership.objects.create(group=group, user=b, role=GroupRole.FACILITATOR)
        thread = start_thread(b, group, title="B only", body="Hello from B.")
        members["b_ids"] = {"group_id": [group.pk], "thread_id": [thread.pk], "post_id": [thread.first_post.pk]}
        Path(out).write_text(json.dumps(members, indent=2))
        self.stdout.write(f"fuzz_a and fuzz_b written to {out}")

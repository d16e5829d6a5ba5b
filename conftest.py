"""Personas and a group world shared by the whole suite, small helpers every app's tests use, and the rules for
tests that need a service or shared data.

In CI (CI=true) a missing service, browser or shared data set is a failure; elsewhere such a test says what
it needs and skips.
"""

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
SHARED_DIR = Path(__file__).resolve().parent.parent / "shared"
PASSWORD = "correct horse battery staple 42"


def need(condition: bool, what: str) -> None:
    """Skip (outside CI) or fail (in CI) when `condition` is false."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI needs {what}, and it is missing", pytrace=False)
    pytest.skip(f"needs {what}")


@pytest.fixture
def shared_dir() -> Path:
    need(SHARED_DIR.is_dir(), f"the shared data folder at {SHARED_DIR}")
    return SHARED_DIR


def make_member(username: str, *, roles=(), mfa: bool = False, **fields):
    from accounts.models import User
    from accounts.services import grant_role

    user = User.objects.create_user(
        username=username, password=PASSWORD, display_name=fields.pop("display_name", username.title())
    )
    for name, value in fields.items():
        setattr(user, name, value)
    if fields:
        user.save()
    for role in roles:
        grant_role(user, role)
    if mfa:
        enable_totp(user)
    return user


TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def enable_totp(user, secret: str = TOTP_SECRET):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP

    TOTP.activate(user, secret)
    RecoveryCodes.activate(user)
    return secret


def totp_now(secret: str = TOTP_SECRET) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(secret, counters[len(counters) // 2]))


@pytest.fixture
def newcomer(db):
    return make_member("newcomer", display_name="New Person")


@pytest.fixture
def member(db):
    return make_member("member", display_name="Robin")


@pytest.fixture
def sponsor(db):
    return make_member("sponsor", display_name="Sam")


def staff_member(username: str, display_name: str, role_name: str):
    """A member holding a staff role, with the two-factor authentication every staff role needs."""
    from accounts.models import Role

    return make_member(username, display_name=display_name, roles=[Role(role_name)], mfa=True)


@pytest.fixture
def facilitator(db):
    return staff_member("facilitator", "Fran", "facilitator")


@pytest.fixture
def moderator(db):
    return staff_member("moderator", "Mo", "moderator")


@pytest.fixture
def peer_worker(db):
    return staff_member("peerworker", "Pat", "peer_support_worker")


@pytest.fixture
def professional(db):
    return staff_member("professional", "Dr. Lee", "professional")


@pytest.fixture
def outsider(db):
    return make_member("outsider", display_name="Olly")


@pytest.fixture
def admin_user(db):
    return staff_member("siteadmin", "Admin", "admin")


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def outsider_client(client, outsider):
    client.force_login(outsider)
    return client


def client_for(user):
    """A test client logged in as `user` (for a second or third person in one test)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def confirmed_client(user):
    """A test client logged in through the login form with the password, so that allauth counts the password as
    recently given (creating or revoking a token needs that; `force_login` does not record it)."""
    from django.test import Client

    client = Client()
    response = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def auth(user) -> dict:
    """Request headers carrying a fresh API token of `user`'s."""
    from accounts.services import create_api_token

    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, name='tests')[1]}"}


def count_queries(fetch) -> int:
    """How many queries `fetch()` runs (the same on a small and a large list: no query per row). Runs it once
    first, so that one-off work (a token's last use, a session) is not counted."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch()
    with CaptureQueriesContext(connection) as context:
        fetch()
    return len(context.captured_queries)


# --- A group world -----------------------------------------------------------------------------------------------


@pytest.fixture
def group_world(member, moderator):
    """Harbour, hosted by its facilitator Hana, where Wren writes and `member` (Robin) and Sam read; Other, whose
    moderator Otto is an outsider to Harbour; a thread in Harbour with Wren's post, and Wren's note to Robin.

    The site's `moderator` is there as `group_world.moderator`."""
    from groups.models import Group, GroupRole, Membership, Post, SupportNote, Thread

    harbour = Group.objects.create(slug="harbour", name="Harbour", kind="peer_led")
    other = Group.objects.create(slug="other", name="Other", kind="peer_led")
    writer = make_member("writer", display_name="Wren")
    reader = make_member("reader", display_name="Sam")
    host = make_member("host", display_name="Hana")
    other_host = make_member("otherhost", display_name="Otto")
    for user in (member, writer, reader):
        Membership.objects.create(group=harbour, user=user)
    Membership.objects.create(group=harbour, user=host, role=GroupRole.FACILITATOR)
    Membership.objects.create(group=other, user=other_host, role=GroupRole.MODERATOR)
    thread = Thread.objects.create(group=harbour, author=writer, title="Evenings", post_count=1)
    post = Post.objects.create(thread=thread, author=writer, number=1, body="Hello", html="<p>Hello there</p>")
    note = SupportNote.objects.create(
        sender=writer, recipient=member, group=harbour, body="Hi", html="<p>Keep going</p>"
    )
    return SimpleNamespace(
        harbour=harbour,
        other=other,
        writer=writer,
        reader=reader,
        host=host,
        other_host=other_host,
        thread=thread,
        post=post,
        note=note,
        moderator=moderator,
    )


@pytest.fixture
def report(group_world, member):
    """`member`'s open report of harassment about Wren's post in the group world."""
    # The one import of the report model in this file (it is moving to the moderation app).
    from moderation.models import Report

    return Report.objects.create(
        reporter=member,
        member=group_world.writer,
        post=group_world.post,
        group=group_world.harbour,
        reason="harassment",
        detail="Unkind",
    )


REFERENCE_DATA_MIGRATIONS = [
    ("directory.migrations.0002_seed_programs", "seed"),
    ("directory.migrations.0004_load_vocabularies", "load"),
    ("safety.migrations.0002_seed_crisis_lines", "seed"),
    ("safety.migrations.0006_crisis_line_verified_on_and_overdose", "seed"),
    ("safety.risk_data", "seed_tables"),
]


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Programs and crisis lines come from data migrations; a transactional test flushes them at its end.

    Tests with database access get them back when they are missing, whatever ran before on this worker.
    """
    marker = request.node.get_closest_marker("django_db")
    uses_db = marker is not None or {"db", "transactional_db", "live_server"} & set(request.fixturenames)
    if not uses_db:
        return
    transactional = "live_server" in request.fixturenames or bool(marker and marker.kwargs.get("transaction"))
    request.getfixturevalue("transactional_db" if transactional else "db")
    import importlib

    from django.apps import apps

    from directory.models import Program
    from safety.models import CrisisLine, RiskRule

    if not Program.objects.exists() or not CrisisLine.objects.exists() or not RiskRule.objects.exists():
        for module, function in REFERENCE_DATA_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Each test starts and ends in the site's default language: a page drawn in Spanish leaves the thread's
    language active (LocaleMiddleware sets it per request and never resets it), which would otherwise change the
    words of a later test's direct service call."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Rate limits and lock-outs live in the cache; each test starts with none.

    The database cache is rolled back with each test. A Redis cache (the REDIS_URL lane) is shared by the
    parallel workers, so each worker deletes only its own keys (settings.REDIS_PREFIX).
    """
    from django.core.cache import caches

    if "locmem" in settings.CACHES["ratelimit"]["BACKEND"].lower():
        caches["ratelimit"].clear()
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        keys = list(client.scan_iter(f"{settings.REDIS_PREFIX}:*", count=1000))
        if keys:
            client.delete(*keys)

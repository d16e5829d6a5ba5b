"""Personas shared by the whole suite, and the rules for tests that need a service or shared data.

In CI (CI=true) a missing service, browser or shared data set is a failure; elsewhere such a test says what
it needs and skips.
"""

import os
from pathlib import Path

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


REFERENCE_DATA_MIGRATIONS = [
    ("directory.migrations.0002_seed_programs", "seed"),
    ("directory.migrations.0004_load_vocabularies", "load"),
    ("safety.migrations.0002_seed_crisis_lines", "seed"),
    ("safety.migrations.0004_seed_crisis_phrases", "seed"),
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
    from safety.models import CrisisLine, CrisisPhrase

    if not Program.objects.exists() or not CrisisLine.objects.exists() or not CrisisPhrase.objects.exists():
        for module, function in REFERENCE_DATA_MIGRATIONS:
            getattr(importlib.import_module(module), function)(apps, None)


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Rate limits and lock-outs live in the cache; each test starts with none.

    The database cache is rolled back with each test. A Redis cache (the REDIS_URL lane) is shared by the
    parallel workers, so each worker deletes only its own keys (settings.REDIS_PREFIX).
    """
    if "redis" in settings.CACHES["default"]["BACKEND"].lower():
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL)
        keys = list(client.scan_iter(f"{settings.REDIS_PREFIX}:*", count=1000))
        if keys:
            client.delete(*keys)

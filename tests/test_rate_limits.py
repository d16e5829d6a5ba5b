"""Rate limits on writes (lib/throttle.py, peerhaven/throttling.py): every limited action answers 429 with
Retry-After after N writes, per member and per address; a page answers a friendly page that keeps "Get help now";
the help pages are never limited; RATE_LIMITS turns them off or tunes them."""

import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from conftest import auth, client_for, make_member
from lib.throttle import DEFAULTS, parse_rate_limits

pytestmark = pytest.mark.django_db

# One API write route for each limit (ids are not looked up: the attempt is counted before the view runs).
API_WRITES = [
    ("post", "post", "/api/v1/threads/999999/posts"),
    ("post", "post", "/api/v1/groups/999999/threads"),
    ("note", "post", "/api/v1/notes"),
    ("journal", "post", "/api/v1/me/journal"),
    ("counter", "post", "/api/v1/me/counters"),
    ("counter", "post", "/api/v1/me/counters/999999/slips"),
    ("token", "post", "/api/v1/me/tokens"),
    ("report", "post", "/api/v1/reports"),
    ("request", "post", "/api/v1/me/connection-requests"),
    ("check_text", "post", "/api/v1/safety/check-text"),
]


def write(client, path, method="post", **extra):
    return getattr(client, method)(path, data=json.dumps({}), content_type="application/json", **extra)


@pytest.mark.parametrize(("name", "method", "path"), API_WRITES)
def test_each_api_write_is_limited_per_member_with_retry_after(settings, member, name, method, path):
    settings.RATE_LIMITS = f"{name}=3/h,{name}@ip=off"
    client = client_for(member)
    for number in range(3):
        assert write(client, path, method, REMOTE_ADDR=f"10.0.0.{number}").status_code != 429
    refused = write(client, path, method, REMOTE_ADDR="10.0.0.9")  # a new address does not help
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 3600
    assert "try again" in refused.json()["message"]
    # another member is not affected
    assert write(client_for(make_member("second")), path, method).status_code != 429


@pytest.mark.parametrize(("name", "method", "path"), API_WRITES)
def test_each_api_write_is_limited_per_address(settings, member, name, method, path):
    settings.RATE_LIMITS = f"{name}=off,{name}@ip=2/10m"
    for number in range(2):
        assert write(client_for(make_member(f"m{number}")), path, method, REMOTE_ADDR="10.9.9.9").status_code != 429
    refused = write(client_for(member), path, method, REMOTE_ADDR="10.9.9.9")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 600
    assert write(client_for(member), path, method, REMOTE_ADDR="10.9.9.8").status_code != 429


def test_a_members_tokens_share_the_members_limit(settings, member):
    settings.RATE_LIMITS = "journal=2/h,journal@ip=off"
    first, second = auth(member), auth(member)
    assert write_with(first).status_code == 201
    assert write_with(second).status_code == 201
    refused = write_with(first)
    assert refused.status_code == 429 and refused["Retry-After"]


def write_with(headers):
    from django.test import Client

    return Client().post(
        "/api/v1/me/journal",
        data=json.dumps({"title": "Evening", "body": "Made it through."}),
        content_type="application/json",
        **headers,
    )


def test_a_limited_page_answers_a_friendly_429_that_keeps_get_help_now(settings, member):
    settings.RATE_LIMITS = "journal=1/h"
    client = client_for(member)
    client.post("/me/recovery/journal/new/", {"title": "One", "body": "First."})
    refused = client.post("/me/recovery/journal/new/", {"title": "Two", "body": "Second."})
    assert refused.status_code == 429 and refused["Retry-After"]
    content = refused.content.decode()
    assert "Please slow down" in content and "Get help now" in content and 'href="/help/"' in content
    assert content.count("<h1") == 1
    # the help stays open, and reading is never limited
    assert client.get("/help/").status_code == 200
    assert client.get("/me/recovery/journal/").status_code == 200


def test_the_crisis_check_is_generous_by_default(member):
    member_rate, ip_rate = DEFAULTS["check_text"]
    assert int(member_rate.split("/")[0]) >= 300 and int(ip_rate.split("/")[0]) >= 1000


def test_the_default_limits_let_a_busy_member_write(member):
    client = client_for(member)
    for number in range(40):
        assert write(client, "/api/v1/safety/check-text").status_code != 429
        assert write(client, "/api/v1/me/journal").status_code != 429, number


def test_off_turns_every_limit_off(settings, member):
    settings.RATE_LIMITS = "off"
    client = client_for(member)
    for _ in range(12):
        assert write(client, "/api/v1/me/tokens").status_code != 429


def test_one_limit_can_be_turned_off(settings, member):
    settings.RATE_LIMITS = "token=off,token@ip=off"
    client = client_for(member)
    for _ in range(12):
        assert write(client, "/api/v1/me/tokens").status_code != 429


def test_the_grammar_tunes_named_limits_and_refuses_mistakes():
    limits = parse_rate_limits("post=30/10m, note=20/h ,post@ip=100/h")
    assert limits is not None
    assert (limits["post"], limits["note"], limits["post@ip"]) == ("30/10m", "20/h", "100/h")
    assert limits["journal"] == DEFAULTS["journal"][0]
    assert parse_rate_limits("OFF") is None
    for mistake in ("posts=3/h", "post=3", "post=0/h", "post=3/w", "post"):
        with pytest.raises(ImproperlyConfigured):
            parse_rate_limits(mistake)

"""The client's address: forwarded headers count only from TRUSTED_PROXIES (lib/clientip.py, peerhaven/proxy.py)."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory, override_settings

from lib.clientip import client_ip

pytestmark = pytest.mark.django_db

NO_ALLAUTH_LIMITS = {"ACCOUNT_RATE_LIMITS": False}
TOO_MANY = "Too many failed login attempts"


def fail_login(client, **headers):
    return client.post("/accounts/login/", {"login": "member", "password": "wrong password"}, **headers)


@override_settings(TRUSTED_PROXIES=[], AXES_FAILURE_LIMIT=3, **NO_ALLAUTH_LIMITS)
def test_a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored_by_the_lockout(client, member):
    for n in range(3):
        fail_login(client, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["10.1.1.1"]
    response = fail_login(client, REMOTE_ADDR="10.1.1.1", HTTP_X_FORWARDED_FOR="198.51.100.99")
    assert response.status_code == 429


@override_settings(TRUSTED_PROXIES=["127.0.0.1"], AXES_FAILURE_LIMIT=3, **NO_ALLAUTH_LIMITS)
def test_the_address_a_trusted_proxy_forwards_is_the_one_locked_out(client, member):
    for _ in range(3):
        fail_login(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.9"]
    assert fail_login(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 429
    # Another client behind the same proxy is not locked out with them.
    other = fail_login(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.status_code == 200


@override_settings(TRUSTED_PROXIES=["127.0.0.1"], AXES_ENABLED=False, ACCOUNT_RATE_LIMITS={"login_failed": "2/m/ip"})
def test_allauths_per_address_limit_counts_the_forwarded_client_too(client, member):
    for _ in range(2):
        fail_login(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    limited = fail_login(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert TOO_MANY in limited.content.decode()
    other = fail_login(client, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert TOO_MANY not in other.content.decode()


def address(remote, forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(RequestFactory().get("/", **headers))


@pytest.mark.parametrize(
    ("trusted", "remote", "forwarded", "expected"),
    [
        ([], "10.1.1.1", "6.6.6.6", "10.1.1.1"),  # nobody trusted: the peer
        ([], "127.0.0.1", "6.6.6.6", "127.0.0.1"),  # not even loopback by default
        (["127.0.0.1"], "10.1.1.1", "6.6.6.6", "10.1.1.1"),  # the peer is not the proxy
        (["127.0.0.1"], "127.0.0.1", None, "127.0.0.1"),  # the proxy itself, nothing forwarded
        (["127.0.0.1"], "127.0.0.1", "203.0.113.9", "203.0.113.9"),
        (["127.0.0.1"], "127.0.0.1", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client's own entry is left
        (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "6.6.6.6, 203.0.113.9, 10.2.3.4", "203.0.113.9"),  # two proxies
        (["127.0.0.1", "10.0.0.0/8"], "127.0.0.1", "10.9.9.9, 10.2.3.4", "10.9.9.9"),  # all proxies: left-most
        (["127.0.0.1"], "127.0.0.1", "not-an-address, 203.0.113.9", "203.0.113.9"),
        (["127.0.0.1"], "127.0.0.1", "203.0.113.9, garbage", "127.0.0.1"),  # the proxy wrote no valid address
        (["::1"], "::1", "[2001:db8::7]", "2001:db8::7"),
        (["127.0.0.1"], "::ffff:127.0.0.1", "203.0.113.9", "203.0.113.9"),  # IPv4 seen over IPv6
    ],
)
def test_client_ip(settings, trusted, remote, forwarded, expected):
    settings.TRUSTED_PROXIES = trusted
    assert address(remote, forwarded) == expected


@override_settings(
    TRUSTED_PROXIES=["10.0.0.1"], SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"), SECURE_SSL_REDIRECT=True
)
def test_forwarded_proto_counts_only_from_the_trusted_proxy(client):
    spoofed = client.get("/healthz", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert spoofed.status_code == 301 and spoofed["Location"].startswith("https://")
    proxied = client.get("/healthz", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    assert proxied.status_code == 200

"""DEBUG=1 uses the published development keys only where nobody else can connect (loopback)."""

import pytest

from peerhaven import serve
from peerhaven.serve import refuse_public_host_with_dev_keys

from .helpers import BASE_ENV, DATA_KEY, SECRET_KEY, manage, run

DEV = {**BASE_ENV, "DEBUG": "1"}
EVERY_INTERFACE = "0.0.0.0"  # noqa: S104  (the address these tests expect refused)


def check(**env):
    return manage("check", env={**DEV, **env})


def test_debug_on_a_public_host_without_keys_refuses_to_start_and_names_both():
    result = check(ALLOWED_HOSTS="peerhaven.example.org")
    assert result.returncode != 0
    assert "ImproperlyConfigured: DEBUG=1 with ALLOWED_HOSTS=peerhaven.example.org (not loopback)" in result.stderr
    assert "needs SECRET_KEY and DATA_ENCRYPTION_KEYS set" in result.stderr


def test_debug_on_a_public_host_with_only_a_secret_key_names_the_data_key():
    result = check(ALLOWED_HOSTS="127.0.0.1,peerhaven.example.org", SECRET_KEY=SECRET_KEY)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS=peerhaven.example.org (not loopback) needs DATA_ENCRYPTION_KEYS set" in result.stderr


@pytest.mark.parametrize("hosts", ["*", ".example.org", EVERY_INTERFACE, "192.168.1.20"])
def test_a_wildcard_or_an_address_other_than_loopback_counts_as_public(hosts):
    result = check(ALLOWED_HOSTS=hosts, DATA_ENCRYPTION_KEYS=DATA_KEY)
    assert result.returncode != 0
    assert "needs SECRET_KEY set" in result.stderr


def test_debug_on_loopback_starts_with_the_development_keys():
    result = check(ALLOWED_HOSTS="127.0.0.1,localhost,[::1],dev.localhost")
    assert result.returncode == 0, result.stderr


def test_debug_on_a_public_host_starts_once_both_keys_are_set():
    result = check(ALLOWED_HOSTS="peerhaven.example.org", SECRET_KEY=SECRET_KEY, DATA_ENCRYPTION_KEYS=DATA_KEY)
    assert result.returncode == 0, result.stderr


def test_serve_refuses_a_public_listening_address_with_the_development_keys():
    result = run(
        "-m", "peerhaven.serve", "--no-worker", "--host", EVERY_INTERFACE, "--port", "18199", env=DEV, timeout=60
    )
    assert result.returncode == 2
    assert "--host 0.0.0.0 is not loopback: with DEBUG=1 set SECRET_KEY and DATA_ENCRYPTION_KEYS" in result.stderr


def test_serve_allows_loopback_or_a_public_address_once_keys_are_set(settings):
    settings.DEBUG, settings.USING_DEV_KEYS = True, True
    assert refuse_public_host_with_dev_keys("127.0.0.1") is None
    assert refuse_public_host_with_dev_keys("::1") is None
    assert refuse_public_host_with_dev_keys(EVERY_INTERFACE) is not None
    settings.USING_DEV_KEYS = False
    assert refuse_public_host_with_dev_keys(EVERY_INTERFACE) is None


def test_serve_does_not_let_uvicorn_rewrite_the_client_address(monkeypatch):
    seen = {}
    monkeypatch.setattr(serve.uvicorn, "run", lambda app, **options: seen.update(options))
    monkeypatch.setattr("sys.argv", ["serve", "--no-worker"])
    serve.main()
    assert seen["proxy_headers"] is False
    assert seen["access_log"] is False


def test_a_tls_proxy_must_be_named_in_trusted_proxies():
    result = check(BEHIND_TLS_PROXY="1")
    assert result.returncode != 0
    assert "BEHIND_TLS_PROXY=1 needs TRUSTED_PROXIES" in result.stderr


def test_a_malformed_trusted_proxy_is_named():
    result = check(TRUSTED_PROXIES="127.0.0.1,nginx.local")
    assert result.returncode != 0
    assert "TRUSTED_PROXIES: 'nginx.local' is not an IP address or network" in result.stderr

import re

import pytest
from django.test import override_settings

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def fail_logins(client, username, times):
    for _ in range(times):
        client.post("/accounts/login/", {"login": username, "password": "wrong password"}, REMOTE_ADDR="10.1.1.1")


@override_settings(AXES_FAILURE_LIMIT=3, ACCOUNT_RATE_LIMITS=False)
def test_repeated_failures_lock_the_login_even_with_the_right_password(client, member):
    fail_logins(client, "member", 3)
    response = client.post("/accounts/login/", {"login": "member", "password": PASSWORD}, REMOTE_ADDR="10.1.1.1")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get("/me/").status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3, ACCOUNT_RATE_LIMITS=False)
def test_lockout_looks_the_same_for_an_account_that_does_not_exist(client, member):
    fail_logins(client, "member", 3)
    fail_logins(client, "ghost", 3)
    real = client.post("/accounts/login/", {"login": "member", "password": "x"}, REMOTE_ADDR="10.1.1.1")
    ghost = client.post("/accounts/login/", {"login": "ghost", "password": "x"}, REMOTE_ADDR="10.1.1.1")
    assert real.status_code == ghost.status_code == 429
    assert without_csrf(real.content) == without_csrf(ghost.content)


def without_csrf(html: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", html)


def test_the_admin_login_is_the_protected_site_login(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@override_settings(AXES_FAILURE_LIMIT=3, ACCOUNT_RATE_LIMITS=False)
def test_a_locked_out_admin_cannot_reach_the_admin(client, admin_user):
    fail_logins(client, admin_user.username, 3)
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": admin_user.username, "password": PASSWORD}, REMOTE_ADDR="10.1.1.1"
    )
    assert response.status_code == 429
    assert client.get("/admin/").status_code == 302

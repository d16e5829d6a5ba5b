import re

import pytest
from allauth.mfa.models import Authenticator

from accounts.models import Role
from accounts.services import grant_role
from conftest import PASSWORD, enable_totp, make_member, totp_now

pytestmark = pytest.mark.django_db


def test_member_with_totp_must_give_a_code_after_the_password(client, member):
    enable_totp(member)
    response = client.post("/accounts/login/", {"login": "member", "password": PASSWORD})
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/me/").status_code == 302
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code" in response.content.decode()
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_now()})
    assert response.status_code == 302
    assert client.get("/me/").status_code == 200


def test_a_recovery_code_logs_in_once(client, member):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    enable_totp(member)
    code = RecoveryCodes(Authenticator.objects.get(user=member, type="recovery_codes")).get_unused_codes()[0]
    client.post("/accounts/login/", {"login": "member", "password": PASSWORD})
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 302
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": "member", "password": PASSWORD})
    assert client.post("/accounts/2fa/authenticate/", {"code": code}).status_code == 200


def test_member_can_turn_on_totp_from_their_account(client, member):
    client.force_login(member)
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/"), "turning on MFA asks for the password again"
    client.post(response["Location"], {"password": PASSWORD})
    page = client.get("/accounts/2fa/totp/activate/")
    assert page.status_code == 200
    html = page.content.decode()
    secret = re.search(r'id="authenticator_secret"[^>]*value="([A-Z2-7]+)"', html) or re.search(
        r'value="([A-Z2-7]{32})"', html
    )
    assert secret, "the activation page shows the secret"
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_now(secret.group(1))})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=member, type="totp").exists()


@pytest.mark.parametrize("role", sorted(r.value for r in Role if r != Role.MEMBER))
def test_every_staff_role_is_sent_to_set_up_mfa_before_anything_else(client, role):
    person = make_member(f"staff-{role}")
    grant_role(person, Role(role))
    client.force_login(person)
    response = client.get("/me/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/help/").status_code == 200, "Get help is never blocked"
    api = client.get("/api/v1/me")
    assert api.status_code == 403
    assert "two-factor" in api.json()["message"]


def test_plain_members_are_not_forced_to_use_mfa(member_client):
    assert member_client.get("/me/").status_code == 200


def test_staff_with_mfa_get_through(client, moderator):
    client.force_login(moderator)
    assert client.get("/me/").status_code == 200


def test_admin_role_opens_the_admin_only_with_mfa(client, admin_user):
    client.force_login(admin_user)
    assert client.get("/admin/").status_code == 200
    Authenticator.objects.filter(user=admin_user).delete()
    assert client.get("/admin/").status_code == 302

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import PersonalAccessToken
from accounts.services import create_api_token
from conftest import confirmed_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(member):
    """The member, having just given their password (tokens need it)."""
    return confirmed_client(member)


@pytest.fixture
def outsider_client(outsider):
    return confirmed_client(outsider)


def test_member_creates_a_token_sees_it_once_and_it_works(client, member_client, member):
    response = member_client.post("/me/tokens/", {"name": "My phone", "days": "30", "scopes": ["people"]})
    html = response.content.decode()
    raw = re.search(r'id="new-token"[^>]*value="(phat_[^"]+)"', html).group(1)
    assert response["Cache-Control"] == "no-store"
    token = PersonalAccessToken.objects.get(user=member)
    assert raw not in token.token_hash and token.hint == raw[:10]
    assert 29 <= (token.expires_at - timezone.now()).days <= 30
    assert raw not in member_client.get("/me/tokens/").content.decode()

    client.logout()
    answer = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert answer.status_code == 200
    assert answer.json()["username"] == "member"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_a_revoked_token_stops_working_at_once(client, member_client, member):
    token, raw = create_api_token(member, name="laptop")
    member_client.post(f"/me/tokens/{token.pk}/revoke/")
    member_client.logout()
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert "message" in response.json()


def test_an_expired_token_is_refused(client, member):
    token, raw = create_api_token(member, name="old")
    token.expires_at = timezone.now() - timedelta(seconds=1)
    token.save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_a_token_of_a_deactivated_member_is_refused(client, member):
    _token, raw = create_api_token(member, name="x")
    member.is_active = False
    member.save()
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}").status_code == 401


def test_outsider_cannot_revoke_someone_elses_token(outsider_client, member):
    token, _raw = create_api_token(member, name="mine")
    response = outsider_client.post(f"/me/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_revoking_needs_a_post(member_client, member):
    token, _raw = create_api_token(member, name="mine")
    assert member_client.get(f"/me/tokens/{token.pk}/revoke/").status_code == 405


def test_token_list_shows_only_my_tokens(member_client, outsider):
    create_api_token(outsider, name="outsider-secret-name")
    assert "outsider-secret-name" not in member_client.get("/me/tokens/").content.decode()


def test_tokens_through_the_api_with_the_session(client, member_client, member):
    create_api_token(member, name="cli")
    body = {"name": "second", "days": 7, "scopes": ["recovery:read"]}
    created = member_client.post("/api/v1/me/tokens", body, content_type="application/json")
    assert created.status_code == 201
    assert created.json()["token"].startswith("phat_") and created.json()["scopes"] == ["recovery:read"]
    listed = member_client.get("/api/v1/me/tokens").json()
    assert {t["name"] for t in listed} == {"cli", "second"}
    assert all("token" not in t for t in listed)
    second_id = created.json()["id"]
    assert member_client.delete(f"/api/v1/me/tokens/{second_id}").status_code == 204
    assert client.get("/api/v1/me/journal", HTTP_AUTHORIZATION=f"Bearer {created.json()['token']}").status_code == 401


def test_outsider_cannot_revoke_a_token_through_the_api(outsider_client, member):
    token, _raw = create_api_token(member, name="mine")
    response = outsider_client.delete(f"/api/v1/me/tokens/{token.pk}")
    assert response.status_code == 404
    assert response.json() == {"message": "Not found."}

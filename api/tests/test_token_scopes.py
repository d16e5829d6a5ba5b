"""A token reaches only the routes of its scopes (403 naming the missing one); no token reaches the token routes;
a member holds at most API_TOKENS_MAX tokens."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from accounts.services import create_api_token

pytestmark = pytest.mark.django_db


def bearer(user, scopes):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, name='t', scopes=scopes)[1]}"}


def test_a_read_token_reads_but_cannot_write_my_recovery(member):
    headers = bearer(member, ["recovery:read"])
    assert Client().get("/api/v1/me/journal", **headers).status_code == 200
    refused = Client().post("/api/v1/me/journal", {}, content_type="application/json", **headers)
    assert refused.status_code == 403 and "recovery:write" in refused.json()["message"]
    refused = Client().get("/api/v1/groups", **headers)
    assert refused.status_code == 403 and "groups" in refused.json()["message"]


def test_no_token_creates_or_revokes_tokens(member):
    headers = bearer(member, ["recovery:read", "recovery:write", "groups", "people", "moderation"])
    body = {"name": "x", "days": 366}
    created = Client().post("/api/v1/me/tokens", body, content_type="application/json", **headers)
    assert created.status_code == 403 and "session" in created.json()["message"]
    assert Client().delete("/api/v1/me/tokens/1", **headers).status_code == 403


def test_a_member_holds_at_most_api_tokens_max(settings, member):
    settings.API_TOKENS_MAX = 2
    create_api_token(member, name="a")
    create_api_token(member, name="b")
    with pytest.raises(ValidationError):
        create_api_token(member, name="c")

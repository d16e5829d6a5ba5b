import json

import pytest

from accounts.services import create_api_token
from conftest import confirmed_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def token_auth(member):
    _token, raw = create_api_token(member, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_openapi_document_describes_the_api(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    doc = response.json()
    assert doc["openapi"].startswith("3.")
    assert "/api/v1/me" in doc["paths"]
    assert "/api/v1/help/lines" in doc["paths"]
    schemes = doc["components"]["securitySchemes"]
    assert any(s.get("scheme") == "bearer" for s in schemes.values())


def test_interactive_docs_are_served_by_us(client):
    html = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_anonymous_calls_get_401_with_a_message(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.json()["message"].startswith("Authentication required")


def test_a_garbage_token_gets_401(client):
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer phat_not-a-token")
    assert response.status_code == 401


def test_member_reads_and_changes_their_profile(client, token_auth):
    me = client.get("/api/v1/me", **token_auth).json()
    assert me["display_name"] == {"value": "Robin", "visible_to": "members"}
    response = client.patch(
        "/api/v1/me",
        {"pronouns": "they/them", "pronouns_visibility": "members", "fellowships": ["smart"], "languages": ["es"]},
        content_type="application/json",
        **token_auth,
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["pronouns"] == {"value": "they/them", "visible_to": "members"}
    assert body["fellowships"]["value"] == ["smart"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"pronouns_visibility": "nobody"}, "pronouns_visibility"),
        ({"display_name": "   "}, "display_name"),
        ({"display_name": "x" * 51}, "display_name"),
        ({"languages": ["xx-nope"]}, "languages"),
        ({"fellowships": ["no-such-program"]}, "fellowships"),
        ({"favourite_colour": "blue"}, "favourite_colour"),
        ({"pronouns": 12}, "pronouns"),
    ],
)
def test_bad_profile_input_answers_400_naming_the_field(client, token_auth, member, payload, field):
    response = client.patch("/api/v1/me", payload, content_type="application/json", **token_auth)
    assert response.status_code == 400, response.content
    assert field in response.json()["message"]
    member.refresh_from_db()
    assert member.display_name == "Robin"


@pytest.mark.parametrize("body", ["{not json", "[]", '"text"', "null", ""])
def test_malformed_bodies_answer_400_not_500(client, token_auth, body):
    response = client.patch("/api/v1/me", body, content_type="application/json", **token_auth)
    assert response.status_code == 400
    assert "message" in response.json()


def test_token_create_rejects_bad_days(member):
    client = confirmed_client(member)
    response = client.post("/api/v1/me/tokens", {"name": "x", "days": 0}, content_type="application/json")
    assert response.status_code == 400
    assert "days" in response.json()["message"]


def test_a_path_parameter_of_the_wrong_type_answers_400(member):
    response = confirmed_client(member).delete("/api/v1/me/tokens/not-a-number")
    assert response.status_code in (400, 404)
    assert "message" in response.json()


def test_unknown_api_paths_answer_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert "message" in response.json()
    assert client.get("/api/v2/me").json()["message"].startswith("No API endpoint")


def test_session_writes_need_the_csrf_token(member):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(member)
    assert client.get("/api/v1/me").status_code == 200
    response = client.patch("/api/v1/me", json.dumps({"pronouns": "x"}), content_type="application/json")
    assert response.status_code in (401, 403)
    assert "message" in response.json()


def test_members_endpoint_obeys_the_same_visibility_as_the_page(client, member, outsider):
    _t, raw = create_api_token(outsider, name="o")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    member.pronouns = "she/her"
    member.save()
    seen = client.get("/api/v1/members/member", **auth).json()
    assert seen["display_name"] == "Robin"
    assert seen.get("pronouns") is None
    member.display_name_visibility = "only_me"
    member.save()
    assert client.get("/api/v1/members/member", **auth).status_code == 404


def test_help_lines_are_public(client):
    response = client.get("/api/v1/help/lines?country=GB")
    assert response.status_code == 200
    countries = response.json()
    assert countries[0]["country"] == "GB"
    assert any(line["phone"] == "116 123" for line in countries[0]["lines"])

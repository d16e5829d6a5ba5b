"""POST /api/v1/safety/check-text: any client asks, before posting, whether to offer help; nothing is stored."""

import json

import pytest
from django.apps import apps

from accounts.services import create_api_token
from moderation.models import Report
from notifications.models import Notification
from safety.crisis import forget_grammar
from safety.models import RiskRule
from safety.risk_data import seed_tables

pytestmark = pytest.mark.django_db

URL = "/api/v1/safety/check-text"


@pytest.fixture(autouse=True)
def crisis_phrases(db, settings):
    settings.HELP_DEFAULT_COUNTRY = "US"
    if not RiskRule.objects.exists():
        seed_tables(apps)
    forget_grammar()
    yield
    forget_grammar()


@pytest.fixture
def auth(member):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(member, name='x')[1]}"}


def post(client, body, **headers):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(URL, data, content_type="application/json", **headers)


def test_crisis_language_answers_at_risk_with_the_default_countrys_lines_emergency_first(client, auth):
    response = post(client, {"text": "I want to die"}, **auth)
    assert response.status_code == 200
    body = response.json()
    assert body["at_risk"] is True
    kinds = [r["kind"] for r in body["resources"]]
    assert kinds[0] == "emergency" and body["resources"][0]["phone"] == "911"
    names = [r["name"] for r in body["resources"]]
    assert "988 Suicide & Crisis Lifeline" in names and names[-1] == "Find a Helpline"
    assert set(body["resources"][0]) == {"name", "phone", "text", "website", "kind"}


def test_spanish_crisis_language_answers_at_risk(client, auth):
    body = post(client, {"text": "Ya no aguanto mas, quiero morir", "language": "es"}, **auth).json()
    assert body["at_risk"] is True and body["resources"]


def test_an_everyday_idiom_answers_not_at_risk_and_no_resources(client, auth):
    for text in ["This job is killing me", "Me muero de risa", ""]:
        body = post(client, {"text": text}, **auth).json()
        assert body["at_risk"] is False and body["kind"] == "" and body["resources"] == [] and body["help"] is None


def test_the_language_is_only_a_hint(client, auth):
    assert post(client, {"text": "I want to kill myself", "language": "es-MX"}, **auth).json()["at_risk"] is True


def test_a_country_chooses_whose_lines_are_offered(client, auth):
    resources = post(client, {"text": "I want to die", "country": "gb"}, **auth).json()["resources"]
    assert resources[0]["phone"] == "999"
    assert "Samaritans" in [r["name"] for r in resources]
    assert "988 Suicide & Crisis Lifeline" not in [r["name"] for r in resources]


def test_without_any_country_the_lines_for_everywhere_are_offered(client, auth, settings):
    settings.HELP_DEFAULT_COUNTRY = ""
    resources = post(client, {"text": "I want to die"}, **auth).json()["resources"]
    assert [r["name"] for r in resources] == ["Find a Helpline"]


def test_the_site_session_works_too(member_client):
    assert post(member_client, {"text": "quiero morir"}).json()["at_risk"] is True


def test_anonymous_callers_are_refused(client):
    response = post(client, {"text": "I want to die"})
    assert response.status_code == 401
    assert client.get(URL).status_code in (401, 405)


def test_nothing_is_stored_and_no_one_is_alerted(client, auth, moderator):
    post(client, {"text": "I am going to kill myself tonight"}, **auth)
    assert Report.objects.count() == 0
    assert Notification.objects.count() == 0


def test_twenty_thousand_characters_are_accepted(client, auth):
    text = ("One day at a time. " * 1100)[:20_000]
    assert post(client, {"text": text}, **auth).json()["at_risk"] is False


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "text"),
        ({"language": "en"}, "text"),
        ({"text": "x" * 20_001}, "text"),
        ({"text": 42}, "text"),
        ({"text": None}, "text"),
        ({"text": ["I want to die"]}, "text"),
        ({"text": "hello", "language": "english, please"}, "language"),
        ({"text": "hello", "language": 7}, "language"),
        ({"text": "hello", "country": "USA"}, "country"),
        ({"text": "hello", "mood": "low"}, "mood"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(client, auth, body, field):
    response = post(client, body, **auth)
    assert response.status_code == 400
    assert field in response.json()["message"]


def test_a_body_that_is_not_json_is_a_400(client, auth):
    response = post(client, "text=I want to die", **auth)
    assert response.status_code == 400
    assert "message" in response.json()


def test_a_check_costs_a_fixed_number_of_queries(client, auth, django_assert_max_num_queries):
    post(client, {"text": "warm up"}, **auth)
    with django_assert_max_num_queries(6):
        response = post(client, {"text": "I want to die " * 1000}, **auth)
    assert response.status_code == 200 and response.json()["at_risk"] is True


def test_an_overdose_answers_its_kind_an_emergency_and_the_help_to_lead_with(client, auth):
    body = post(client, {"text": "my friend took too much and won't wake up, his lips are blue"}, **auth).json()
    assert body["kind"] == "overdose" and body["emergency"] is True and body["at_risk"] is True
    assert body["help"]["call_first"] is True and body["help"]["offer_moderator"] is False
    assert any("naloxone" in step.lower() for step in body["help"]["steps"])
    assert body["resources"][0]["kind"] == "emergency"


def test_a_craving_answers_coping_help_but_not_at_risk(client, auth):
    body = post(client, {"text": "craving so bad tonight, i want a drink"}, **auth).json()
    assert body["kind"] == "craving" and body["at_risk"] is False and body["emergency"] is False
    assert body["help"]["use_own_plan"] is True


def test_the_help_comes_in_the_requests_language(client, auth):
    body = post(client, {"text": "quiero morir"}, HTTP_ACCEPT_LANGUAGE="es", **auth).json()
    assert body["kind"] == "suicide" and body["help"]["title"]

"""/api/v1/me/checkups: the questionnaire, recording this month's check-up, and the history with comparisons."""

from datetime import date

import pytest
from django.test import Client

from accounts.services import create_api_token
from journey import checkup as questionnaire
from journey.models import Checkup, Domain, today_for
from journey.services import checkups as services

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/checkups"


class Caller:
    def __init__(self, token):
        self.client, self.auth = Client(), f"Bearer {token}"

    def get(self, path):
        return self.client.get(path, HTTP_AUTHORIZATION=self.auth)

    def post(self, path, data):
        return self.client.post(path, data, content_type="application/json", HTTP_AUTHORIZATION=self.auth)


@pytest.fixture
def api(member):
    return Caller(create_api_token(member, name="phone")[1])


@pytest.fixture
def outsider_api(outsider):
    return Caller(create_api_token(outsider, name="phone")[1])


def answers(default=2, **overrides) -> dict[str, int]:
    return {q.key: overrides.get(q.key, default) for q in questionnaire.QUESTIONS}


def test_anonymous_callers_get_401(client, member):
    checkup = services.record_checkup(member, today=today_for(member), answers=answers())
    for path in [f"{URL}/questions", URL, f"{URL}/{checkup.pk}"]:
        assert client.get(path).status_code == 401, path
    response = client.post(URL, {"answers": answers(4)}, content_type="application/json")
    assert response.status_code == 401 and Checkup.objects.get().total == 2 * len(questionnaire.QUESTIONS)


def test_the_questionnaire_lists_keys_domains_texts_and_the_scale(api):
    response = api.get(f"{URL}/questions")
    assert response.status_code == 200
    body = response.json()
    assert [q["key"] for q in body["questions"]] == [q.key for q in questionnaire.QUESTIONS]
    assert body["questions"][0] == {
        "key": questionnaire.QUESTIONS[0].key,
        "domain": "health",
        "text": str(questionnaire.QUESTIONS[0].text),
    }
    assert [d["key"] for d in body["domains"]] == Domain.values
    assert {d["key"]: d["max_score"] for d in body["domains"]} == questionnaire.max_per_domain()
    assert body["scale"][0] == {"value": 0, "label": "Not at all"} and body["scale"][-1]["value"] == 4
    assert body["max_total"] == questionnaire.MAX_TOTAL and body["introduction"]


def test_recording_listing_and_reading_checkups_with_the_previous_one(api, member):
    services.record_checkup(member, today=services.add_months(today_for(member), -1), answers=answers(2))
    response = api.post(URL, {"answers": answers(2, home_safe=4, health_rest=0)})
    assert response.status_code == 201
    body = response.json()
    assert body["taken_on"] == today_for(member).isoformat()
    assert body["answers"]["home_safe"] == 4 and body["total"] == 2 * len(questionnaire.QUESTIONS)
    assert body["changes"] == {"health": -2, "home": 2, "purpose": 0, "community": 0, "total": 0}
    assert body["previous"]["taken_on"] == services.add_months(today_for(member), -1).isoformat()
    assert api.get(f"{URL}/{body['id']}").json() == body
    listed = api.get(URL).json()
    assert [c["id"] for c in listed] == [body["id"], body["previous"]["id"]]
    assert "previous" not in listed[0]
    oldest = api.get(f"{URL}/{body['previous']['id']}").json()
    assert oldest["previous"] is None and oldest["changes"] is None


def test_a_second_checkup_this_month_replaces_the_first(api):
    first = api.post(URL, {"answers": answers(1)}).json()
    second = api.post(URL, {"answers": answers(3)}).json()
    assert second["id"] == first["id"] and Checkup.objects.count() == 1
    assert second["total"] == 3 * len(questionnaire.QUESTIONS)


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"health_rest": None}, "health_rest"),
        ({"home_safe": 5}, "home_safe"),
        ({"purpose_hope": -1}, "purpose_hope"),
        ({"community_ask": "3"}, "community_ask"),
        ({"community_ask": True}, "community_ask"),
        ({"community_ask": 2.5}, "community_ask"),
        ({"favourite_colour": 2}, "favourite_colour"),
    ],
)
def test_a_missing_or_bad_answer_answers_400_naming_the_question(api, given, field):
    body = {**answers(), **given}
    body = {k: v for k, v in body.items() if v is not None}
    response = api.post(URL, {"answers": body})
    assert response.status_code == 400, response.json()
    assert field in response.json()["message"]
    assert not Checkup.objects.exists()


def test_fields_other_than_answers_are_refused(api):
    response = api.post(URL, {"answers": answers(), "taken_on": "2026-01-01"})
    assert response.status_code == 400 and "taken_on" in response.json()["message"]
    response = api.post(URL, {})
    assert response.status_code == 400 and "answers" in response.json()["message"]
    assert not Checkup.objects.exists()


def test_another_member_gets_404_for_my_checkup(outsider_api, member):
    checkup = services.record_checkup(member, today=date(2026, 1, 5), answers=answers())
    response = outsider_api.get(f"{URL}/{checkup.pk}")
    assert response.status_code == 404 and response.json() == {"message": "Not found."}
    assert outsider_api.get(URL).json() == []


def test_the_month_follows_the_members_time_zone(api, member):
    member.time_zone = "Pacific/Kiritimati"  # UTC+14
    member.save(update_fields=["time_zone"])
    body = api.post(URL, {"answers": answers()}).json()
    assert body["taken_on"] == today_for(member).isoformat()

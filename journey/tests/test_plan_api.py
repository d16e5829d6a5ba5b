"""/api/v1/me/plan: read (empty until written), replace, delete; bad rows answer 400 naming the field."""

import pytest

from accounts.services import create_api_token
from journey.models import RecoveryPlan
from journey.services import plan as services

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/plan"
FULL = {
    "warning_signs": "Not sleeping",
    "triggers": [{"trigger": "Payday", "response": "Pay the bills first"}, {"trigger": "", "response": ""}],
    "coping": "Music",
    "people": [{"name": "Sam", "phone": "+1 (555) 010-0199", "note": "sponsor"}],
    "places_to_avoid": "Old friends' flat",
    "reasons": "Being present",
    "crisis_plan": "Call 988",
}


@pytest.fixture
def auth(member):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(member, name='phone')[1]}"}


def _put(client, auth, body):
    return client.put(URL, body, content_type="application/json", **auth)


def test_the_plan_is_empty_until_written(client, auth):
    body = client.get(URL, **auth).json()
    assert body["saved"] is False and body["updated_at"] is None
    assert body["triggers"] == [] and body["people"] == [] and body["crisis_plan"] == ""
    assert not RecoveryPlan.objects.exists()


def test_writing_reading_and_replacing_the_plan(client, auth, member):
    response = _put(client, auth, FULL)
    assert response.status_code == 200
    body = response.json()
    assert body["saved"] is True and body["updated_at"]
    assert body["triggers"] == [{"trigger": "Payday", "response": "Pay the bills first"}]  # the empty row is dropped
    assert body["people"] == [{"name": "Sam", "phone": "+1 (555) 010-0199", "note": "sponsor"}]
    assert client.get(URL, **auth).json() == body
    # PUT replaces the whole plan: what is left out becomes empty.
    body = _put(client, auth, {"reasons": "Being present, still"}).json()
    assert (body["reasons"], body["warning_signs"], body["triggers"]) == ("Being present, still", "", [])
    assert RecoveryPlan.objects.filter(user=member).count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"triggers": [{"trigger": "", "response": "Run"}]}, "triggers"),
        ({"triggers": [{"trigger": "x", "feeling": "y"}]}, "triggers"),
        ({"triggers": [{"trigger": str(i)} for i in range(31)]}, "triggers"),
        ({"people": [{"name": "", "phone": "555"}]}, "people"),
        ({"people": [{"name": "Ana", "phone": "555 CALL ANA"}]}, "people"),
        ({"people": [{"name": "Ana", "phone": "+-()"}]}, "people"),
        ({"people": [{"name": str(i)} for i in range(21)]}, "people"),
        ({"coping": "x" * 4001}, "coping"),
        ({"crisis_plan": None}, "crisis_plan"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_values_answer_400_naming_the_field(client, auth, change, field):
    response = _put(client, auth, {**FULL, **change})
    assert response.status_code == 400
    assert field in response.json()["message"]
    assert not RecoveryPlan.objects.exists()


def test_delete(client, auth, member):
    _put(client, auth, FULL)
    assert client.delete(URL, **auth).status_code == 204
    assert not RecoveryPlan.objects.exists()
    assert client.delete(URL, **auth).status_code == 204  # nothing left to delete is not an error
    assert client.get(URL, **auth).json()["saved"] is False


def test_another_member_only_ever_reaches_their_own_plan(client, member, outsider):
    services.save_plan(member, reasons="My daughter")
    raw = create_api_token(outsider, name="x")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert client.get(URL, **auth).json()["reasons"] == ""
    assert client.delete(URL, **auth).status_code == 204
    assert RecoveryPlan.objects.get(user=member).reasons == "My daughter"


def test_anonymous_callers_get_401(client, member):
    services.save_plan(member, reasons="My daughter")
    assert client.get(URL).status_code == 401
    assert client.put(URL, FULL, content_type="application/json").status_code == 401
    assert client.delete(URL).status_code == 401
    assert RecoveryPlan.objects.get().reasons == "My daughter"

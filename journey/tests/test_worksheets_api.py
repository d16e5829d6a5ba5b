"""/api/v1/me/worksheets: the kinds and their questions, and the member's own worksheets."""

import pytest

from accounts.services import create_api_token
from journey.models import Worksheet
from journey.services import worksheets as services
from journey.worksheets import DEFINITIONS

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/worksheets"


@pytest.fixture
def auth(member):
    return {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(member, name='phone')[1]}"}


@pytest.fixture
def worksheet(member):
    return services.create_worksheet(member, kind="abc", title="The row at work", data={"beliefs": "I'm useless"})


def test_the_kinds_describe_every_question(client, auth):
    response = client.get(f"{URL}/kinds", **auth)
    assert response.status_code == 200
    kinds = {k["kind"]: k for k in response.json()}
    assert set(kinds) == set(DEFINITIONS) == {"cost_benefit", "abc", "urge_log", "halt", "change_plan"}
    urge = [q for s in kinds["urge_log"]["sections"] for q in s["questions"]]
    intensity = next(q for q in urge if q["key"] == "intensity")
    assert (intensity["type"], intensity["min"], intensity["max"]) == ("scale", 1, 10)
    assert all(k["purpose"] for k in kinds.values())
    halt = [q["key"] for s in kinds["halt"]["sections"] for q in s["questions"]]
    assert halt == [
        "hungry",
        "hungry_action",
        "angry",
        "angry_action",
        "lonely",
        "lonely_action",
        "tired",
        "tired_action",
    ]


def test_create_read_list_replace_and_delete(client, auth, member):
    body = {
        "kind": "change_plan",
        "title": "Evenings",
        "data": {"changes": "No drinking at home", "steps": ["Tell Ana", " "]},
    }
    response = client.post(URL, body, content_type="application/json", **auth)
    assert response.status_code == 201
    created = response.json()
    assert created["data"]["steps"] == ["Tell Ana"] and created["data"]["obstacles"] == ""
    assert set(created["data"]) == set(DEFINITIONS["change_plan"].questions)
    path = f"{URL}/{created['id']}"
    assert client.get(path, **auth).json() == created
    assert [w["id"] for w in client.get(URL, **auth).json()] == [created["id"]]
    assert client.get(f"{URL}?kind=abc", **auth).json() == []

    replaced = client.put(
        path, {"title": "Evenings 2", "data": {"reasons": "Sleep"}}, content_type="application/json", **auth
    )
    assert replaced.status_code == 200
    assert replaced.json()["title"] == "Evenings 2" and replaced.json()["data"]["changes"] == ""
    assert replaced.json()["data"]["reasons"] == "Sleep"

    assert client.delete(path, **auth).status_code == 204
    assert client.get(path, **auth).status_code == 404
    assert not Worksheet.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "urge_log", "data": {"intensity": 11}}, "data.intensity"),
        ({"kind": "urge_log", "data": {"intensity": 0}}, "data.intensity"),
        ({"kind": "urge_log", "data": {"intensity": "high"}}, "data.intensity"),
        ({"kind": "urge_log", "data": {"intensity": True}}, "data.intensity"),
        ({"kind": "urge_log", "data": {"duration_minutes": 5000}}, "data.duration_minutes"),
        ({"kind": "urge_log", "data": {"when": "2026-13-01T10:00"}}, "data.when"),
        ({"kind": "urge_log", "data": {"when": "3000-01-01T10:00"}}, "data.when"),
        ({"kind": "urge_log", "data": {"when": "2026-01-01T10:00+05:00"}}, "data.when"),
        ({"kind": "urge_log", "data": {"where": "x" * 201}}, "data.where"),
        ({"kind": "urge_log", "data": {"mood": "fine"}}, "data.mood"),
        ({"kind": "halt", "data": {"hungry": "maybe"}}, "data.hungry"),
        ({"kind": "cost_benefit", "data": {"costs_of_using": [1, 2]}}, "data.costs_of_using"),
        ({"kind": "cost_benefit", "data": {"costs_of_using": ["x"] * 21}}, "data.costs_of_using"),
        ({"kind": "cost_benefit", "data": {"costs_of_using": ["x" * 501]}}, "data.costs_of_using"),
        ({"kind": "abc", "data": {"beliefs": "x" * 4001}}, "data.beliefs"),
        ({"kind": "horoscope"}, "kind"),
        ({"kind": "abc", "title": "t" * 121}, "title"),
        ({"kind": "abc", "colour": "blue"}, "colour"),
    ],
)
def test_bad_values_answer_400_naming_the_field(client, auth, body, field):
    response = client.post(URL, body, content_type="application/json", **auth)
    assert response.status_code == 400
    assert field in response.json()["message"]
    assert not Worksheet.objects.exists()


def test_a_bad_update_changes_nothing(client, auth, worksheet):
    path = f"{URL}/{worksheet.pk}"
    bad = client.put(path, {"title": "New", "data": {"nope": 1}}, content_type="application/json", **auth)
    assert bad.status_code == 400 and "data.nope" in bad.json()["message"]
    kind_change = client.put(path, {"kind": "halt"}, content_type="application/json", **auth)
    assert kind_change.status_code == 400 and "kind" in kind_change.json()["message"]
    worksheet.refresh_from_db()
    assert (worksheet.kind, worksheet.title, worksheet.data["beliefs"]) == ("abc", "The row at work", "I'm useless")


def test_another_member_gets_404_everywhere(client, outsider, worksheet):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(outsider, name='x')[1]}"}
    path = f"{URL}/{worksheet.pk}"
    assert client.get(URL, **auth).json() == []
    assert client.get(path, **auth).status_code == 404
    assert client.put(path, {"title": "x"}, content_type="application/json", **auth).status_code == 404
    assert client.delete(path, **auth).status_code == 404
    assert Worksheet.objects.get(pk=worksheet.pk).title == "The row at work"


def test_anonymous_callers_get_401(client, worksheet):
    assert client.get(f"{URL}/kinds").status_code == 401
    assert client.get(URL).status_code == 401
    assert client.post(URL, {"kind": "abc"}, content_type="application/json").status_code == 401
    assert client.get(f"{URL}/{worksheet.pk}").status_code == 401
    assert client.delete(f"{URL}/{worksheet.pk}").status_code == 401
    assert Worksheet.objects.exists()

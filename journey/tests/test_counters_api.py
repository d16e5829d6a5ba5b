from datetime import timedelta

import pytest

from accounts.services import create_api_token
from journey.models import Counter, today_for
from journey.services import counters as services

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/counters"


@pytest.fixture
def token(member):
    return create_api_token(member, name="phone")[1]


@pytest.fixture
def api(client, token):
    """The API as the member's phone app sees it."""

    class Caller:
        def get(self, path):
            return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")

        def post(self, path, data):
            return client.post(path, data, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")

        def patch(self, path, data):
            return client.patch(path, data, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")

        def delete(self, path):
            return client.delete(path, HTTP_AUTHORIZATION=f"Bearer {token}")

    return Caller()


@pytest.fixture
def counter(member):
    return services.create_counter(member, pathway="opioids", start_date=today_for(member) - timedelta(days=31))


def test_create_list_and_read_a_counter(api, member):
    start = today_for(member) - timedelta(days=30)
    response = api.post(
        URL,
        {"pathway": "alcohol", "start_date": start.isoformat(), "cost_per_day": "4.25", "currency": "EUR", "why": "x"},
    )
    assert response.status_code == 201
    body = response.json()
    assert body["days"] == 30 and body["total_days"] == 30 and body["longest_days"] == 30 and body["periods"] == 1
    assert [m["name"] for m in body["milestones_reached"]] == ["24 hours", "30 days"]
    assert body["milestones_reached"][1]["date"] == today_for(member).isoformat()
    assert body["next_milestone"] == {"name": "60 days", "date": (start + timedelta(days=60)).isoformat()}
    assert body["cost_per_day"] == "4.25" and body["money_saved"] == "127.50"
    assert api.get(URL).json() == [body]
    assert api.get(f"{URL}/{body['id']}").json() == body


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"pathway": "wine"}, "pathway"),
        ({"pathway": "custom"}, "name"),
        ({"start_date": "2025-02-30"}, "start_date"),
        ({"start_date": "FUTURE"}, "start_date"),
        ({"cost_per_day": "-1", "currency": "USD"}, "cost_per_day"),
        ({"cost_per_day": "1.234", "currency": "USD"}, "cost_per_day"),
        ({"cost_per_day": "5"}, "currency"),
        ({"currency": "XYZ"}, "currency"),
        ({"name": "n" * 61}, "name"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_values_answer_400_naming_the_field(api, member, payload, field):
    body = {"pathway": "alcohol", "start_date": today_for(member).isoformat(), **payload}
    if body["start_date"] == "FUTURE":
        body["start_date"] = (today_for(member) + timedelta(days=1)).isoformat()
    response = api.post(URL, body)
    assert response.status_code == 400
    assert field in response.json()["message"]
    assert not Counter.objects.exists()


def test_patch_changes_only_what_is_sent(api, member, counter):
    response = api.patch(f"{URL}/{counter.pk}", {"why": "my health", "name": "Pills"})
    assert response.status_code == 200
    body = response.json()
    assert (body["why"], body["name"], body["pathway"], body["days"]) == ("my health", "Pills", "opioids", 31)
    future = (today_for(member) + timedelta(days=1)).isoformat()
    bad = api.patch(f"{URL}/{counter.pk}", {"start_date": future})
    assert bad.status_code == 400 and "start_date" in bad.json()["message"]
    assert api.patch(f"{URL}/{counter.pk}", {"pathway": None}).status_code == 400


def test_a_slip_through_the_api_keeps_the_total(api, member, counter):
    slip_day = today_for(member) - timedelta(days=1)
    response = api.post(f"{URL}/{counter.pk}/slips", {"slip_date": slip_day.isoformat(), "learned": "rest"})
    assert response.status_code == 201
    body = response.json()
    assert (body["days"], body["total_days"], body["longest_days"], body["periods"]) == (1, 31, 30, 2)
    assert body["start_date"] == slip_day.isoformat()


def test_a_slip_on_the_start_date_through_the_api(api, member):
    created = api.post(URL, {"pathway": "gambling", "start_date": today_for(member).isoformat()}).json()
    body = api.post(f"{URL}/{created['id']}/slips", {"slip_date": today_for(member).isoformat()}).json()
    assert (body["days"], body["total_days"], body["periods"]) == (0, 0, 2)


def test_a_slip_with_bad_dates_answers_400(api, member, counter):
    today = today_for(member)
    response = api.post(f"{URL}/{counter.pk}/slips", {"slip_date": (today + timedelta(days=1)).isoformat()})
    assert response.status_code == 400 and "slip_date" in response.json()["message"]
    response = api.post(
        f"{URL}/{counter.pk}/slips",
        {"slip_date": today.isoformat(), "new_start": (today - timedelta(days=1)).isoformat()},
    )
    assert response.status_code == 400 and "new_start" in response.json()["message"]
    assert api.post(f"{URL}/{counter.pk}/slips", {}).status_code == 400


def test_delete(api, counter):
    assert api.delete(f"{URL}/{counter.pk}").status_code == 204
    assert not Counter.objects.exists()
    assert api.get(f"{URL}/{counter.pk}").status_code == 404


def test_another_member_gets_404_everywhere(client, outsider, counter):
    raw = create_api_token(outsider, name="x")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    path = f"{URL}/{counter.pk}"
    assert client.get(URL, **auth).json() == []
    assert client.get(path, **auth).status_code == 404
    assert client.patch(path, {"why": "x"}, content_type="application/json", **auth).status_code == 404
    assert client.delete(path, **auth).status_code == 404
    slip = client.post(f"{path}/slips", {"slip_date": "2025-01-01"}, content_type="application/json", **auth)
    assert slip.status_code == 404 and "message" in slip.json()
    assert Counter.objects.filter(pk=counter.pk).exists()


def test_anonymous_callers_get_401(client, counter):
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}/{counter.pk}").status_code == 401

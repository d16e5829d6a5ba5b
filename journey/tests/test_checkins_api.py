"""/api/v1/me/checkins, /api/v1/me/checkins/reminder and /api/v1/me/triggers, as a phone app would use them."""

from datetime import timedelta

import pytest

from accounts.services import create_api_token
from journey.models import CheckIn, CheckInReminder, Trigger, today_for
from journey.services import checkins as services

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/checkins"


def caller(client, user):
    token = create_api_token(user, name="phone")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}

    class Caller:
        def get(self, path, params=None):
            return client.get(path, params or {}, **auth)

        def post(self, path, data):
            return client.post(path, data, content_type="application/json", **auth)

        def put(self, path, data):
            return client.put(path, data, content_type="application/json", **auth)

        def delete(self, path):
            return client.delete(path, **auth)

    return Caller()


@pytest.fixture
def api(client, member):
    return caller(client, member)


@pytest.fixture
def other(client, outsider):
    return caller(client, outsider)


@pytest.fixture
def checkin(member):
    return services.record_checkin(member, today=today_for(member), mood=3, craving=6, triggers=["Payday"])[0]


def test_check_in_then_read_it_back(api, member):
    body = {"mood": 4, "craving": 3, "triggers": ["Payday", "payday ", "Old friends"], "lonely": True}
    body |= {"sleep_hours": "6.5", "sleep_quality": 3, "health": 4, "community": 2, "note": "ok", "pledge": "Call Sam"}
    response = api.post(URL, body)
    assert response.status_code == 201
    out = response.json()
    today = today_for(member).isoformat()
    assert out["date"] == today and out["mood"] == 4 and out["craving"] == 3 and out["lonely"] is True
    assert out["triggers"] == ["Old friends", "Payday"] and out["sleep_hours"] == "6.5"
    assert out["pledged"] is True and out["pledge"] == "Call Sam" and out["home"] is None
    assert api.get(f"{URL}/{today}").json() == out
    assert api.get(URL).json() == [out]
    assert api.get("/api/v1/me/triggers").json() == ["Old friends", "Payday"]


def test_a_second_post_the_same_day_edits_it_and_answers_200(api, member, checkin):
    response = api.post(URL, {"mood": 5, "triggers": ["PAYDAY", "Rain"]})
    assert response.status_code == 200
    assert response.json()["mood"] == 5 and response.json()["triggers"] == ["Payday", "Rain"]
    assert CheckIn.objects.filter(user=member).count() == 1
    assert Trigger.objects.filter(user=member).count() == 2


def test_post_may_fill_a_past_day_but_not_a_future_one(api, member):
    today = today_for(member)
    past = (today - timedelta(days=2)).isoformat()
    assert api.post(URL, {"date": past, "mood": 2}).status_code == 201
    future = api.post(URL, {"date": (today + timedelta(days=1)).isoformat(), "mood": 2})
    assert future.status_code == 400 and future.json()["errors"][0]["field"] == "date"
    assert [c.date.isoformat() for c in CheckIn.objects.filter(user=member)] == [past]


def test_put_records_or_replaces_a_days_check_in(api, member, checkin):
    day = checkin.date.isoformat()
    response = api.put(f"{URL}/{day}", {"mood": 2, "tired": True})
    assert response.status_code == 200
    out = response.json()
    assert out["mood"] == 2 and out["tired"] is True and out["craving"] is None and out["triggers"] == []
    yesterday = (checkin.date - timedelta(days=1)).isoformat()
    assert api.put(f"{URL}/{yesterday}", {"mood": 3}).status_code == 201


def test_delete_a_days_check_in(api, checkin):
    day = checkin.date.isoformat()
    assert api.delete(f"{URL}/{day}").status_code == 204
    assert api.get(f"{URL}/{day}").status_code == 404
    assert api.delete(f"{URL}/{day}").status_code == 404


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("mood", 0),
        ("mood", 6),
        ("mood", 2.5),
        ("craving", 11),
        ("craving", -1),
        ("sleep_hours", "24.5"),
        ("sleep_hours", "-1"),
        ("sleep_quality", 6),
        ("health", 0),
        ("home", 6),
        ("purpose", 9),
        ("community", -2),
        ("note", "n" * 4001),
        ("pledge", "p" * 501),
        ("triggers", ["t" * 61]),
        ("triggers", [f"t{i}" for i in range(31)]),
        ("colour", "blue"),
    ],
)
def test_out_of_range_values_answer_400_naming_the_field(api, field, value):
    body = {"mood": 3, field: value}
    for response in (api.post(URL, body), api.put(f"{URL}/2024-01-02", body)):
        assert response.status_code == 400, response.content
        assert field in response.json()["message"]
        assert field in {e["field"].split(".")[0] for e in response.json()["errors"]}
    assert not CheckIn.objects.exists() and not Trigger.objects.exists()


def test_mood_is_required(api):
    response = api.post(URL, {"craving": 2})
    assert response.status_code == 400 and "mood" in response.json()["message"]


@pytest.mark.parametrize("bad", ["yesterday", "2024-02-30", "2024-1-2x"])
def test_a_bad_date_in_the_path_answers_400_not_500(api, bad):
    for response in (api.get(f"{URL}/{bad}"), api.put(f"{URL}/{bad}", {"mood": 3}), api.delete(f"{URL}/{bad}")):
        assert response.status_code == 400 and response.json()["errors"][0]["field"] == "date"


def test_list_defaults_to_the_last_30_days_newest_first(api, member):
    today = today_for(member)
    for days_ago in (0, 3, 29, 30, 100):
        services.record_checkin(member, today=today, date=today - timedelta(days=days_ago), mood=3)
    dates = [c["date"] for c in api.get(URL).json()]
    assert dates == [(today - timedelta(days=d)).isoformat() for d in (0, 3, 29)]


def test_list_between_two_dates(api, member):
    today = today_for(member)
    for days_ago in (0, 3, 29, 30, 100):
        services.record_checkin(member, today=today, date=today - timedelta(days=days_ago), mood=3)
    params = {"from": (today - timedelta(days=100)).isoformat(), "to": (today - timedelta(days=3)).isoformat()}
    assert [c["date"] for c in api.get(URL, params).json()] == [
        (today - timedelta(days=d)).isoformat() for d in (3, 29, 30, 100)
    ]


@pytest.mark.parametrize(
    "params",
    [{"from": "2024-03-02", "to": "2024-03-01"}, {"from": "2023-01-01", "to": "2024-01-02"}, {"from": "nope"}],
)
def test_a_bad_range_answers_400_naming_from(api, params):
    response = api.get(URL, params)
    assert response.status_code == 400 and "from" in response.json()["message"]


def test_a_range_of_exactly_366_days_is_fine(api):
    assert api.get(URL, {"from": "2024-01-01", "to": "2024-12-31"}).status_code == 200


def test_today_is_the_members_today(api, member):
    member.time_zone = "Pacific/Auckland"
    member.save()
    assert api.post(URL, {"mood": 3}).json()["date"] == today_for(member).isoformat()


def test_another_member_gets_404_and_sees_nothing(other, checkin):
    day = checkin.date.isoformat()
    assert other.get(f"{URL}/{day}").status_code == 404
    assert other.delete(f"{URL}/{day}").status_code == 404
    assert other.get(URL).json() == [] and other.get("/api/v1/me/triggers").json() == []
    # Their own PUT on the same day makes their own check-in and leaves the member's alone.
    assert other.put(f"{URL}/{day}", {"mood": 1}).status_code == 201
    checkin.refresh_from_db()
    assert checkin.mood == 3


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", URL),
        ("post", URL),
        ("get", f"{URL}/2024-01-02"),
        ("put", f"{URL}/2024-01-02"),
        ("delete", f"{URL}/2024-01-02"),
        ("get", f"{URL}/reminder"),
        ("put", f"{URL}/reminder"),
        ("get", "/api/v1/me/triggers"),
    ],
)
def test_an_anonymous_caller_gets_401(client, method, path):
    kwargs = {"content_type": "application/json", "data": {"mood": 3}} if method in ("post", "put") else {}
    assert getattr(client, method)(path, **kwargs).status_code == 401


def test_reminder_is_off_until_set_then_reads_back(api, member):
    assert api.get(f"{URL}/reminder").json() == {
        "enabled": False,
        "time": None,
        "by_email": False,
        "next_at": None,
        "has_verified_email": False,
    }
    out = api.put(f"{URL}/reminder", {"time": "19:30", "by_email": True}).json()
    assert out["enabled"] is True and out["time"] == "19:30:00" and out["by_email"] is True and out["next_at"]
    assert api.get(f"{URL}/reminder").json() == out
    off = api.put(f"{URL}/reminder", {"time": "19:30", "enabled": False}).json()
    assert off["enabled"] is False and off["next_at"] is None
    assert CheckInReminder.objects.get(user=member).time.hour == 19


@pytest.mark.parametrize("body", [{"time": "25:00"}, {"time": "soon"}, {"enabled": True}, {"time": "08:00", "x": 1}])
def test_a_bad_reminder_answers_400(api, body):
    response = api.put(f"{URL}/reminder", body)
    assert response.status_code == 400
    assert not CheckInReminder.objects.exists()

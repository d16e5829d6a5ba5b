"""/api/v1/me/attendance: the meetings I went to, for a phone app."""

from datetime import date, time, timedelta

import pytest

from accounts.services import create_api_token
from directory.models import Meeting, Program
from journey.models import Attendance, today_for
from journey.services import attendance as services

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/attendance"


@pytest.fixture
def token(member):
    return create_api_token(member, name="phone")[1]


@pytest.fixture
def outsider_token(outsider):
    return create_api_token(outsider, name="phone")[1]


def _caller(client, token):
    class Caller:
        def get(self, path):
            return client.get(path, HTTP_AUTHORIZATION=f"Bearer {token}")

        def post(self, path, data):
            return client.post(path, data, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {token}")

        def delete(self, path):
            return client.delete(path, HTTP_AUTHORIZATION=f"Bearer {token}")

    return Caller()


@pytest.fixture
def api(client, token):
    return _caller(client, token)


@pytest.fixture
def outsider_api(client, outsider_token):
    return _caller(client, outsider_token)


@pytest.fixture
def meeting():
    return Meeting.objects.create(
        program=Program.objects.get(slug="aa"),
        name="Lunch Bunch",
        day=2,
        time=time(12, 0),
        timezone="UTC",
        conference_url="https://us02web.zoom.us/j/123",
    )


def _error_fields(response) -> set[str]:
    return {error["field"] for error in response.json()["errors"]}


def test_anonymous_callers_are_refused(client, member):
    attendance = services.record_attendance(member, today=today_for(member), date=today_for(member), name="Group")
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}/summary").status_code == 401
    assert client.post(URL, {"name": "Group"}, content_type="application/json").status_code == 401
    assert client.delete(f"{URL}/{attendance.pk}").status_code == 401
    assert Attendance.objects.count() == 1


def test_i_went_to_a_directory_meeting(api, member, meeting):
    response = api.post(URL, {"meeting_id": meeting.pk})
    assert response.status_code == 201
    body = response.json()
    assert body["meeting_id"] == meeting.pk
    assert (body["name"], body["online"], body["date"]) == ("Lunch Bunch", True, today_for(member).isoformat())


def test_i_went_to_a_meeting_in_my_own_words(api, member):
    day = today_for(member) - timedelta(days=3)
    response = api.post(URL, {"name": "Coffee after work", "date": day.isoformat(), "note": "Felt welcome"})
    assert response.status_code == 201
    assert response.json() == {
        "id": Attendance.objects.get().pk,
        "date": day.isoformat(),
        "meeting_id": None,
        "name": "Coffee after work",
        "online": False,
        "note": "Felt welcome",
    }


def test_bad_input_answers_400_naming_the_field(api, member):
    tomorrow = (today_for(member) + timedelta(days=1)).isoformat()
    cases = [
        ({}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "Group", "date": tomorrow}, "date"),
        ({"name": "Group", "date": "not a date"}, "date"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Group", "note": "x" * 501}, "note"),
        ({"meeting_id": 999999}, "meeting_id"),
        ({"name": "Group", "colour": "blue"}, "colour"),
    ]
    for payload, field in cases:
        response = api.post(URL, payload)
        assert response.status_code == 400, payload
        assert field in _error_fields(response), (payload, response.json())
    assert not Attendance.objects.exists()


def test_a_meeting_no_longer_listed_cannot_be_chosen(api, meeting):
    meeting.is_active = False
    meeting.save()
    response = api.post(URL, {"meeting_id": meeting.pk})
    assert response.status_code == 400 and "meeting_id" in _error_fields(response)


def test_listing_filters_by_dates(api, member, outsider):
    today = date(2026, 11, 20)
    for day in [date(2026, 11, 1), date(2026, 11, 10), date(2026, 11, 20)]:
        services.record_attendance(member, today=today, date=day, name=f"Group {day.day}")
    services.record_attendance(outsider, today=today, date=date(2026, 11, 10), name="Not mine")
    names = [row["name"] for row in api.get(URL).json()]
    assert names == ["Group 20", "Group 10", "Group 1"]
    names = [row["name"] for row in api.get(f"{URL}?from=2026-11-05&to=2026-11-15").json()]
    assert names == ["Group 10"]
    response = api.get(f"{URL}?from=yesterday")
    assert response.status_code == 400


def test_the_summary_counts_in_the_members_week(api, member):
    member.time_zone = "Pacific/Auckland"
    member.save()
    today = today_for(member)
    services.record_attendance(member, today=today, date=today, name="Today")
    services.record_attendance(member, today=today, date=today - timedelta(days=40), name="Earlier")
    body = api.get(f"{URL}/summary").json()
    assert (body["this_week"], body["last_30_days"], body["total"]) == (1, 1, 2)
    assert len(body["weeks"]) == 12
    assert body["weeks"][-1] == {"week_of": (today - timedelta(days=today.weekday())).isoformat(), "count": 1}
    assert date.fromisoformat(body["weeks"][0]["week_of"]).weekday() == 0


def test_deleting_my_meeting(api, member):
    attendance = services.record_attendance(member, today=today_for(member), date=today_for(member), name="Group")
    assert api.delete(f"{URL}/{attendance.pk}").status_code == 204
    assert not Attendance.objects.exists()
    assert api.delete(f"{URL}/{attendance.pk}").status_code == 404


def test_another_member_gets_404_and_sees_nothing(outsider_api, member):
    attendance = services.record_attendance(member, today=today_for(member), date=today_for(member), name="Mine")
    assert outsider_api.delete(f"{URL}/{attendance.pk}").status_code == 404
    assert outsider_api.get(URL).json() == []
    assert outsider_api.get(f"{URL}/summary").json()["total"] == 0
    assert Attendance.objects.filter(pk=attendance.pk).exists()

"""Meetings I went to: "I went" from a directory meeting, free-text meetings, the month calendar and the counts."""

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from directory.models import Meeting, Program
from journey.models import Attendance, today_for
from journey.services import attendance as services

pytestmark = pytest.mark.django_db

PAGE = "/me/recovery/meetings/"


@pytest.fixture
def meeting():
    return Meeting.objects.create(
        program=Program.objects.get(slug="na"),
        name="Just for Today",
        day=3,
        time=time(20, 0),
        timezone="America/Los_Angeles",
        formatted_address="1 Main St, Springfield, CA 90001, USA",
    )


@pytest.fixture
def online_meeting():
    return Meeting.objects.create(
        program=Program.objects.get(slug="aa"),
        name="Night Owls",
        day=5,
        time=time(22, 0),
        timezone="UTC",
        conference_url="https://us02web.zoom.us/j/999",
    )


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def _went(member, day, name="Home group", **extra):
    return services.record_attendance(member, today=today_for(member), date=day, name=name, **extra)


# "I went" on the directory's meeting page


def test_the_meeting_page_offers_i_went_to_a_logged_in_member(member_client, meeting):
    html = member_client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f'action="/me/recovery/meetings/went/{meeting.pk}/"' in html
    assert "I went" in html


def test_anonymous_visitors_see_nothing_of_i_went(client, meeting):
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "/me/recovery/meetings/went/" not in html and "I went" not in html


def test_i_went_records_the_meeting_today_and_goes_back_to_its_page(member_client, member, meeting):
    response = member_client.post(f"/me/recovery/meetings/went/{meeting.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == f"/meetings/{meeting.pk}/"
    attendance = Attendance.objects.get(user=member)
    assert (attendance.meeting, attendance.name, attendance.date, attendance.online) == (
        meeting,
        "Just for Today",
        today_for(member),
        False,
    )
    assert "Noted: you went to “Just for Today”" in response.content.decode()


def test_i_went_to_an_online_meeting_is_noted_as_online(member_client, member, online_meeting):
    assert online_meeting.attendance == "online"
    member_client.post(f"/me/recovery/meetings/went/{online_meeting.pk}/")
    assert Attendance.objects.get(user=member).online is True


def test_i_went_uses_the_members_date_in_their_time_zone(member_client, member, meeting, monkeypatch):
    member.time_zone = "Pacific/Auckland"
    member.save()
    # 12:00 on 22 November in UTC is already 01:00 on 23 November in Auckland.
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2026, 11, 22, 12, 0, tzinfo=ZoneInfo("UTC")))
    member_client.post(f"/me/recovery/meetings/went/{meeting.pk}/")
    assert Attendance.objects.get(user=member).date == date(2026, 11, 23)


def test_i_went_on_an_earlier_day(member_client, member, meeting):
    day = today_for(member) - timedelta(days=2)
    member_client.post(f"/me/recovery/meetings/went/{meeting.pk}/", {"date": day.isoformat()})
    assert Attendance.objects.get(user=member).date == day


def test_i_went_in_the_future_is_refused_kindly(member_client, member, meeting):
    day = today_for(member) + timedelta(days=1)
    response = member_client.post(f"/me/recovery/meetings/went/{meeting.pk}/", {"date": day.isoformat()}, follow=True)
    assert "can&#x27;t be in the future" in response.content.decode()
    assert not Attendance.objects.exists()


def test_i_went_needs_a_login(client, meeting):
    response = client.post(f"/me/recovery/meetings/went/{meeting.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Attendance.objects.exists()


def test_i_went_needs_a_post(member_client, meeting):
    assert member_client.get(f"/me/recovery/meetings/went/{meeting.pk}/").status_code == 405
    assert not Attendance.objects.exists()


def test_i_went_to_a_meeting_that_is_not_listed_answers_404(member_client, meeting):
    meeting.is_active = False
    meeting.save()
    assert member_client.post(f"/me/recovery/meetings/went/{meeting.pk}/").status_code == 404
    assert member_client.post("/me/recovery/meetings/went/999999/").status_code == 404
    assert not Attendance.objects.exists()


# The meetings page


def test_anonymous_visitors_are_sent_to_log_in(client, member):
    attendance = _went(member, today_for(member))
    for path in [PAGE, f"/me/recovery/meetings/{attendance.pk}/delete/"]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
    assert client.post(f"/me/recovery/meetings/{attendance.pk}/delete/").status_code == 302
    assert Attendance.objects.filter(pk=attendance.pk).exists()


def test_another_member_cannot_delete_or_see_my_meetings(outsider_client, member):
    attendance = _went(member, today_for(member), name="Tuesday step study")
    assert outsider_client.get(f"/me/recovery/meetings/{attendance.pk}/delete/").status_code == 404
    assert outsider_client.post(f"/me/recovery/meetings/{attendance.pk}/delete/").status_code == 404
    assert Attendance.objects.filter(pk=attendance.pk).exists()
    assert "Tuesday step study" not in outsider_client.get(PAGE).content.decode()


def test_the_page_is_private_with_one_heading(member_client):
    html = member_client.get(PAGE).content.decode()
    assert _h1_count(html) == 1
    assert '<meta name="robots" content="noindex">' in html
    assert "Only you can see this page" in html
    assert "<script>" not in html and "style=" not in html


def test_adding_a_meeting_in_my_own_words(member_client, member):
    day = today_for(member) - timedelta(days=1)
    response = member_client.post(
        PAGE, {"date": day.isoformat(), "name": "Church basement", "online": "on", "note": "Shared for the first time"}
    )
    assert response.status_code == 302
    attendance = Attendance.objects.get(user=member)
    assert (attendance.name, attendance.date, attendance.online, attendance.note, attendance.meeting) == (
        "Church basement",
        day,
        True,
        "Shared for the first time",
        None,
    )


def test_a_meeting_without_a_name_shows_the_error_next_to_the_field(member_client, member):
    response = member_client.post(PAGE, {"date": today_for(member).isoformat(), "name": "  "})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_name_error"' in html
    assert not Attendance.objects.exists()


def test_a_future_date_shows_the_error_next_to_the_date(member_client, member):
    day = today_for(member) + timedelta(days=3)
    html = member_client.post(PAGE, {"date": day.isoformat(), "name": "Home group"}).content.decode()
    assert 'id="id_date_error"' in html and "can&#x27;t be in the future" in html
    assert not Attendance.objects.exists()


def test_a_date_more_than_ten_years_back_is_refused(member_client, member):
    day = today_for(member) - timedelta(days=3700)
    html = member_client.post(PAGE, {"date": day.isoformat(), "name": "Home group"}).content.decode()
    assert 'id="id_date_error"' in html
    assert not Attendance.objects.exists()


def test_the_calendar_shows_a_count_on_each_day_with_meetings(member_client, member):
    today = today_for(member)
    _went(member, today, name="Morning")
    _went(member, today, name="Evening")
    html = member_client.get(PAGE).content.decode()
    assert "<caption>" in html and f"Meetings in {today:%B} {today.year}" in html
    assert 'scope="col"' in html
    assert "2 meetings" in html
    assert "Morning" in html and "Evening" in html


def test_previous_and_next_months(member_client, member):
    today = today_for(member)
    last_month = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
    _went(member, last_month.replace(day=10), name="Old friends")
    html = member_client.get(PAGE).content.decode()
    assert f"?month={last_month:%Y-%m}" in html
    assert "Next month" not in html  # no future months
    html = member_client.get(f"{PAGE}?month={last_month:%Y-%m}").content.decode()
    assert "Old friends" in html and f"?month={today:%Y-%m}" in html


def test_a_malformed_or_future_month_shows_this_month(member_client, member):
    today = today_for(member)
    for value in ["nonsense", "2026-13", f"{today.year + 2}-01", "1-01"]:
        response = member_client.get(f"{PAGE}?month={value}")
        assert response.status_code == 200
        assert f"Meetings in {today:%B} {today.year}" in response.content.decode()


def test_the_page_shows_the_counts(member_client, member):
    today = today_for(member)
    _went(member, today)
    _went(member, today - timedelta(days=20))
    _went(member, today - timedelta(days=200))
    html = member_client.get(PAGE).content.decode()
    assert re.search(r"Last 30 days</dt><dd>2</dd>", html)
    assert re.search(r"In all</dt><dd>3</dd>", html)


def test_deleting_a_meeting(member_client, member):
    attendance = _went(member, today_for(member))
    assert "Remove" in member_client.get(f"/me/recovery/meetings/{attendance.pk}/delete/").content.decode()
    response = member_client.post(f"/me/recovery/meetings/{attendance.pk}/delete/")
    assert response.status_code == 302
    assert not Attendance.objects.exists()


# The helpers the dashboard calls


def test_counts_this_week_last_30_days_and_total(member):
    today = date(2026, 11, 18)  # a Wednesday
    for day in [date(2026, 11, 16), date(2026, 11, 18), date(2026, 11, 15), date(2026, 10, 20), date(2026, 10, 19)]:
        services.record_attendance(member, today=today, date=day, name="Group")
    assert services.attendance_counts(member, today=today) == {"this_week": 2, "last_30_days": 4, "total": 5}


def test_weeks_start_on_monday_and_come_oldest_first(member):
    today = date(2026, 11, 22)  # a Sunday
    for day in [date(2026, 11, 22), date(2026, 11, 16), date(2026, 11, 15), date(2026, 9, 1)]:
        services.record_attendance(member, today=today, date=day, name="Group")
    weeks = services.attendance_by_week(member, today=today, weeks=4)
    assert weeks == [
        (date(2026, 10, 26), 0),
        (date(2026, 11, 2), 0),
        (date(2026, 11, 9), 1),
        (date(2026, 11, 16), 2),
    ]
    assert len(services.attendance_by_week(member, today=today)) == 12


def test_the_week_follows_the_members_date_not_the_servers(member):
    member.time_zone = "Pacific/Auckland"
    member.save()
    # Sunday 22 November 2026 at 12:00 UTC is already Monday 23 November in Auckland: a new week has begun.
    today = today_for(member, now=datetime(2026, 11, 22, 12, 0, tzinfo=ZoneInfo("UTC")))
    assert today == date(2026, 11, 23)
    services.record_attendance(member, today=today, date=date(2026, 11, 22), name="Sunday group")
    assert services.attendance_counts(member, today=today)["this_week"] == 0
    assert services.attendance_by_week(member, today=today, weeks=2) == [
        (date(2026, 11, 16), 1),
        (date(2026, 11, 23), 0),
    ]


def test_month_calendar_has_monday_weeks_with_counts(member, outsider):
    today = date(2026, 11, 30)
    services.record_attendance(member, today=today, date=date(2026, 11, 1), name="A")
    services.record_attendance(member, today=today, date=date(2026, 11, 1), name="B")
    services.record_attendance(member, today=today, date=date(2026, 10, 31), name="C")
    services.record_attendance(outsider, today=today, date=date(2026, 11, 2), name="Not mine")
    weeks = services.month_calendar(member, 2026, 11)
    assert weeks[0][0] == (date(2026, 10, 26), 0, False)  # November 2026 starts on a Sunday
    assert weeks[0][5] == (date(2026, 10, 31), 1, False)
    assert weeks[0][6] == (date(2026, 11, 1), 2, True)
    assert weeks[1][0] == (date(2026, 11, 2), 0, True)
    assert all(len(week) == 7 and week[0].weekday() == 0 for week in ([d for d, _n, _m in w] for w in weeks))
    assert weeks[-1][0][0] == date(2026, 11, 30)


def test_a_meetings_name_defaults_but_my_words_win(member, meeting):
    today = today_for(member)
    mine = services.record_attendance(member, today=today, date=today, meeting=meeting, name="JFT", online=True)
    assert (mine.name, mine.online) == ("JFT", True)

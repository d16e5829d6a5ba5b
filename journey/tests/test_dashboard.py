"""The My recovery page: counters, charts drawn on the server with their tables, goals, in a fixed number of
queries, and nothing of anyone else's."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from journey import charts
from journey.models import Attendance, CheckIn, Goal, today_for
from journey.services import counters

pytestmark = pytest.mark.django_db


def _history(member, days=20):
    today = today_for(member)
    for n in range(days):
        CheckIn.objects.create(
            user=member, date=today - timedelta(days=n), mood=1 + n % 5, craving=n % 11, health=3, community=4
        )
    counter = counters.create_counter(member, pathway="alcohol", start_date=today - timedelta(days=40), today=today)
    counters.record_slip(counter, slip_date=today - timedelta(days=5), today=today)
    Attendance.objects.create(user=member, date=today - timedelta(days=2), name="Tuesday Serenity")
    Attendance.objects.create(user=member, date=today - timedelta(days=9), name="Sunday Steps")
    Goal.objects.create(user=member, domain="health", title="Walk three times a week", progress=40)
    return today


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get("/me/recovery/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_new_member_sees_where_to_start(member_client):
    html = member_client.get("/me/recovery/").content.decode()
    assert "How is today? Check in" in html
    assert "No counter yet" in html
    assert '<svg class="chart"' not in html  # no chart until there is something to draw
    for url in ("/me/recovery/checkin/", "/me/recovery/goals/", "/me/recovery/plan/", "/me/recovery/journal/"):
        assert f'href="{url}"' in html


def test_charts_are_svg_with_a_text_alternative(member, member_client):
    # The member lives where the date is not the server's (UTC) date at this moment.
    member.time_zone = "Pacific/Kiritimati" if timezone.now().hour >= 10 else "Etc/GMT+12"  # UTC+14, UTC-12
    member.save(update_fields=["time_zone"])
    today = _history(member)
    assert today != timezone.now().date()
    html = member_client.get("/me/recovery/").content.decode()
    assert html.count('<svg class="chart"') == 3
    assert 'role="img"' in html and '<title id="mood-t">Mood and craving, last 30 days</title>' in html
    # The table gives every day's figures: today's mood is 1, craving 0.
    table = html[html.index("<caption>Mood and craving, last 30 days</caption>") :]
    assert re.search(r"<th scope=\"row\">[^<]+</th><td>1.0</td><td>0.0</td>", table)
    # The slip is marked on the chart and in the table.
    assert "<title>A slip</title>" in html
    assert "<td>yes</td>" in table
    # Meetings per week, and the goal's progress.
    assert "Meetings per week, last 12 weeks" in html and "Walk three times a week" in html
    assert '<progress max="100" value="40"' in html
    assert "You checked in today." in html
    # The page used the member's date: the mood table ends on the member's today, which holds today's check-in.
    mood_table = table[: table.index("</table>")]
    rows = re.findall(r"<th scope=\"row\">([^<]+)</th><td>([^<]*)</td><td>([^<]*)</td>", mood_table)
    assert rows[-1] == (date_format(today, "DATE_FORMAT"), "1.0", "0.0")
    # ... and the mood chart's last day, always labelled, is the member's today (day/month).
    mood_svg = html[html.index('<svg class="chart"') :]
    mood_svg = mood_svg[: mood_svg.index("</svg>")]
    assert 'id="mood-t"' in mood_svg
    days = re.findall(r'text-anchor="middle" font-size="11" fill="#333">([^<]+)</text>', mood_svg)
    assert days[-1] == f"{today.day}/{today.month}"


def test_the_range_can_be_a_quarter_or_a_year(member, member_client):
    _history(member, days=3)
    assert "last 90 days" in member_client.get("/me/recovery/?days=90").content.decode()
    year = member_client.get("/me/recovery/?days=365").content.decode()
    assert "last 365 days" in year and "Week of" in year
    assert "last 30 days" in member_client.get("/me/recovery/?days=7000").content.decode()
    assert "last 30 days" in member_client.get("/me/recovery/?days=abc").content.decode()


def test_nobody_sees_anyone_elses_figures(member, outsider_client):
    _history(member)
    html = outsider_client.get("/me/recovery/").content.decode()
    assert "Walk three times a week" not in html and "<title>A slip</title>" not in html
    assert "No counter yet" in html


def test_the_page_costs_the_same_queries_for_a_short_and_a_long_history(
    member, member_client, django_assert_max_num_queries, outsider, outsider_client
):
    _history(outsider, days=3)
    with django_assert_max_num_queries(30) as short:
        response = outsider_client.get("/me/recovery/?days=365")
    assert response.status_code == 200 and "Walk three times a week" in response.content.decode()
    _history(member, days=300)
    with django_assert_max_num_queries(len(short.captured_queries)):
        response = member_client.get("/me/recovery/?days=365")
    assert response.status_code == 200 and "Walk three times a week" in response.content.decode()


def test_a_line_breaks_where_a_day_is_missing_and_text_is_escaped():
    chart = charts.Chart(
        chart_id="x",
        title="<script>alert(1)</script>",
        description="d & e",
        labels=["a", "b", "c", "d"],
        series=[charts.Series("s", [1, 2, None, 3])],
        y_min=0,
        y_max=5,
        y_ticks=[0, 5],
    )
    svg = charts.line_chart(chart)
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "d &amp; e" in svg
    assert svg.count("<path d=") == 1  # [1, 2] joined; [3] alone is a point
    assert svg.count("<circle") == 3


def test_bar_chart_labels_every_bar_with_its_number():
    svg = charts.bar_chart("b", "Meetings", "per week", ["1/1", "8/1"], [0, 3])
    assert ">3</text>" in svg and ">0</text>" in svg and 'aria-labelledby="b-t b-d"' in svg

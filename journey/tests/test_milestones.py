from datetime import date

from journey.milestones import Milestone, add_months, milestone_dates, milestones_reached, next_milestone


def _by_name(start: date, how_many: int = 12) -> dict[str, date]:
    dates = milestone_dates(start)
    return {m.name: m.date for m in (next(dates) for _ in range(how_many))}


def test_the_milestones_come_in_order_and_then_every_year():
    names = [m.name for m, _ in zip(milestone_dates(date(2025, 1, 1)), range(11), strict=False)]
    assert names == [
        "24 hours",
        "30 days",
        "60 days",
        "90 days",
        "6 months",
        "9 months",
        "1 year",
        "18 months",
        "2 years",
        "3 years",
        "4 years",
    ]


def test_24_hours_is_the_next_day_and_days_count_from_day_0():
    dates = _by_name(date(2025, 3, 10))
    assert dates["24 hours"] == date(2025, 3, 11)
    assert dates["30 days"] == date(2025, 4, 9)
    assert dates["90 days"] == date(2025, 6, 8)


def test_a_start_on_31_january_reaches_6_months_on_31_july():
    assert _by_name(date(2025, 1, 31))["6 months"] == date(2025, 7, 31)


def test_a_month_that_lacks_the_day_is_reached_on_its_last_day():
    assert _by_name(date(2025, 5, 31))["9 months"] == date(2026, 2, 28)
    assert _by_name(date(2023, 5, 31))["9 months"] == date(2024, 2, 29)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2025, 8, 31), 18) == date(2027, 2, 28)


def test_a_leap_day_start_reaches_1_year_on_28_february_and_4_years_on_29_february():
    dates = _by_name(date(2024, 2, 29))
    assert dates["1 year"] == date(2025, 2, 28)
    assert dates["18 months"] == date(2025, 8, 29)
    assert dates["4 years"] == date(2028, 2, 29)


def test_milestones_reached_by_a_date_include_that_date():
    start = date(2025, 1, 1)
    assert milestones_reached(start, start) == []
    assert [m.name for m in milestones_reached(start, date(2025, 1, 31))] == ["24 hours", "30 days"]
    assert [m.name for m in milestones_reached(start, date(2025, 1, 30))] == ["24 hours"]


def test_the_next_milestone_is_strictly_after_the_date():
    start = date(2025, 1, 1)
    assert next_milestone(start, start).name == "24 hours"
    assert next_milestone(start, date(2025, 1, 2)) == Milestone("30 days", date(2025, 1, 31))
    assert next_milestone(start, date(2025, 1, 31)) == Milestone("60 days", date(2025, 3, 2))
    later = next_milestone(start, date(2027, 6, 1))
    assert (later.name, later.date) == ("3 years", date(2028, 1, 1))

"""Days, periods and slips through the service functions, with "today" passed in rather than patched."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from conftest import make_member
from journey.models import Counter, today_for
from journey.services import counters as services

pytestmark = pytest.mark.django_db


def _counter(user, start: date, **extra) -> Counter:
    counter = services.create_counter(user, pathway="alcohol", start_date=start, today=start, **extra)
    return Counter.objects.owned_by(user).get(pk=counter.pk)


def test_the_member_time_zone_decides_the_day_count():
    auckland = make_member("kiri", time_zone="Pacific/Auckland")
    los_angeles = make_member("lee", time_zone="America/Los_Angeles")
    instant = datetime(2025, 3, 10, 20, 0, tzinfo=UTC)  # 11 March 09:00 in Auckland, 10 March 13:00 in LA
    start = date(2025, 3, 1)
    nz, la = _counter(auckland, start), _counter(los_angeles, start)

    assert today_for(auckland, instant) == date(2025, 3, 11)
    assert today_for(los_angeles, instant) == date(2025, 3, 10)
    assert nz.summary(today_for(auckland, instant)).days == 10
    assert la.summary(today_for(los_angeles, instant)).days == 9


def test_the_start_date_is_day_0_and_the_next_day_is_24_hours(member):
    counter = _counter(member, date(2025, 1, 1))
    first = counter.summary(date(2025, 1, 1))
    assert (first.days, first.milestones_reached, first.next_milestone.name) == (0, [], "24 hours")
    assert counter.summary(date(2025, 1, 2)).milestones_reached[0].name == "24 hours"


def test_a_future_start_date_is_refused(member):
    with pytest.raises(ValidationError) as caught:
        services.create_counter(member, pathway="alcohol", start_date=date(2025, 1, 2), today=date(2025, 1, 1))
    assert "start_date" in caught.value.message_dict


def test_a_custom_pathway_needs_a_name_and_a_cost_needs_a_currency(member):
    with pytest.raises(ValidationError) as caught:
        services.create_counter(
            member, pathway="custom", start_date=date(2025, 1, 1), cost_per_day=Decimal("5"), today=date(2025, 1, 1)
        )
    assert set(caught.value.message_dict) == {"name", "currency"}


def test_a_slip_keeps_every_past_day_and_starts_a_new_period(member):
    counter = _counter(member, date(2025, 1, 1))
    services.record_slip(counter, date(2025, 1, 11), what_happened="a wedding", today=date(2025, 1, 20))
    summary = counter.summary(date(2025, 1, 20))
    assert summary.start_date == date(2025, 1, 11)
    assert (summary.days, summary.total_days, summary.longest_days, summary.periods) == (9, 19, 10, 2)
    assert counter.slips.get().what_happened == "a wedding"


def test_the_member_chooses_when_to_start_again(member):
    counter = _counter(member, date(2025, 1, 1))
    services.record_slip(counter, date(2025, 1, 11), new_start=date(2025, 1, 13), today=date(2025, 1, 20))
    summary = counter.summary(date(2025, 1, 20))
    assert (summary.start_date, summary.days, summary.total_days) == (date(2025, 1, 13), 7, 17)


def test_totals_add_up_across_many_periods(member):
    counter = _counter(member, date(2024, 1, 1), cost_per_day=Decimal("2.50"), currency="EUR")
    services.record_slip(counter, date(2024, 3, 1), today=date(2024, 12, 31))  # 60 days (leap February)
    services.record_slip(counter, date(2024, 3, 5), new_start=date(2024, 3, 6), today=date(2024, 12, 31))  # 4
    summary = counter.summary(date(2024, 4, 5))  # 30 days in the current period
    assert (summary.days, summary.total_days, summary.longest_days, summary.periods) == (30, 94, 60, 3)
    assert [m.name for m in summary.milestones_reached] == ["24 hours", "30 days"]
    assert summary.money_saved == Decimal("235.00")


def test_a_slip_on_the_start_date_never_makes_negative_days(member):
    counter = _counter(member, date(2025, 1, 1))
    services.record_slip(counter, date(2025, 1, 1), today=date(2025, 1, 1))
    summary = counter.summary(date(2025, 1, 1))
    assert (summary.days, summary.total_days, summary.longest_days, summary.periods) == (0, 0, 0, 2)
    services.record_slip(counter, date(2025, 1, 1), today=date(2025, 1, 1))
    assert counter.summary(date(2025, 1, 3)).total_days == 2


@pytest.mark.parametrize(
    ("slip_date", "new_start", "field"),
    [
        (date(2025, 1, 21), None, "slip_date"),  # in the future
        (date(2024, 12, 31), None, "slip_date"),  # before this period began
        (date(2025, 1, 10), date(2025, 1, 9), "new_start"),  # before the slip
        (date(2025, 1, 10), date(2025, 1, 21), "new_start"),  # in the future
    ],
)
def test_slip_dates_out_of_range_are_refused_and_nothing_changes(member, slip_date, new_start, field):
    counter = _counter(member, date(2025, 1, 1))
    with pytest.raises(ValidationError) as caught:
        services.record_slip(counter, slip_date, new_start=new_start, today=date(2025, 1, 20))
    assert field in caught.value.message_dict
    assert counter.periods.count() == 1 and not counter.slips.exists()


def test_moving_the_start_cannot_go_back_before_the_last_slip(member):
    counter = _counter(member, date(2025, 1, 1))
    services.record_slip(counter, date(2025, 1, 10), today=date(2025, 1, 20))
    with pytest.raises(ValidationError) as caught:
        services.update_counter(counter, start_date=date(2025, 1, 5), today=date(2025, 1, 20))
    assert "start_date" in caught.value.message_dict
    services.update_counter(counter, start_date=date(2025, 1, 12), today=date(2025, 1, 20))
    assert counter.summary(date(2025, 1, 20)).days == 8

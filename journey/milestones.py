"""Recovery milestones as calendar arithmetic: pure functions, no database, no clock.

Days count from the start date (day 0). Months and years are calendar months and years; a start on a day the
target month lacks (31 January + 1 month, 29 February + 1 year) reaches it on that month's last day.
"""

import calendar
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import count

from django.utils.translation import gettext, ngettext


@dataclass(frozen=True)
class Milestone:
    name: str
    date: date


def add_months(start: date, months: int) -> date:
    """`start` moved by whole calendar months, clamped to the last day of a shorter month."""
    index = start.year * 12 + (start.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def _fixed_steps() -> list[tuple[str, str, int]]:
    # (unit, name, amount); names are translated when the milestones are made, in the request's language.
    return [
        ("days", gettext("24 hours"), 1),
        ("days", gettext("30 days"), 30),
        ("days", gettext("60 days"), 60),
        ("days", gettext("90 days"), 90),
        ("months", gettext("6 months"), 6),
        ("months", gettext("9 months"), 9),
        ("months", gettext("1 year"), 12),
        ("months", gettext("18 months"), 18),
    ]


def milestone_dates(start: date) -> Iterator[Milestone]:
    """Every milestone of a period that began on `start`, in order; endless (every year after 18 months)."""
    for unit, name, amount in _fixed_steps():
        when = start + timedelta(days=amount) if unit == "days" else add_months(start, amount)
        yield Milestone(name, when)
    for years in count(2):
        name = ngettext("%(years)d year", "%(years)d years", years) % {"years": years}
        yield Milestone(name, add_months(start, 12 * years))


def milestones_reached(start: date, on: date) -> list[Milestone]:
    """The milestones reached on or before `on`, oldest first."""
    reached = []
    for milestone in milestone_dates(start):
        if milestone.date > on:
            break
        reached.append(milestone)
    return reached


def next_milestone(start: date, on: date) -> Milestone:
    """The first milestone still ahead of `on` (reached on a later day)."""
    for milestone in milestone_dates(start):
        if milestone.date > on:
            return milestone
    raise AssertionError("milestone_dates is endless")  # pragma: no cover

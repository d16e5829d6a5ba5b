"""The search widens its time windows by DST_SHIFT_MINUTES; every zone's offsets must fit inside that."""

import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest

from directory.derived import standard_offset_minutes
from directory.search import DST_SHIFT_MINUTES

# Antarctica/Troll moves two hours (UTC+0 to UTC+2); nobody holds a weekly meeting there.
WIDER_THAN_AN_HOUR = {"Antarctica/Troll"}


def offsets_this_year_and_next(name: str) -> set[int]:
    zone = zoneinfo.ZoneInfo(name)
    start = datetime(datetime.now().year, 1, 1, tzinfo=UTC)
    return {
        int((start + timedelta(hours=h)).astimezone(zone).utcoffset().total_seconds() // 60)
        for h in range(0, 2 * 366 * 24, 6)
    }


@pytest.mark.parametrize("name", sorted(zoneinfo.available_timezones() - WIDER_THAN_AN_HOUR))
def test_every_offset_lies_within_the_shift_above_the_standard_one(name):
    offsets = offsets_this_year_and_next(name)
    standard = standard_offset_minutes(name)
    assert min(offsets) == standard, f"{name}: the standard offset must be the smallest one used"
    assert max(offsets) - standard <= DST_SHIFT_MINUTES


def test_morocco_in_ramadan_is_not_missed():
    # Africa/Casablanca is UTC+1 most of the year and UTC+0 for about a month around Ramadan.
    assert standard_offset_minutes("Africa/Casablanca") == 0

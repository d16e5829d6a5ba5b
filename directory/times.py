"""When a weekly meeting happens, computed in its own zone: correct across DST changes and midnight.

A start that falls in a DST gap (02:30 on a spring-forward night) is moved forward by the gap, as the clocks
are; an ambiguous one (the repeated hour in autumn) is the first of the two. Comparisons are made in UTC.
"""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo


def _start_on(day: date, at_time: time, zone: ZoneInfo) -> datetime:
    # fold=0 picks the first of an ambiguous pair; a non-existent wall time maps forward through UTC.
    return datetime.combine(day, at_time, tzinfo=zone).astimezone(UTC).astimezone(zone)


def _end_for(start_local: datetime, meeting) -> datetime:
    if meeting.end_time is None:
        return (start_local.astimezone(UTC) + timedelta(minutes=meeting.duration_minutes or 60)).astimezone(
            start_local.tzinfo
        )
    end_day = start_local.date()
    start_minutes = meeting.time.hour * 60 + meeting.time.minute
    end_minutes = meeting.end_time.hour * 60 + meeting.end_time.minute
    if end_minutes <= start_minutes:
        end_day += timedelta(days=1)
    return _start_on(end_day, meeting.end_time, start_local.tzinfo)


def sunday0(day: date) -> int:
    """Meeting Guide weekday of a date: 0 is Sunday."""
    return day.isoweekday() % 7


def occurrence_around(meeting, at: datetime, *, include_in_progress: bool = True) -> tuple[datetime, datetime]:
    """The occurrence in progress at `at` (if asked and there is one), else the next one starting at or after.

    Returns (start, end) in the meeting's zone. `meeting` needs day, time, end_time, duration_minutes and zone.
    """
    zone = meeting.zone
    at_utc = at.astimezone(UTC)
    local_today = at_utc.astimezone(zone).date()
    back = (sunday0(local_today) - meeting.day) % 7
    latest_day = local_today - timedelta(days=back)
    # The latest occurrence on or before today, the one before it (a long meeting that began last week
    # cannot still run, but a cross-midnight one that began yesterday can), and the next ones.
    for candidate_day in (latest_day, latest_day + timedelta(days=7)):
        start = _start_on(candidate_day, meeting.time, zone)
        end = _end_for(start, meeting)
        start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
        if include_in_progress and start_utc <= at_utc < end_utc:
            return start, end
        if start_utc >= at_utc:
            return start, end
    raise AssertionError("a weekly meeting starts within eight days")


class SteadyClock:
    """Occurrences for many meetings around one moment, fast where a zone's offset cannot change.

    For each zone it checks the UTC offset a little more than a week before and after `at`; when the two are
    equal (no clock change in that span, the usual case) an occurrence is plain arithmetic on that offset.
    Zones with a change nearby fall back to occurrence_around. Results are the same either way.
    """

    def __init__(self, at: datetime):
        self.at = at.astimezone(UTC)
        self._offsets: dict[str, timedelta | None] = {}

    def _steady_offset(self, zone_name: str, zone: ZoneInfo) -> timedelta | None:
        if zone_name not in self._offsets:
            span = timedelta(days=9)
            before = (self.at - span).astimezone(zone).utcoffset()
            now = self.at.astimezone(zone).utcoffset()
            after = (self.at + span).astimezone(zone).utcoffset()
            self._offsets[zone_name] = now if before == now == after else None
        return self._offsets[zone_name]

    def occurrence(self, meeting, *, include_in_progress: bool = True) -> tuple[datetime, datetime]:
        """(start, end) as aware UTC datetimes; see occurrence_around."""
        zone = meeting.zone
        offset = self._steady_offset(meeting.timezone, zone)
        if offset is None:
            start, end = occurrence_around(meeting, self.at, include_in_progress=include_in_progress)
            return start.astimezone(UTC), end.astimezone(UTC)
        at = self.at.replace(tzinfo=None)
        local_today = (at + offset).date()
        latest_day = local_today - timedelta(days=(sunday0(local_today) - meeting.day) % 7)
        for candidate_day in (latest_day, latest_day + timedelta(days=7)):
            start = datetime.combine(candidate_day, meeting.time) - offset
            if meeting.end_time is None:
                end = start + timedelta(minutes=meeting.duration_minutes or 60)
            else:
                end_day = candidate_day
                if meeting.end_time <= meeting.time:
                    end_day += timedelta(days=1)
                end = datetime.combine(end_day, meeting.end_time) - offset
            if (include_in_progress and start <= at < end) or start >= at:
                return start.replace(tzinfo=UTC), end.replace(tzinfo=UTC)
        raise AssertionError("a weekly meeting starts within eight days")

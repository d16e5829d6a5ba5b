"""The meeting search behind the finder page and GET /api/v1/meetings: one parser, one engine.

`directory.query.parse_query(params)` turns query parameters into a MeetingQuery (or a QueryError naming the
parameter); `search(query)` answers with Hits (meeting, current-or-next occurrence, distance) in the requested order.

How it stays fast at the scale of the world: plain filters (program, types, language, region, day, time of
day, attendance, text) are SQL on indexed or pre-folded columns; "near" is a bounding box on the
(latitude, longitude) index, then exact haversine; time windows ("in progress", "starts within") are a range
on `utc_week_minute` widened by the largest daylight-saving shift, then the exact occurrence is computed in
each meeting's own zone (directory.times). Ordering by start reads rows in approximate order and stops as
soon as no unread row can come earlier than what it has.
"""

import bisect
import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django.db.models import F, Max, Q
from django.db.models.expressions import RawSQL

from .derived import MINUTES_PER_WEEK, TIME_OF_DAY, search_words
from .models import Attendance, Meeting
from .query import ATTENDANCE_FILTERS, MeetingQuery

EARTH_RADIUS_KM = 6371.0088
DST_SHIFT_MINUTES = 60  # the largest daylight-saving shift in tzdata (Lord Howe's is 30)
NEAREST_LADDER_KM = (1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 20100)


@dataclass
class Hit:
    meeting: Meeting
    starts_at: datetime
    ends_at: datetime
    in_progress: bool
    distance_km: float | None = None


@dataclass
class SearchResult:
    hits: list[Hit]
    next_offset: int | None
    query: MeetingQuery


# ---- geometry -----------------------------------------------------------------------------------------


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def has_distance(meeting: Meeting) -> bool:
    """Only a real place has a distance: not online-only, not approximate, with coordinates."""
    return (
        meeting.latitude is not None
        and meeting.longitude is not None
        and not meeting.approximate
        and meeting.attendance != Attendance.ONLINE
    )


def bounding_box(lat: float, lon: float, radius_km: float) -> Q:
    """A Q that contains every point within `radius_km` of (lat, lon) (and some more)."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM) * 1.0001
    q = Q(latitude__gte=max(-90.0, lat - dlat), latitude__lte=min(90.0, lat + dlat))
    north, south = lat + dlat, lat - dlat
    if north >= 90 or south <= -90:
        return q  # a polar cap: every longitude
    widest = max(abs(north), abs(south))
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * math.cos(math.radians(widest)))) * 1.0001
    if dlon >= 180:
        return q
    west, east = lon - dlon, lon + dlon
    if west < -180:
        return q & (Q(longitude__gte=west + 360) | Q(longitude__lte=east))
    if east > 180:
        return q & (Q(longitude__gte=west) | Q(longitude__lte=east - 360))
    return q & Q(longitude__gte=west, longitude__lte=east)


# ---- time windows -------------------------------------------------------------------------------------


def week_minute(at: datetime) -> int:
    utc = at.astimezone(UTC)
    return (utc.isoweekday() % 7) * 1440 + utc.hour * 60 + utc.minute


def week_window(start: int, length: int) -> Q:
    """utc_week_minute within [start, start + length], wrapping round the week."""
    if length >= MINUTES_PER_WEEK:
        return Q()
    start %= MINUTES_PER_WEEK
    end = start + length
    if end < MINUTES_PER_WEEK:
        return Q(utc_week_minute__gte=start, utc_week_minute__lte=end)
    return Q(utc_week_minute__gte=start) | Q(utc_week_minute__lte=end - MINUTES_PER_WEEK)


def matches_words(words: list[str]) -> Q:
    """Meetings whose text has a word starting with each of `words` (folded: no case, no accents).

    Uses the word index of migration 0006 (SQLite FTS5, PostgreSQL GIN); other databases scan.
    """
    vendor = connection.vendor
    if vendor == "sqlite":
        match = " ".join('"' + w.replace('"', "") + '"*' for w in words)
        return Q(pk__in=RawSQL("SELECT rowid FROM directory_meeting_fts WHERE directory_meeting_fts MATCH %s", [match]))
    if vendor == "postgresql":
        tsquery = " & ".join(re.sub(r"[^\w]", "", w) + ":*" for w in words if re.sub(r"[^\w]", "", w))
        return Q(
            pk__in=RawSQL(
                "SELECT id FROM directory_meeting WHERE to_tsvector('simple', search_text) @@ to_tsquery('simple', %s)",
                [tsquery],
            )
        )
    condition = Q()
    for word in words:
        condition &= Q(search_text__contains=" " + word)
    return condition


def longest_duration() -> int:
    """The longest meeting anywhere (an indexed MAX): a bound on how long ago a running meeting began."""
    return Meeting.objects.aggregate(longest=Max("duration_minutes"))["longest"] or 0


def in_progress_window(now: int, longest: int) -> Q:
    """Rows that may be running at week minute `now`: begun at most `longest` minutes ago (plus the DST shift)
    and, going by their standard-time start, not yet ended. The exact check follows in Python."""
    low = now - longest - 1
    high = now + DST_SHIFT_MINUTES + 1
    ends_after = now - 1  # a start no later than this many minutes before its own end
    if low >= 0:
        return Q(utc_week_minute__gte=low, utc_week_minute__lte=high) & Q(
            utc_week_minute__gte=ends_after - F("duration_minutes")
        )
    # The window wraps round Sunday 00:00 UTC: rows late in the week started "last week".
    this_week = Q(utc_week_minute__lte=high) & Q(utc_week_minute__gte=ends_after - F("duration_minutes"))
    last_week = Q(utc_week_minute__gte=low + MINUTES_PER_WEEK) & Q(
        utc_week_minute__gte=ends_after + MINUTES_PER_WEEK - F("duration_minutes")
    )
    return this_week | last_week


def _time_of_day_q(name: str) -> Q:
    (h1, m1), (h2, m2) = TIME_OF_DAY[name]
    from datetime import time

    low, high = time(h1, m1), time(h2, m2, 59)
    if low <= high:
        return Q(time__gte=low, time__lte=high)
    return Q(time__gte=low) | Q(time__lte=high)


# ---- the engine ---------------------------------------------------------------------------------------

SLOT_FIELDS = (
    "pk",
    "day",
    "time",
    "end_time",
    "duration_minutes",
    "timezone",
    "latitude",
    "longitude",
    "approximate",
    "attendance",
    "utc_week_minute",
    "name",
)


@dataclass(slots=True)
class Slot:
    """The few columns the engine needs of a meeting; whole Meeting rows are loaded for the page only."""

    pk: int
    day: int
    time: object
    end_time: object
    duration_minutes: int
    timezone: str
    latitude: float | None
    longitude: float | None
    approximate: bool
    attendance: str
    utc_week_minute: int
    name: str

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)  # zoneinfo keeps one instance per name


def slots(qs):
    return (Slot(*row) for row in qs.values_list(*SLOT_FIELDS))


def filtered(query: MeetingQuery):
    """The SQL part: every filter that does not need a meeting's exact occurrence or distance."""
    qs = Meeting.objects.all() if query.include_inactive else Meeting.objects.active()
    if query.day is not None:
        qs = qs.filter(day=query.day)
    if query.time_of_day:
        qs = qs.filter(_time_of_day_q(query.time_of_day))
    if query.source:
        qs = qs.filter(source__slug=query.source)
    if query.program:
        qs = qs.filter(program__slug=query.program)
    for code in query.types:
        qs = qs.filter(type_key__contains=f"|{code}|")
    if query.attendance:
        qs = qs.filter(attendance__in=ATTENDANCE_FILTERS[query.attendance])
    if query.language:
        qs = qs.filter(language_key__contains=f"|{query.language}|")
    if query.region:
        qs = qs.filter(region_path__icontains=f"|{query.region}|")
    if words := search_words(query.q):
        qs = qs.filter(matches_words(words))
    if query.near and query.radius_km is not None:
        qs = qs.filter(bounding_box(*query.near, query.radius_km))
    if query.in_progress or query.starts_within is not None:
        now = week_minute(query.at)
        if query.in_progress:
            qs = qs.filter(in_progress_window(now, longest_duration()))
        if query.starts_within is not None:
            qs = qs.filter(week_window(now - 1, query.starts_within + DST_SHIFT_MINUTES + 2))
    return qs


def _hit(meeting, query: MeetingQuery) -> Hit | None:
    distance = None
    if query.near and has_distance(meeting):
        distance = haversine_km(query.near[0], query.near[1], meeting.latitude, meeting.longitude)
    if query.near and query.radius_km is not None and (distance is None or distance > query.radius_km):
        return None
    clock = query.clock
    start, end = clock.occurrence(meeting)
    at = clock.at
    in_progress = start <= at < end
    if query.in_progress and not in_progress:
        return None
    if query.starts_within is not None:
        upcoming_start, upcoming_end = clock.occurrence(meeting, include_in_progress=False)
        if upcoming_start > at + timedelta(minutes=query.starts_within):
            return None
        if not in_progress:
            start, end = upcoming_start, upcoming_end
    zone = meeting.zone
    return Hit(meeting, start.astimezone(zone), end.astimezone(zone), in_progress, distance)


def _minutes_from(hit: Hit, at: datetime) -> float:
    return (hit.starts_at.astimezone(UTC) - at.astimezone(UTC)).total_seconds() / 60


def _sorted(hits: list[Hit], query: MeetingQuery) -> list[Hit]:
    if query.sort == "distance":
        return sorted(hits, key=lambda h: (h.distance_km is None, h.distance_km or 0, h.starts_at, h.meeting.pk))
    return sorted(hits, key=lambda h: (h.starts_at.astimezone(UTC), h.meeting.name, h.meeting.pk))


def _nearest(qs, query: MeetingQuery) -> list[Hit]:
    """The N nearest, however far: widen a box until it holds N meetings with a real distance, then work out
    occurrences for those N only (a time filter, when there is one, is applied before counting)."""
    lat, lon = query.near
    timed = query.in_progress or query.starts_within is not None
    for radius in NEAREST_LADDER_KM:
        rows = []
        for meeting in slots(qs.filter(bounding_box(lat, lon, radius))):
            if not has_distance(meeting):
                continue
            d = haversine_km(lat, lon, meeting.latitude, meeting.longitude)
            if d <= radius:
                rows.append((d, meeting.pk, meeting))
        rows.sort(key=lambda row: row[:2])
        if timed:
            hits = [h for _d, _pk, m in rows if (h := _hit(m, query))]
        else:
            hits = [h for _d, _pk, m in rows[: query.nearest] if (h := _hit(m, query))]
        if len(hits) >= query.nearest or radius == NEAREST_LADDER_KM[-1]:
            return hits[: query.nearest]
    return []


def _in_start_order(qs, origin: int):
    """Rows in order of utc_week_minute from `origin` round the week, read through the index in batches."""
    origin %= MINUTES_PER_WEEK
    for segment in (qs.filter(utc_week_minute__gte=origin), qs.filter(utc_week_minute__lt=origin)):
        ordered = segment.order_by("utc_week_minute", "pk")
        # Each batch is one statement, and a word search re-evaluates its index match per statement, so start
        # big and grow fast (rows are only a few columns each; measured on 500k meetings, bench/README.md).
        seen, batch = 0, 1000
        while True:
            rows = list(slots(ordered[seen : seen + batch]))
            yield from rows
            if len(rows) < batch:
                break
            seen += len(rows)
            batch = min(batch * 4, 20000)


def _by_time(qs, query: MeetingQuery, wanted: int) -> list[Hit]:
    """Read rows in approximate start order; stop when no unread row can start before the ones kept."""
    now = week_minute(query.at)
    longest = longest_duration()
    lead = longest + DST_SHIFT_MINUTES + 1  # how far back an occurrence still in progress may have started
    origin = now - lead
    hits: list[Hit] = []
    starts: list[float] = []  # minutes from `at` to each hit's start, kept sorted
    for meeting in _in_start_order(qs, origin):
        # No row read from here on starts earlier than this many minutes after `at`: its start is at least
        # its distance round the week from `origin`, less the lead, the daylight-saving shift, and the minute
        # that `at`'s seconds may add.
        floor = (meeting.utc_week_minute - origin) % MINUTES_PER_WEEK - lead - DST_SHIFT_MINUTES - 1
        if len(starts) >= wanted and bisect.bisect_left(starts, floor) >= wanted:
            break
        if hit := _hit(meeting, query):
            hits.append(hit)
            bisect.insort(starts, _minutes_from(hit, query.at))
    return _sorted(hits, query)


def _by_distance(qs, query: MeetingQuery, wanted: int) -> list[Hit]:
    """Sort by distance first (cheap), and work out occurrences only for the rows on the page."""
    lat, lon = query.near

    def distance(meeting):
        if not has_distance(meeting):
            return None
        return haversine_km(lat, lon, meeting.latitude, meeting.longitude)

    rows = []
    for meeting in slots(qs):
        d = distance(meeting)
        if query.radius_km is not None and (d is None or d > query.radius_km):
            continue
        rows.append((d is None, d or 0.0, meeting))
    rows.sort(key=lambda row: (row[0], row[1]))
    # Rows tied on distance are ordered by start, as _sorted does, so take every row tied with the last one.
    cut = wanted
    while cut < len(rows) and rows[cut][:2] == rows[wanted - 1][:2]:
        cut += 1
    hits = [h for _a, _b, m in rows[:cut] if (h := _hit(m, query))]
    return _sorted(hits, query) + [None] * (len(rows) - cut)


def search(query: MeetingQuery) -> SearchResult:
    qs = filtered(query)
    wanted = query.offset + query.limit
    if query.nearest is not None:
        hits = _nearest(qs, query)
        if query.sort == "time":
            hits = _sorted(hits, query)
    elif query.sort == "distance" and not (query.in_progress or query.starts_within is not None):
        hits = _by_distance(qs, query, wanted)
    elif (query.near and query.radius_km is not None) or query.sort == "distance":
        hits = _sorted([h for m in slots(qs) if (h := _hit(m, query))], query)
    else:
        hits = _by_time(qs, query, wanted)
    page = [hit for hit in hits[query.offset : wanted] if hit is not None]
    next_offset = wanted if len(hits) > wanted else None
    meetings = (
        Meeting.objects.select_related("program", "source")
        .defer("raw", "source__last_report")
        .in_bulk([hit.meeting.pk for hit in page])
    )
    for hit in page:
        hit.meeting = meetings[hit.meeting.pk]
    return SearchResult(page, next_offset, query)

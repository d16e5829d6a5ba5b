"""What a meeting search asks for: MeetingQuery, and `parse_query()`, which builds one from query parameters.

The finder page and GET /api/v1/meetings share the parser, so both accept the same parameters and refuse a
mistake with the same message, naming the parameter (QueryError). `directory.search` answers the query.
"""

import math
from dataclasses import dataclass, field
from datetime import UTC, datetime

from django.utils import timezone

from .derived import MINUTES_PER_WEEK, TIME_OF_DAY
from .models import Attendance, Program, Source
from .times import SteadyClock

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
ATTENDANCE_FILTERS = {
    "in_person": [Attendance.IN_PERSON, Attendance.HYBRID],
    "online": [Attendance.ONLINE, Attendance.HYBRID],
    "hybrid": [Attendance.HYBRID],
}


class QueryError(ValueError):
    def __init__(self, parameter: str, message: str):
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


@dataclass
class MeetingQuery:
    at: datetime = field(default_factory=timezone.now)
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    nearest: int | None = None
    in_progress: bool = False
    starts_within: int | None = None
    day: int | None = None
    time_of_day: str | None = None
    source: str | None = None
    program: str | None = None
    types: list[str] = field(default_factory=list)
    attendance: str | None = None
    language: str | None = None
    region: str | None = None
    q: str = ""
    include_inactive: bool = False
    sort: str = "time"
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    @property
    def clock(self) -> SteadyClock:
        """One clock per query, so each zone's offset is looked up once."""
        if getattr(self, "_clock", None) is None or self._clock.at != self.at.astimezone(UTC):
            self._clock = SteadyClock(self.at)
        return self._clock


# ---- parameters ------------------------------------------------------------------------------------------


def _bool(params, name: str) -> bool:
    raw = params.get(name)
    if raw in (None, ""):
        return False
    if raw.lower() in {"true", "1", "yes", "on"}:
        return True
    if raw.lower() in {"false", "0", "no", "off"}:
        return False
    raise QueryError(name, "must be true or false")


def _int(params, name: str, low: int, high: int) -> int | None:
    raw = params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = int(raw)
    except ValueError:
        raise QueryError(name, "must be a whole number") from None
    if not low <= value <= high:
        raise QueryError(name, f"must be between {low} and {high}")
    return value


def parse_query(params) -> MeetingQuery:
    """Validate query parameters (a QueryDict or dict); every mistake names its parameter."""
    query = MeetingQuery()
    if raw_at := params.get("at"):
        try:
            at = datetime.fromisoformat(raw_at.replace(" ", "+").replace("Z", "+00:00"))
        except ValueError:
            raise QueryError(
                "at", "must be an ISO 8601 date-time with an offset, e.g. 2026-11-22T19:00:00-05:00"
            ) from None
        if at.tzinfo is None:
            raise QueryError("at", "needs an offset or Z, e.g. 2026-11-22T19:00:00-05:00")
        query.at = at
    if raw_near := params.get("near"):
        parts = raw_near.split(",")
        try:
            lat, lon = (float(p) for p in parts)
        except ValueError:
            raise QueryError("near", "must be LAT,LON in degrees, e.g. 39.95,-75.16") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180) or any(map(math.isnan, (lat, lon))):
            raise QueryError("near", "latitude must be within ±90 and longitude within ±180")
        query.near = (lat, lon)
    if raw_radius := params.get("radius_km"):
        try:
            query.radius_km = float(raw_radius)
        except ValueError:
            raise QueryError("radius_km", "must be a number of kilometres") from None
        if not 0 <= query.radius_km <= 20100 or math.isnan(query.radius_km):
            raise QueryError("radius_km", "must be between 0 and 20100")
    query.nearest = _int(params, "nearest", 1, MAX_LIMIT)
    if (query.radius_km is not None or query.nearest is not None) and query.near is None:
        raise QueryError("near", "is needed with radius_km or nearest")
    if query.radius_km is not None and query.nearest is not None:
        raise QueryError("nearest", "cannot be combined with radius_km")
    query.in_progress = _bool(params, "in_progress")
    query.starts_within = _int(params, "starts_within", 0, MINUTES_PER_WEEK)
    query.day = _int(params, "day", 0, 6)
    if (tod := params.get("time_of_day")) not in (None, ""):
        if tod not in TIME_OF_DAY:
            raise QueryError("time_of_day", f"must be one of {', '.join(TIME_OF_DAY)}")
        query.time_of_day = tod
    if source := params.get("source"):
        if not Source.objects.filter(slug=source).exists():
            raise QueryError("source", f"no source {source!r}")
        query.source = source
    if program := params.get("program"):
        if not Program.objects.filter(slug=program).exists():
            raise QueryError("program", f"no program {program!r}")
        query.program = program
    if raw_types := params.get("types"):
        query.types = [t.strip() for t in raw_types.split(",") if t.strip()]
        if any("|" in t for t in query.types):
            raise QueryError("types", "codes cannot contain |")
    if (attendance := params.get("attendance")) not in (None, ""):
        if attendance not in ATTENDANCE_FILTERS:
            raise QueryError("attendance", f"must be one of {', '.join(ATTENDANCE_FILTERS)}")
        query.attendance = attendance
    if language := params.get("language"):
        if not language.isalpha() or len(language) > 8:
            raise QueryError("language", "must be a language code such as es")
        query.language = language.lower()
    if region := params.get("region"):
        query.region = region.strip()
    query.q = (params.get("q") or "").strip()[:200]
    query.include_inactive = _bool(params, "include_inactive")
    if (sort := params.get("sort")) not in (None, ""):
        if sort not in ("time", "distance"):
            raise QueryError("sort", "must be time or distance")
        query.sort = sort
    else:
        query.sort = "distance" if query.near else "time"
    if query.sort == "distance" and query.near is None:
        raise QueryError("sort", "distance needs near")
    query.limit = _int(params, "limit", 1, MAX_LIMIT) or DEFAULT_LIMIT
    query.offset = _int(params, "offset", 0, 10_000_000) or 0
    return query

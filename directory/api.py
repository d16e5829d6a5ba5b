"""GET /api/v1/meetings (the finder's search), /api/v1/meetings/{id} and its .ics, for any client."""

from datetime import datetime
from urllib.parse import urlencode

from django.utils import timezone
from ninja import Router, Schema
from ninja.errors import HttpError

from .access import get_meeting_for_viewer
from .query import QueryError, parse_query
from .search import Hit, search
from .times import occurrence_around

router = Router(tags=["meetings"])


class LocationOut(Schema):
    name: str
    formatted_address: str
    latitude: float | None
    longitude: float | None
    approximate: bool


class MeetingOut(Schema):
    id: int
    source: str | None
    source_id: str
    program: str
    name: str
    day: int
    time: str
    end_time: str | None
    timezone: str
    starts_at: datetime
    ends_at: datetime
    in_progress: bool
    attendance_option: str
    types: list[str]
    languages: list[str]
    distance_km: float | None = None
    location: LocationOut
    conference_url: str
    conference_provider: str
    conference_phone: str
    group: str
    region: str
    regions: list[str]
    notes: str
    updated: datetime
    url: str


class MeetingPage(Schema):
    count: int
    next: str | None
    results: list[MeetingOut]


def meeting_out(request, hit: Hit, *, with_distance: bool) -> dict:
    m = hit.meeting
    out = {
        "id": m.pk,
        "source": m.source.slug if m.source is not None else None,
        "source_id": m.source_key,
        "program": m.program.slug,
        "name": m.name,
        "day": m.day,
        "time": m.time.strftime("%H:%M"),
        "end_time": m.end_time.strftime("%H:%M") if m.end_time else None,
        "timezone": m.timezone,
        "starts_at": hit.starts_at,
        "ends_at": hit.ends_at,
        "in_progress": hit.in_progress,
        "attendance_option": m.attendance,
        "types": m.types,
        "languages": m.languages,
        "location": {
            "name": m.location_name,
            "formatted_address": m.formatted_address,
            "latitude": m.latitude,
            "longitude": m.longitude,
            "approximate": m.approximate,
        },
        "conference_url": m.conference_url,
        "conference_provider": m.conference_provider,
        "conference_phone": m.conference_phone,
        "group": m.group_name,
        "region": m.region,
        "regions": m.regions,
        "notes": m.notes,
        "updated": m.source_updated or m.updated_at,
        "url": request.build_absolute_uri(f"/meetings/{m.pk}/"),
    }
    if with_distance:
        out["distance_km"] = round(hit.distance_km, 3) if hit.distance_km is not None else None
    return out


@router.get("/meetings", response=MeetingPage, auth=None, summary="Find meetings", exclude_unset=True)
def find_meetings(request):
    """Search weekly meeting times. Parameters: near=LAT,LON with radius_km or nearest; at; in_progress;
    starts_within (minutes); day (0 = Sunday); time_of_day (morning/afternoon/evening/night); source; program;
    types (comma-separated, all required); attendance (in_person/online/hybrid); language; region; q;
    include_inactive; sort (time/distance); limit (default 50, at most 500); offset. Bad parameters answer
    400 with a message naming the parameter."""
    try:
        query = parse_query(request.GET)
    except QueryError as error:
        raise HttpError(400, f"Invalid {error.parameter}: {error.message}.") from None
    result = search(query)
    next_url = None
    if result.next_offset is not None:
        params = request.GET.copy()
        params["offset"] = str(result.next_offset)
        params["at"] = query.at.isoformat()
        next_url = request.build_absolute_uri(f"{request.path}?{urlencode(params)}")
    return {
        "count": len(result.hits),
        "next": next_url,
        "results": [meeting_out(request, hit, with_distance=query.near is not None) for hit in result.hits],
    }


@router.get("/meetings/{meeting_id}.ics", auth=None, summary="The meeting as an iCalendar file (weekly)")
def get_meeting_ics(request, meeting_id: int):
    from .ics import meeting_ics_response

    return meeting_ics_response(get_meeting_for_viewer(request.user, meeting_id), request)


@router.get("/meetings/{meeting_id}", response=MeetingOut, auth=None, summary="One meeting", exclude_unset=True)
def get_meeting(request, meeting_id: int):
    """The same meeting its page shows: any meeting its source still lists (a steward also sees dropped ones)."""
    meeting = get_meeting_for_viewer(request.user, meeting_id)
    now = timezone.now()
    start, end = occurrence_around(meeting, now)
    return meeting_out(request, Hit(meeting, start, end, start <= now < end), with_distance=False)

"""/api/v1/events: events and RSVPs, through the same visibility and services as the pages.

Times: `starts_local`/`ends_local` are wall times in the event's `time_zone` (no offset); the answers also give
`starts_at`/`ends_at` as UTC instants. The .ics file is on the page route (`/events/{id}.ics`, `ics_url`).
"""

from datetime import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.responses import Status
from pydantic import field_validator

from accounts.api_byline import BylineOut
from accounts.naming import Byline
from lib.paging import page_field, page_of

from ..access import get_event_for_reader, get_group_for_reader
from ..models import RSVP, Event, EventKind, RSVPStatus
from ..naming import bylines_of_items
from ..services import events as services

router = Router(tags=["events"])

MAX_LIMIT = 100


class EventOut(Schema):
    id: int
    group: int | None
    kind: str
    title: str
    description: str
    html: str
    time_zone: str
    starts_at: datetime = Field(..., description="UTC.")
    ends_at: datetime = Field(..., description="UTC.")
    starts_local: str = Field(..., description="Wall time in the event's zone.")
    ends_local: str
    online: bool
    location: str
    join_url: str | None = Field(..., description="Only for the people going and the organisers.")
    capacity: int | None
    going_count: int
    places_left: int | None
    status: str
    my_status: str | None = Field(..., description="going, waiting, cancelled, or null.")
    my_waiting_position: int | None
    ics_url: str
    organizer: BylineOut | None = Field(None, description="Who organises it, as you may see them (null: nobody).")


class EventPage(Schema):
    items: list[EventOut]
    page: int
    has_next: bool


class EventFilters(Schema):
    group: int | None = None
    site: bool = Field(False, description="Only site-wide events.")
    start: datetime | None = Field(None, alias="from", description="Events starting at or after (with offset).")
    end: datetime | None = Field(None, alias="to", description="Events starting before (with offset).")
    kind: str = ""
    past: bool = Field(False, description="Past events, latest first (default: upcoming, soonest first).")
    page: int = page_field()
    limit: int = Field(20, ge=1, le=MAX_LIMIT)

    @field_validator("kind")
    @classmethod
    def known_kind(cls, value):
        if value and value not in EventKind.values:
            raise ValueError(f"must be one of {', '.join(EventKind.values)}")
        return value

    @field_validator("start", "end")
    @classmethod
    def with_offset(cls, value):
        if value is not None and timezone.is_naive(value):
            raise ValueError("give an offset, e.g. 2027-03-14T00:00:00Z")
        return value


def _no_offset(value):
    if value is not None and value.tzinfo is not None:
        raise ValueError("give the local time in the event's time zone, without an offset")
    return value


class _EventFields(Schema):
    model_config = {"extra": "forbid"}

    @field_validator("kind", check_fields=False)
    @classmethod
    def known_kind(cls, value):
        if value is not None and value not in EventKind.values:
            raise ValueError(f"must be one of {', '.join(EventKind.values)}")
        return value

    @field_validator("starts_local", "ends_local", check_fields=False)
    @classmethod
    def local(cls, value):
        return _no_offset(value)


class EventIn(_EventFields):
    group: int | None = Field(None, description="A group you may post in; null for site-wide (site staff).")
    kind: str
    title: str = Field(..., max_length=150)
    description: str = Field("", max_length=services.MAX_DESCRIPTION)
    time_zone: str = Field(..., max_length=64)
    starts_local: datetime
    ends_local: datetime
    online: bool = False
    join_url: str = Field("", max_length=500)
    location: str = Field("", max_length=300)
    capacity: int | None = Field(None, ge=1, le=100_000)


class EventPatch(_EventFields):
    kind: str | None = None
    title: str | None = Field(None, max_length=150)
    description: str | None = Field(None, max_length=services.MAX_DESCRIPTION)
    time_zone: str | None = Field(None, max_length=64)
    starts_local: datetime | None = None
    ends_local: datetime | None = None
    online: bool | None = None
    join_url: str | None = Field(None, max_length=500)
    location: str | None = Field(None, max_length=300)
    capacity: int | None = Field(None, ge=1, le=100_000)


class RSVPIn(Schema):
    model_config = {"extra": "forbid"}

    going: bool


class RSVPOut(Schema):
    status: str
    waiting_position: int | None


def _out(event: Event, mine: RSVP | None, going: int, may_manage: bool, organizer: Byline | None = None) -> dict:
    shows_join = may_manage or (mine is not None and mine.status == RSVPStatus.GOING)
    return {
        "id": event.pk,
        "group": event.group_id,
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "html": event.html,
        "time_zone": event.time_zone,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "starts_local": services.utc_to_local(event.starts_at, event.time_zone).isoformat(timespec="minutes"),
        "ends_local": services.utc_to_local(event.ends_at, event.time_zone).isoformat(timespec="minutes"),
        "online": event.online,
        "location": event.location,
        "join_url": event.join_url if shows_join and event.join_url else None,
        "capacity": event.capacity,
        "going_count": going,
        "places_left": services.places_left(event, going),
        "status": event.status,
        "my_status": mine.status if mine else None,
        "my_waiting_position": services.waiting_position(mine) if mine else None,
        "ics_url": reverse("groups:event_ics", args=[event.pk]),
        "organizer": organizer.as_dict() if organizer is not None and event.organizer_id else None,
    }


def _detail(user, event_id: int) -> dict:
    event = get_event_for_reader(user, event_id)
    organizer = bylines_of_items(user, [event], "organizer")[0]
    return _out(
        event, services.rsvp_of(user, event), services.going_count(event), services.can_manage(user, event), organizer
    )


@router.get("/events", response=EventPage, summary="Events you may see (site-wide and your groups')")
def list_events(request, filters: Query[EventFilters]):
    group = get_group_for_reader(request.auth, group_id=filters.group) if filters.group is not None else None
    queryset = services.list_events(
        request.auth,
        group=group,
        site_only=filters.site,
        past=filters.past,
        kind=filters.kind,
        start=filters.start,
        end=filters.end,
    )
    paged = page_of(queryset.select_related("organizer"), filters.page, filters.limit)
    items = paged.items
    organizers = bylines_of_items(request.auth, items, "organizer")
    mine = {r.event_id: r for r in RSVP.objects.filter(user=request.auth, event__in=[e.pk for e in items])}
    # The organiser sees the join link of their own events; staff use the detail route.
    return {
        "items": [
            _out(e, mine.get(e.pk), e.going_count, e.organizer_id == request.auth.pk, line)
            for e, line in zip(items, organizers, strict=True)
        ],
        "page": filters.page,
        "has_next": paged.has_next,
    }


@router.get("/events/{event_id}", response=EventOut, summary="One event")
def get_event(request, event_id: int):
    return _detail(request.auth, event_id)


@router.post("/events", response={201: EventOut}, summary="Create an event")
def create_event(request, payload: EventIn):
    data = payload.model_dump()
    group_id = data.pop("group")
    group = get_group_for_reader(request.auth, group_id=group_id) if group_id is not None else None
    event = services.create_event(request.auth, group=group, **data)
    return Status(201, _detail(request.auth, event.pk))


@router.patch("/events/{event_id}", response=EventOut, summary="Change an event (organiser or staff)")
def update_event(request, event_id: int, payload: EventPatch):
    event = get_event_for_reader(request.auth, event_id)
    changes = payload.model_dump(exclude_unset=True)
    for name in ("kind", "title", "time_zone", "starts_local", "ends_local", "online"):
        if name in changes and changes[name] is None:
            raise DjangoValidationError({name: "must not be null"})
    for name in ("description", "join_url", "location"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    services.update_event(request.auth, event, **changes)
    return _detail(request.auth, event_id)


@router.post("/events/{event_id}/cancel", response=EventOut, summary="Cancel an event (organiser or staff)")
def cancel_event(request, event_id: int):
    services.cancel_event(request.auth, get_event_for_reader(request.auth, event_id))
    return _detail(request.auth, event_id)


@router.post("/events/{event_id}/rsvp", response=RSVPOut, summary="Say whether you are going")
def rsvp(request, event_id: int, payload: RSVPIn):
    event = get_event_for_reader(request.auth, event_id)
    entry = services.rsvp(request.auth, event, payload.going)
    return {"status": entry.status, "waiting_position": services.waiting_position(entry)}

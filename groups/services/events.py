"""Events: creating, changing and cancelling them, and RSVPs with capacity and a waiting list.

Who may create: in a group, its members who may post there (`access.can_post`) — mutual aid is organised by
members, and the group's staff can cancel what doesn't belong; site-wide events, site staff (facilitator,
moderator, administrator roles). Who may change or cancel: the organiser, the group's staff, and for site-wide
events the site staff.

Times: the organiser gives local wall times in the event's zone; they are stored as UTC instants. A local time
that does not exist in that zone (the hour skipped when clocks go forward) is refused; one that happens twice
(clocks going back) is taken at its first occurrence.

RSVPs lock the event row (`select_for_update`) so that two members can't take the last place at once. The
waiting list is served in order of `RSVP.created_at`; a member who leaves and comes back goes to the back.
"""

from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from notifications.services import notify

from ..access import can_post, is_group_staff
from ..models import RSVP, Event, EventKind, EventStatus, RSVPStatus
from .resources import is_site_library_staff, render_description
from .risk import alert_if_risky

MAX_DESCRIPTION = 10_000
MAX_LENGTH = timedelta(days=14)
EVENT_FIELDS = (
    "kind",
    "title",
    "description",
    "time_zone",
    "starts_local",
    "ends_local",
    "online",
    "join_url",
    "location",
    "capacity",
)


def can_create(user, group=None):
    if group is None:
        return is_site_library_staff(user)
    return can_post(user, group)


def can_manage(user, event: Event) -> bool:
    """The organiser, the group's staff, or (site-wide events) the site staff may change or cancel it."""
    if user is None or not user.is_authenticated:
        return False
    if event.organizer_id == user.pk:
        return True
    if event.group_id is None:
        return is_site_library_staff(user)
    return is_group_staff(user, event.group)


def local_to_utc(local: datetime, zone_name: str, field: str) -> datetime:
    """The UTC instant of a naive local wall time in `zone_name`; refuses a time skipped by a DST change."""
    zone = ZoneInfo(zone_name)
    local = local.replace(tzinfo=None, second=0, microsecond=0)
    first = local.replace(tzinfo=zone, fold=0)
    # A skipped time does not survive the round trip through UTC: 02:30 comes back as 03:30.
    if first.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != local:
        raise ValidationError(
            {
                field: _(
                    "%(time)s does not exist in %(zone)s that day: the clocks go forward. Choose a time after the "
                    "change."
                )
                % {"time": local.strftime("%H:%M"), "zone": zone_name}
            }
        )
    return first.astimezone(UTC)


def utc_to_local(instant: datetime, zone_name: str) -> datetime:
    """The naive wall time of `instant` in the event's zone (what the organiser typed)."""
    return instant.astimezone(ZoneInfo(zone_name)).replace(tzinfo=None)


def _clean(values: dict, *, author, now: datetime, existing: Event | None = None) -> dict:
    """Validate event fields (a full set) and return the model fields. Raises ValidationError by field."""
    errors: dict[str, list[str]] = {}
    title = (values.get("title") or "").strip()
    description = (values.get("description") or "").strip()
    location = (values.get("location") or "").strip()
    join_url = (values.get("join_url") or "").strip()
    online = bool(values.get("online"))
    capacity = values.get("capacity")
    zone_name = (values.get("time_zone") or "").strip()
    if values.get("kind") not in EventKind.values:
        errors["kind"] = [_("Choose a kind of event.")]
    if not title:
        errors["title"] = [_("Give the event a title.")]
    elif len(title) > 150:
        errors["title"] = [_("Keep the title under 150 characters.")]
    if len(description) > MAX_DESCRIPTION:
        errors["description"] = [_("Keep the description under %(n)s characters.") % {"n": MAX_DESCRIPTION}]
    if len(location) > 300:
        errors["location"] = [_("Keep the place under 300 characters.")]
    try:
        if not zone_name or ("/" not in zone_name and zone_name != "UTC"):
            raise ValueError
        ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        errors["time_zone"] = [_("Choose a time zone from the list.")]
        zone_name = ""
    if join_url:
        parts = urlsplit(join_url)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(join_url) > 500:
            errors["join_url"] = [_("Enter a full web address starting with https:// or http://.")]
    if online and not join_url and existing is None:
        errors["join_url"] = [_("An online event needs the link to join.")]
    if not online and not location:
        errors["location"] = [_("Say where it takes place, or mark it as online.")]
    if capacity is not None and (not isinstance(capacity, int) or capacity < 1 or capacity > 100_000):
        errors["capacity"] = [_("Give a number of places of 1 or more, or leave it empty for no limit.")]
    starts_at = ends_at = None
    for name in ("starts_local", "ends_local"):
        if not isinstance(values.get(name), datetime):
            errors[name] = [_("Give a date and time.")]
    if zone_name and not ({"starts_local", "ends_local"} & errors.keys()):
        try:
            starts_at = local_to_utc(values["starts_local"], zone_name, "starts_local")
        except ValidationError as error:
            errors.update(error.message_dict)
        try:
            ends_at = local_to_utc(values["ends_local"], zone_name, "ends_local")
        except ValidationError as error:
            errors.update(error.message_dict)
    if starts_at and ends_at:
        if ends_at <= starts_at:
            errors["ends_local"] = [_("The end must come after the start.")]
        elif ends_at - starts_at > MAX_LENGTH:
            errors["ends_local"] = [_("An event can last at most 14 days.")]
        moved = existing is None or existing.starts_at != starts_at
        if moved and starts_at <= now:
            errors["starts_local"] = [_("Choose a time in the future.")]
    if errors:
        raise ValidationError(errors)
    return {
        "kind": values["kind"],
        "title": title,
        "description": description,
        "html": render_description(description, author),
        "time_zone": zone_name,
        "starts_at": starts_at,
        "ends_at": ends_at,
        "online": online,
        "join_url": join_url,
        "location": location,
        "capacity": capacity,
    }


def create_event(organizer, *, group=None, now: datetime | None = None, **values) -> Event:
    """Create an event in `group` (None: site-wide) and queue its reminder. Fields: see EVENT_FIELDS."""
    permission = can_create(organizer, group)
    if not permission:
        raise PermissionDenied(getattr(permission, "reason", "") or _("Only site staff add site-wide events."))
    now = now or timezone.now()
    fields = _clean(values, author=organizer, now=now)
    with transaction.atomic():
        event = Event.objects.create(group=group, organizer=organizer, created_at=now, **fields)
        _queue_reminder(event)
        _check_texts(organizer, event)
    return event


def _check_texts(user, event: Event) -> None:
    alert_if_risky(
        user, sender=Event, text=f"{event.title}. {event.description}", group=event.group, where=_("an event")
    )


def update_event(user, event: Event, *, now: datetime | None = None, **changes) -> Event:
    """Change an event (any of EVENT_FIELDS). A new start time re-arms the reminder and tells who is coming."""
    if not can_manage(user, event):
        raise PermissionDenied(_("Only the organiser or the group's facilitators can change this event."))
    if event.status == EventStatus.CANCELLED:
        raise ValidationError({"status": _("This event was cancelled; it can't be changed.")})
    unknown = set(changes) - set(EVENT_FIELDS)
    if unknown:
        raise ValidationError({name: _("Unknown field.") for name in sorted(unknown)})
    now = now or timezone.now()
    values = {
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "time_zone": event.time_zone,
        "starts_local": utc_to_local(event.starts_at, event.time_zone),
        "ends_local": utc_to_local(event.ends_at, event.time_zone),
        "online": event.online,
        "join_url": event.join_url,
        "location": event.location,
        "capacity": event.capacity,
        **changes,
    }
    fields = _clean(values, author=event.organizer or user, now=now, existing=event)
    if fields["online"] and not fields["join_url"]:
        raise ValidationError({"join_url": _("An online event needs the link to join.")})
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        moved = locked.starts_at != fields["starts_at"]
        for name, value in fields.items():
            setattr(locked, name, value)
        update_fields = list(fields)
        if moved:
            locked.reminder_sent_at = None
            update_fields.append("reminder_sent_at")
        locked.save(update_fields=update_fields)
        _promote(locked)
        if "title" in changes or "description" in changes:
            _check_texts(user, locked)
        if moved:
            _queue_reminder(locked)
            for person in _people(locked, (RSVPStatus.GOING, RSVPStatus.WAITING)):
                notify(
                    person,
                    kind="event_changed",
                    text=_("The time of “%(title)s” has changed.") % {"title": locked.title},
                    url=reverse("groups:event", args=[locked.pk]),
                )
    return locked


def cancel_event(user, event: Event) -> Event:
    """Cancel an event; everyone going or waiting is told."""
    if not can_manage(user, event):
        raise PermissionDenied(_("Only the organiser or the group's facilitators can cancel this event."))
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status == EventStatus.CANCELLED:
            return locked
        locked.status = EventStatus.CANCELLED
        locked.save(update_fields=["status"])
        for person in _people(locked, (RSVPStatus.GOING, RSVPStatus.WAITING)):
            notify(
                person,
                kind="event_cancelled",
                text=_("“%(title)s” has been cancelled.") % {"title": locked.title},
                url=reverse("groups:event", args=[locked.pk]),
            )
    return locked


def _people(event: Event, statuses):
    return [r.user for r in RSVP.objects.filter(event=event, status__in=statuses).select_related("user")]


def rsvp(user, event: Event, going: bool, *, now: datetime | None = None) -> RSVP:
    """Say whether `user` is going. Going to a full event puts them on the waiting list; not going frees their
    place, and the first person waiting is promoted at once and told. Returns the member's RSVP."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.status == EventStatus.CANCELLED:
            raise ValidationError({"going": _("This event was cancelled.")})
        if locked.ends_at <= now:
            raise ValidationError({"going": _("This event is over.")})
        mine = RSVP.objects.filter(event=locked, user=user).first()
        if going:
            if mine is not None and mine.status in (RSVPStatus.GOING, RSVPStatus.WAITING):
                return mine
            full = locked.capacity is not None and _going_count(locked) >= locked.capacity
            status = RSVPStatus.WAITING if full else RSVPStatus.GOING
            if mine is None:
                mine = RSVP.objects.create(event=locked, user=user, status=status, created_at=now, updated_at=now)
            else:
                mine.status, mine.created_at, mine.updated_at = status, now, now
                mine.save(update_fields=["status", "created_at", "updated_at"])
        else:
            if mine is None:
                mine = RSVP.objects.create(
                    event=locked, user=user, status=RSVPStatus.CANCELLED, created_at=now, updated_at=now
                )
            elif mine.status != RSVPStatus.CANCELLED:
                mine.status, mine.updated_at = RSVPStatus.CANCELLED, now
                mine.save(update_fields=["status", "updated_at"])
                _promote(locked, now=now)
    return mine


def _going_count(event: Event) -> int:
    return RSVP.objects.filter(event=event, status=RSVPStatus.GOING).count()


def _promote(event: Event, *, now: datetime | None = None) -> list[RSVP]:
    """Fill free places from the waiting list, first come first served; tell each person promoted.
    Call with the event row locked."""
    if event.status == EventStatus.CANCELLED:
        return []
    waiting = RSVP.objects.filter(event=event, status=RSVPStatus.WAITING).select_related("user")
    waiting = waiting.order_by("created_at", "pk")
    if event.capacity is not None:
        free = event.capacity - _going_count(event)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    now = now or timezone.now()
    for entry in promoted:
        entry.status, entry.updated_at = RSVPStatus.GOING, now
        entry.save(update_fields=["status", "updated_at"])
        notify(
            entry.user,
            kind="event_place",
            text=_("A place opened up: you're now going to “%(title)s”.") % {"title": event.title},
            url=reverse("groups:event", args=[event.pk]),
        )
    return promoted


def waiting_position(entry: RSVP) -> int | None:
    """1 for the first person waiting; None when not waiting."""
    if entry is None or entry.status != RSVPStatus.WAITING:
        return None
    ahead = RSVP.objects.filter(event_id=entry.event_id, status=RSVPStatus.WAITING).filter(
        created_at__lt=entry.created_at
    ) | RSVP.objects.filter(
        event_id=entry.event_id, status=RSVPStatus.WAITING, created_at=entry.created_at, pk__lt=entry.pk
    )
    return ahead.count() + 1


def _queue_reminder(event: Event) -> None:
    from ..tasks import schedule_event_reminder

    transaction.on_commit(lambda: schedule_event_reminder(event))


def list_events(
    user,
    *,
    group=None,
    site_only: bool = False,
    past: bool = False,
    kind: str = "",
    start=None,
    end=None,
    now: datetime | None = None,
):
    """Events `user` may see, each with `going_count`: upcoming (not yet ended) soonest first, or past ones latest
    first; `start`/`end` narrow by start time. One query when evaluated."""
    from django.db.models import Count, Q

    now = now or timezone.now()
    queryset = Event.objects.visible_to(user).select_related("group")
    if group is not None:
        queryset = queryset.filter(group=group)
    elif site_only:
        queryset = queryset.filter(group__isnull=True)
    if kind:
        queryset = queryset.filter(kind=kind)
    if start is not None:
        queryset = queryset.filter(starts_at__gte=start)
    if end is not None:
        queryset = queryset.filter(starts_at__lt=end)
    queryset = queryset.annotate(going_count=Count("rsvps", filter=Q(rsvps__status=RSVPStatus.GOING)))
    if past:
        return queryset.filter(ends_at__lte=now).order_by("-starts_at", "-pk")
    return queryset.filter(ends_at__gt=now).order_by("starts_at", "pk")


def places_left(event: Event, going_count: int) -> int | None:
    return None if event.capacity is None else max(event.capacity - going_count, 0)


def rsvp_of(user, event: Event) -> RSVP | None:
    return RSVP.objects.filter(event=event, user=user).first()


def going_count(event: Event) -> int:
    return _going_count(event)

"""Background work of groups: event reminders (django-tasks).

When an event is created or moved, one task is queued for its reminder moment (`reminder_at`): 24 hours before
it starts, or 1 hour before when it was created less than a day ahead (none when created within the hour). The
task sends only if the event still starts at the time it was queued for, is not cancelled and has not been
reminded (`Event.reminder_sent_at`, claimed with a conditional UPDATE so the task and the safety-net command never
both send). `send_due_event_reminders(now)` (`manage.py send_event_reminders`) sends whatever a stopped worker
missed. Reminders are in-app notifications naming the event's title and time only; no email is sent.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django_tasks import task

from notifications.services import notify

from .models import RSVP, Event, EventStatus, RSVPStatus

logger = logging.getLogger(__name__)

DAY_BEFORE = timedelta(hours=24)
HOUR_BEFORE = timedelta(hours=1)


def reminder_at(event: Event) -> datetime | None:
    """When the members going are reminded of `event` (a UTC instant), or None when there is no time for it."""
    if event.starts_at - DAY_BEFORE >= event.created_at:
        return event.starts_at - DAY_BEFORE
    if event.starts_at - HOUR_BEFORE >= event.created_at:
        return event.starts_at - HOUR_BEFORE
    return None


def schedule_event_reminder(event: Event) -> None:
    """Queue the reminder task for the event's current start. Call after the row is committed.

    A backend that cannot defer (the immediate backend under tests) runs the task now; it finds nothing due.
    """
    moment = reminder_at(event)
    if moment is None or event.status == EventStatus.CANCELLED:
        return
    job = send_event_reminder
    if job.get_backend().supports_defer:
        job = job.using(run_after=moment)
    try:
        job.enqueue(event.pk, event.starts_at.isoformat())
    except Exception:  # the queue is down: `send_due_event_reminders` still finds the event when it is due
        logger.exception("Could not queue the reminder of event %s", event.pk)


@task()
def send_event_reminder(event_id: int, starts_at: str) -> str:
    """Remind the members going to the event queued for `starts_at` (ISO 8601), if still wanted and due."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None or event.starts_at != datetime.fromisoformat(starts_at):
        return "stale"  # deleted or moved: the task queued for the new time takes over
    return deliver(event, now=timezone.now())


def send_due_event_reminders(now: datetime | None = None) -> dict[str, int]:
    """Send every reminder whose moment has passed by `now` for events not yet started. Safe to run twice."""
    now = now or timezone.now()
    outcomes: dict[str, int] = {}
    candidates = Event.objects.filter(
        status=EventStatus.SCHEDULED,
        reminder_sent_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + DAY_BEFORE,
    )
    for event in candidates:
        outcome = deliver(event, now=now)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def deliver(event: Event, *, now: datetime) -> str:
    """Claim and send the event's reminder. Returns "sent", "not due", "cancelled", "started" or
    "already handled"."""
    if event.status == EventStatus.CANCELLED:
        return "cancelled"
    moment = reminder_at(event)
    if moment is None or now < moment:
        return "not due"
    if now >= event.starts_at:
        return "started"
    with transaction.atomic():
        claimed = Event.objects.filter(
            pk=event.pk,
            starts_at=event.starts_at,
            status=EventStatus.SCHEDULED,
            reminder_sent_at__isnull=True,
        ).update(reminder_sent_at=now)
        if not claimed:
            return "already handled"
        url = reverse("groups:event", args=[event.pk])
        for entry in RSVP.objects.filter(event=event, status=RSVPStatus.GOING).select_related("user"):
            local = timezone.localtime(event.starts_at, entry.user.zone)
            notify(
                entry.user,
                kind="event_reminder",
                text=_("Reminder: “%(title)s” starts %(when)s.")
                % {"title": event.title, "when": date_format(local, "DATETIME_FORMAT")},
                url=url,
            )
    return "sent"

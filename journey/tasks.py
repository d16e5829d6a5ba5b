"""Background work of My recovery: the daily check-in reminder (django-tasks).

django-tasks has no schedule of its own, so each reminder carries its next moment (`CheckInReminder.next_at`, UTC)
and one queued task per moment (`run_after=next_at`). When the task runs it sends only if that moment is still
wanted (reminder on, `next_at` unchanged, the member's zone and time still give it), skips a day the member has
already checked in, and queues the next moment. `send_due_reminders` does the same for every moment that has
passed: `manage.py send_due_reminders` runs it as a safety net for a worker that was down. A moment is claimed
with a conditional UPDATE on `next_at` before anything is sent, so the task and the command never both send it.
"""

import logging
from datetime import UTC, datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from notifications.services import notify

from .models import CheckIn, CheckInReminder

logger = logging.getLogger(__name__)

# A reminder found later than this (a worker down for the night) is not sent: it would arrive at the wrong hour.
MAX_LATENESS = timedelta(hours=6)


def next_reminder_at(at: time, zone, *, after: datetime) -> datetime:
    """The first instant strictly after `after` when the wall clock in `zone` reads `at`, in UTC.

    Daylight saving time: a time that does not exist on the night the clocks go forward (02:30 in New York) is
    reminded as many minutes after the change as it would have been (03:30); a time that happens twice when the
    clocks go back is reminded once, at its first occurrence.
    """
    day = after.astimezone(zone).date()
    while True:
        # fold=0 gives the earlier offset of an ambiguous time and the pre-change offset of a skipped one.
        candidate = datetime.combine(day, at.replace(tzinfo=None), tzinfo=zone).astimezone(UTC)
        if candidate > after:
            return candidate
        day += timedelta(days=1)


def schedule_reminder(reminder: CheckInReminder) -> None:
    """Queue the task for the reminder's `next_at`. Call it after the row is committed (`transaction.on_commit`).

    A backend that cannot defer (the immediate backend under tests) runs the task now; it finds nothing due.
    """
    if reminder.next_at is None:
        return
    job = send_reminder
    if job.get_backend().supports_defer:
        job = job.using(run_after=reminder.next_at)
    try:
        job.enqueue(reminder.pk, reminder.next_at.isoformat())
    except Exception:  # the queue is down: `send_due_reminders` will still find the reminder when it is due
        logger.exception("Could not queue check-in reminder %s", reminder.pk)


@task()
def send_reminder(reminder_id: int, moment: str) -> str:
    """Send the reminder queued for `moment` (ISO 8601) if it is still wanted and due; returns what happened."""
    reminder = CheckInReminder.objects.select_related("user").filter(pk=reminder_id).first()
    if reminder is None or not reminder.enabled or reminder.next_at != datetime.fromisoformat(moment):
        return "stale"  # turned off, deleted or moved since: the newer task or nothing takes over
    now = timezone.now()
    if reminder.next_at > now:
        return "not due"
    return deliver(reminder, now=now)


def send_due_reminders(now: datetime | None = None) -> dict[str, int]:
    """Deliver every reminder whose moment has passed by `now`, and queue the next ones. Safe to run twice."""
    now = now or timezone.now()
    outcomes: dict[str, int] = {}
    due = CheckInReminder.objects.filter(enabled=True, next_at__lte=now).select_related("user").order_by("next_at")
    for reminder in due:
        outcome = deliver(reminder, now=now)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def deliver(reminder: CheckInReminder, *, now: datetime) -> str:
    """Claim the reminder's due moment, send it unless it should be skipped, and queue the next moment.

    Returns "sent", "already checked in", "too late", "moved" (the member's zone or time changed since it was
    computed) or "already handled" (another run claimed it first).
    """
    user = reminder.user
    zone = user.zone
    due_at = reminder.next_at
    if due_at is None:
        return "already handled"
    moved = next_reminder_at(reminder.time, zone, after=due_at - timedelta(seconds=1)) != due_at
    following = next_reminder_at(reminder.time, zone, after=max(now, due_at))
    with transaction.atomic():
        claimed = CheckInReminder.objects.filter(pk=reminder.pk, enabled=True, next_at=due_at).update(next_at=following)
        if not claimed:
            return "already handled"
        reminder.next_at = following
        transaction.on_commit(lambda: schedule_reminder(reminder))
        if moved:
            return "moved"
        if reminder.last_sent_at is not None and reminder.last_sent_at >= due_at:
            return "already handled"
        if now - due_at > MAX_LATENESS:
            return "too late"
        if CheckIn.objects.owned_by(user).filter(date=due_at.astimezone(zone).date()).exists():
            return "already checked in"
        _send(reminder)
        reminder.last_sent_at = now
        reminder.save(update_fields=["last_sent_at"])
    return "sent"


def verified_email(user) -> str | None:
    """The member's verified address (the primary one first), or None."""
    address = EmailAddress.objects.filter(user=user, verified=True).order_by("-primary", "pk").first()
    return address.email if address else None


def reminder_email(url: str) -> tuple[str, str]:
    """Subject and body of the reminder email. They name nothing about recovery: others may see a lock screen."""
    subject = _("Your daily reminder")
    body = _("It's the time you chose. Open your page: %(url)s") % {"url": url}
    body += "\n\n" + _("You can change or stop this reminder on the same page.")
    return subject, body


def _send(reminder: CheckInReminder) -> None:
    user = reminder.user
    notify(
        user,
        kind="checkin_reminder",
        text=_("It's the time you chose for your daily check-in."),
        url=reverse("journey:checkin"),
    )
    address = verified_email(user) if reminder.by_email else None
    if address is None:
        return
    subject, body = reminder_email(settings.SITE_URL.rstrip("/") + reverse("journey:today"))
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:  # the in-app reminder is stored; a mail server hiccup must not fail the others
        logger.exception("Could not email check-in reminder %s", reminder.pk)

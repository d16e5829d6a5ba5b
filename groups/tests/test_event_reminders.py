"""Event reminders: queued for 24 hours (or 1 hour) before, sent once to those going, only if still wanted."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from conftest import make_member
from groups.models import Event
from groups.services import events as services
from groups.tasks import reminder_at, send_due_event_reminders, send_event_reminder
from notifications.models import Notification

from .helpers import add_member, form_data, make_event

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def dinner(library_world):
    """An event three days ahead, created a week before it, with `member` going and someone waiting."""
    starts = (timezone.now() + timedelta(days=3)).replace(microsecond=0)
    event = make_event(library_world.harbour, library_world.gfac, title="Dinner", capacity=1, starts=starts)
    Event.objects.filter(pk=event.pk).update(created_at=starts - timedelta(days=7))
    event.refresh_from_db()
    services.rsvp(library_world.member, event, True)
    waiting = make_member("waiter")
    add_member(library_world.harbour, waiting)
    services.rsvp(waiting, event, True)
    return event


def reminders():
    return Notification.objects.filter(kind="event_reminder")


def test_the_reminder_moment_is_a_day_before_or_an_hour_before_for_late_events(library_world):
    starts = timezone.now() + timedelta(days=3)
    early = Event(starts_at=starts, created_at=starts - timedelta(days=5))
    late = Event(starts_at=starts, created_at=starts - timedelta(hours=5))
    last_minute = Event(starts_at=starts, created_at=starts - timedelta(minutes=20))
    assert reminder_at(early) == starts - timedelta(hours=24)
    assert reminder_at(late) == starts - timedelta(hours=1)
    assert reminder_at(last_minute) is None


@override_settings(TASKS=DUMMY)
def test_creating_an_event_queues_its_reminder_for_a_day_before(
    client, library_world, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    client.force_login(library_world.member)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/groups/harbour/events/new/", form_data())
    event = Event.objects.get()
    [queued] = default_task_backend.results
    assert queued.task.func is send_event_reminder.func
    assert queued.task.run_after == event.starts_at - timedelta(hours=24)
    assert queued.args == [event.pk, event.starts_at.isoformat()]


def test_the_task_sends_once_to_those_going_only_with_the_title_and_time(dinner, library_world):
    due = dinner.starts_at - timedelta(hours=23)
    assert send_due_event_reminders(now=due) == {"sent": 1}
    [note] = reminders()
    assert note.user == library_world.member and note.url == f"/events/{dinner.pk}/"
    assert note.text.startswith("Reminder: “Dinner” starts ")
    assert send_due_event_reminders(now=due + timedelta(minutes=5)) == {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: due + timedelta(minutes=10))
        assert send_event_reminder.call(dinner.pk, dinner.starts_at.isoformat()) == "already handled"
    assert reminders().count() == 1 and mail.outbox == []


def test_nothing_is_sent_before_the_moment(dinner):
    assert send_due_event_reminders(now=dinner.starts_at - timedelta(hours=30)) == {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: dinner.starts_at - timedelta(hours=30))
        assert send_event_reminder.call(dinner.pk, dinner.starts_at.isoformat()) == "not due"
    assert not reminders().exists()


def test_a_task_queued_for_an_old_start_time_is_stale_after_the_event_moves(dinner, library_world):
    old = dinner.starts_at.isoformat()
    services.update_event(
        library_world.gfac,
        dinner,
        starts_local=dinner.starts_at.replace(tzinfo=None) + timedelta(days=1),
        ends_local=dinner.ends_at.replace(tzinfo=None) + timedelta(days=1),
        time_zone="UTC",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: dinner.starts_at - timedelta(hours=2))
        assert send_event_reminder.call(dinner.pk, old) == "stale"
    assert not reminders().exists()


def test_moving_an_event_re_arms_a_sent_reminder(dinner, library_world):
    send_due_event_reminders(now=dinner.starts_at - timedelta(hours=20))
    dinner.refresh_from_db()
    assert dinner.reminder_sent_at is not None
    moved = services.update_event(
        library_world.gfac,
        dinner,
        time_zone="UTC",
        starts_local=dinner.starts_at.replace(tzinfo=None) + timedelta(days=2),
        ends_local=dinner.ends_at.replace(tzinfo=None) + timedelta(days=2),
    )
    assert moved.reminder_sent_at is None
    assert send_due_event_reminders(now=moved.starts_at - timedelta(hours=2)) == {"sent": 1}
    assert reminders().count() == 2


def test_a_cancelled_event_sends_no_reminder(dinner, library_world):
    services.cancel_event(library_world.gfac, dinner)
    assert send_due_event_reminders(now=dinner.starts_at - timedelta(hours=2)) == {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: dinner.starts_at - timedelta(hours=2))
        assert send_event_reminder.call(dinner.pk, dinner.starts_at.isoformat()) == "cancelled"
    assert not reminders().exists()


def test_the_safety_net_command_sends_what_the_worker_missed(dinner, library_world):
    Event.objects.filter(pk=dinner.pk).update(
        starts_at=timezone.now() + timedelta(hours=3), ends_at=timezone.now() + timedelta(hours=5)
    )
    out = StringIO()
    call_command("send_event_reminders", stdout=out)
    assert "sent: 1" in out.getvalue() and reminders().get().user == library_world.member
    out = StringIO()
    call_command("send_event_reminders", stdout=out)
    assert "nothing due" in out.getvalue() and reminders().count() == 1

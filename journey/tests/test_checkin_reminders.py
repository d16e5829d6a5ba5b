"""The daily check-in reminder: when it falls (in the member's zone, across DST), what it sends, and to whom."""

import re
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.management import call_command
from django.test import override_settings

from journey.models import CheckInReminder
from journey.services import checkins as services
from journey.tasks import deliver, next_reminder_at, send_due_reminders, send_reminder
from notifications.models import Notification

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
AUCKLAND = ZoneInfo("Pacific/Auckland")
RECOVERY_WORDS = [
    "recovery", "recover", "addict", "addiction", "sober", "sobriety", "clean", "craving", "crave", "relapse",
    "slip", "drink", "drug", "alcohol", "check-in", "checkin", "check in", "trigger", "meeting", "sponsor",
    "halt", "journey", "using", "substance", "rehab", "12 step", "twelve step", "aa", "na",
]  # fmt: skip


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


def set_zone(user, zone: str):
    user.time_zone = zone
    user.save()
    return user


# --- When: the next occurrence, in the member's zone ----------------------------------------------------------


def test_next_reminder_is_later_today_or_else_tomorrow():
    assert next_reminder_at(time(20, 0), LONDON, after=utc(2026, 1, 10, 12, 0)) == utc(2026, 1, 10, 20, 0)
    assert next_reminder_at(time(20, 0), LONDON, after=utc(2026, 1, 10, 20, 0)) == utc(2026, 1, 11, 20, 0)
    assert next_reminder_at(time(20, 0), LONDON, after=utc(2026, 1, 10, 21, 0)) == utc(2026, 1, 11, 20, 0)


def test_london_evening_reminder_keeps_its_wall_clock_time_across_both_dst_changes():
    # Clocks go forward on 29 March 2026 and back on 25 October 2026.
    assert next_reminder_at(time(20, 0), LONDON, after=utc(2026, 3, 28, 21, 0)) == utc(2026, 3, 29, 19, 0)
    assert next_reminder_at(time(20, 0), LONDON, after=utc(2026, 3, 28, 19, 0)) == utc(2026, 3, 28, 20, 0)
    assert next_reminder_at(time(20, 0), LONDON, after=utc(2026, 10, 24, 20, 0)) == utc(2026, 10, 25, 20, 0)
    assert next_reminder_at(time(20, 0), LONDON, after=utc(2026, 10, 24, 18, 0)) == utc(2026, 10, 24, 19, 0)


def test_a_time_skipped_by_the_spring_change_comes_just_after_it():
    # 01:30 does not exist in London on 29 March 2026: the reminder comes at 02:30 BST (01:30 UTC).
    skipped = next_reminder_at(time(1, 30), LONDON, after=utc(2026, 3, 28, 12, 0))
    assert skipped == utc(2026, 3, 29, 1, 30) and skipped.astimezone(LONDON).hour == 2
    assert next_reminder_at(time(1, 30), LONDON, after=skipped) == utc(2026, 3, 30, 0, 30)
    # 02:30 does not exist in New York on 8 March 2026: 03:30 EDT.
    ny = next_reminder_at(time(2, 30), NEW_YORK, after=utc(2026, 3, 7, 12, 0))
    assert ny == utc(2026, 3, 8, 7, 30) and ny.astimezone(NEW_YORK).strftime("%H:%M") == "03:30"


def test_a_time_that_happens_twice_in_autumn_is_reminded_once():
    # 01:30 happens twice in New York on 1 November 2026 (EDT, then EST): only the first counts.
    first = next_reminder_at(time(1, 30), NEW_YORK, after=utc(2026, 10, 31, 12, 0))
    assert first == utc(2026, 11, 1, 5, 30)
    assert next_reminder_at(time(1, 30), NEW_YORK, after=first) == utc(2026, 11, 2, 6, 30)


def test_new_york_morning_reminder_across_the_spring_change():
    assert next_reminder_at(time(8, 0), NEW_YORK, after=utc(2026, 3, 7, 14, 0)) == utc(2026, 3, 8, 12, 0)
    assert next_reminder_at(time(8, 0), NEW_YORK, after=utc(2026, 3, 6, 14, 0)) == utc(2026, 3, 7, 13, 0)


def test_a_zone_ahead_of_utc_is_reminded_on_its_own_day():
    # 07:00 on 23 November in Auckland (UTC+13) is 18:00 on 22 November in UTC.
    assert next_reminder_at(time(7, 0), AUCKLAND, after=utc(2026, 11, 22, 17, 0)) == utc(2026, 11, 22, 18, 0)
    assert next_reminder_at(time(7, 0), AUCKLAND, after=utc(2026, 11, 22, 19, 0)) == utc(2026, 11, 23, 18, 0)
    kolkata = next_reminder_at(time(21, 0), ZoneInfo("Asia/Kolkata"), after=utc(2026, 6, 1, 12, 0))
    assert kolkata == utc(2026, 6, 1, 15, 30)


def test_setting_a_reminder_computes_the_next_one_in_the_members_zone(member):
    set_zone(member, "Pacific/Auckland")
    reminder = services.set_reminder(member, time=time(7, 0), enabled=True, now=utc(2026, 11, 22, 17, 0))
    assert reminder.next_at == utc(2026, 11, 22, 18, 0) and reminder.last_sent_at is None
    off = services.set_reminder(member, time=time(7, 0), enabled=False, now=utc(2026, 11, 22, 17, 0))
    assert off.pk == reminder.pk and off.next_at is None


@override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})
def test_setting_a_reminder_queues_a_task_to_run_at_the_next_one(member, django_capture_on_commit_callbacks):
    from django_tasks import default_task_backend

    with django_capture_on_commit_callbacks(execute=True):
        reminder = services.set_reminder(member, time=time(20, 0), now=utc(2026, 1, 10, 12, 0))
    [queued] = default_task_backend.results
    assert queued.task.func is send_reminder.func and queued.task.run_after == utc(2026, 1, 10, 20, 0)
    assert queued.args == [reminder.pk, "2026-01-10T20:00:00+00:00"]


# --- What: sending, skipping and rescheduling ----------------------------------------------------------------


@pytest.fixture
def due(member):
    """A reminder at 20:00 London that fell due at 20:00 on 10 January 2026."""
    set_zone(member, "Europe/London")
    reminder = services.set_reminder(member, time=time(20, 0), by_email=True, now=utc(2026, 1, 10, 12, 0))
    assert reminder.next_at == utc(2026, 1, 10, 20, 0)
    return reminder


def verify_email(member, verified=True):
    EmailAddress.objects.create(user=member, email="robin@example.org", verified=verified, primary=True)


def test_a_due_reminder_notifies_in_the_site_and_moves_to_the_next_day(member, due):
    assert send_due_reminders(now=utc(2026, 1, 10, 20, 1)) == {"sent": 1}
    note = Notification.objects.get(user=member)
    assert note.kind == "checkin_reminder" and note.url == "/me/recovery/checkin/"
    due.refresh_from_db()
    assert due.next_at == utc(2026, 1, 11, 20, 0) and due.last_sent_at == utc(2026, 1, 10, 20, 1)


def test_the_email_names_nothing_about_recovery(member, due):
    verify_email(member)
    send_due_reminders(now=utc(2026, 1, 10, 20, 0))
    [email] = mail.outbox
    assert email.to == ["robin@example.org"] and email.subject == "Your daily reminder"
    urls = re.findall(r"https?://\S+", email.body)
    assert urls == ["http://127.0.0.1:8000/me/today/"]
    first_line = email.body.splitlines()[0]
    for text in (email.subject, first_line, email.body, urls[0]):
        words = set(re.findall(r"[a-z0-9-]+", text.lower())) | {text.lower()}
        for word in RECOVERY_WORDS:
            assert word not in words and (" " not in word or word not in text.lower()), (word, text)
        assert not any(w in text.lower() for w in ("recover", "addict", "sober", "crav", "relaps", "check-in"))


def test_no_email_without_a_verified_address(member, due):
    verify_email(member, verified=False)
    assert send_due_reminders(now=utc(2026, 1, 10, 20, 0)) == {"sent": 1}
    assert mail.outbox == [] and Notification.objects.filter(user=member).count() == 1


def test_no_email_without_consent(member):
    verify_email(member)
    services.set_reminder(member, time=time(20, 0), by_email=False, now=utc(2026, 1, 10, 12, 0))
    assert send_due_reminders(now=utc(2026, 1, 10, 20, 0)) == {"sent": 1}
    assert mail.outbox == [] and Notification.objects.filter(user=member).count() == 1


def test_no_reminder_when_the_member_has_already_checked_in_that_day(member, due):
    verify_email(member)
    services.record_checkin(member, today=datetime(2026, 1, 10).date(), mood=4)
    assert send_due_reminders(now=utc(2026, 1, 10, 20, 0)) == {"already checked in": 1}
    assert mail.outbox == [] and not Notification.objects.exists()
    due.refresh_from_db()
    assert due.next_at == utc(2026, 1, 11, 20, 0) and due.last_sent_at is None


def test_the_day_checked_in_is_the_members_day_not_utcs(member):
    # 07:00 in Auckland on 23 November is 18:00 UTC on 22 November: a check-in for the 22nd does not count.
    set_zone(member, "Pacific/Auckland")
    services.set_reminder(member, time=time(7, 0), now=utc(2026, 11, 22, 17, 0))
    services.record_checkin(member, today=datetime(2026, 11, 22).date(), mood=3)
    assert send_due_reminders(now=utc(2026, 11, 22, 18, 0)) == {"sent": 1}
    services.record_checkin(member, today=datetime(2026, 11, 24).date(), mood=3)
    # 18:00 UTC on the 23rd is 07:00 on the member's 24th, the day they have checked in.
    assert send_due_reminders(now=utc(2026, 11, 23, 18, 0)) == {"already checked in": 1}


def test_sending_due_reminders_twice_sends_once(member, due):
    verify_email(member)
    assert send_due_reminders(now=utc(2026, 1, 10, 20, 5)) == {"sent": 1}
    assert send_due_reminders(now=utc(2026, 1, 10, 20, 6)) == {}
    assert len(mail.outbox) == 1 and Notification.objects.count() == 1


def test_a_stale_copy_of_a_due_reminder_is_not_sent_again(member, due):
    stale = CheckInReminder.objects.get(pk=due.pk)  # read before another run handled it
    assert send_due_reminders(now=utc(2026, 1, 10, 20, 0)) == {"sent": 1}
    assert deliver(stale, now=utc(2026, 1, 10, 20, 0)) == "already handled"
    assert Notification.objects.count() == 1


def test_a_worker_down_all_night_does_not_send_at_the_wrong_hour(member, due):
    assert send_due_reminders(now=utc(2026, 1, 11, 9, 0)) == {"too late": 1}
    assert not Notification.objects.exists()
    due.refresh_from_db()
    assert due.next_at == utc(2026, 1, 11, 20, 0)


def test_a_turned_off_reminder_is_never_sent(member, due):
    services.set_reminder(member, time=time(20, 0), enabled=False, now=utc(2026, 1, 10, 12, 0))
    assert send_due_reminders(now=utc(2026, 1, 12, 20, 0)) == {}
    assert not Notification.objects.exists()


def test_after_the_member_moves_zone_the_old_time_is_not_used(member, due):
    set_zone(member, "America/New_York")
    assert send_due_reminders(now=utc(2026, 1, 10, 20, 0)) == {"moved": 1}
    due.refresh_from_db()
    assert due.next_at == utc(2026, 1, 11, 1, 0)  # 20:00 in New York
    assert send_due_reminders(now=utc(2026, 1, 11, 1, 0)) == {"sent": 1}


def test_the_command_reports_what_it_did(member, due, capsys):
    due.next_at = datetime.now(UTC) - timedelta(minutes=1)
    due.time = due.next_at.astimezone(LONDON).time().replace(second=0, microsecond=0)
    due.next_at = due.next_at.replace(second=0, microsecond=0)
    due.save()
    call_command("send_due_reminders")
    assert "1 sent" in capsys.readouterr().out
    call_command("send_due_reminders")
    assert "none due" in capsys.readouterr().out
    assert Notification.objects.count() == 1


# --- The task itself ---------------------------------------------------------------------------------------------


def test_the_task_sends_only_the_moment_it_was_queued_for(member, due):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    due.next_at = now - timedelta(minutes=1)
    due.time = due.next_at.astimezone(LONDON).time()
    due.save()
    assert send_reminder.call(due.pk, (now - timedelta(days=1)).isoformat()) == "stale"
    assert send_reminder.call(due.pk, due.next_at.isoformat()) == "sent"
    assert send_reminder.call(due.pk, due.next_at.isoformat()) == "stale"  # moved on to tomorrow
    assert Notification.objects.count() == 1


def test_the_task_does_nothing_before_its_time(member):
    reminder = services.set_reminder(member, time=time(20, 0))
    assert send_reminder.call(reminder.pk, reminder.next_at.isoformat()) == "not due"
    assert not Notification.objects.exists()

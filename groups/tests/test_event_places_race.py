"""Many members pressing "Going" for the last places at the same moment: never more going than places, the rest
wait. Real threads, each with its own database connection, on PostgreSQL and on an SQLite file as production
runs it (WAL, IMMEDIATE transactions, busy timeout) — the suite's in-memory SQLite locks whole tables instead."""

import sqlite3
import threading
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from conftest import make_member
from groups.models import RSVP, Event, RSVPStatus
from groups.services.events import rsvp

pytestmark = pytest.mark.django_db(transaction=True)


@contextmanager
def threads_use_a_database_file(tmp_path):
    """On SQLite, new connections (the threads') open a file copy of the test database, in WAL mode; yields a
    function that reads the statuses back from where the threads wrote them."""
    if connection.vendor != "sqlite":
        yield lambda event: list(RSVP.objects.filter(event=event).values_list("status", flat=True))
        return
    copy = tmp_path / "race.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(copy)])
    with sqlite3.connect(copy) as raw:
        raw.execute("PRAGMA journal_mode=WAL")
    settings = connections.settings["default"]
    saved = settings["NAME"]
    settings["NAME"] = str(copy)
    try:
        yield lambda event: [
            row[0]
            for row in sqlite3.connect(copy).execute("SELECT status FROM groups_rsvp WHERE event_id = ?", [event.pk])
        ]
    finally:
        settings["NAME"] = saved


def test_the_last_places_go_to_exactly_as_many_members_as_there_are(db, tmp_path):
    start = timezone.now() + timedelta(days=2)
    event = Event.objects.create(
        kind="workshop",
        title="CV clinic",
        time_zone="UTC",
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        capacity=3,
    )
    members = [make_member(f"racer{n}") for n in range(8)]
    barrier = threading.Barrier(len(members))
    errors = []

    def press(member):
        try:
            barrier.wait(timeout=10)
            rsvp(member, event, True)
        except Exception as error:  # reported below, with the member
            errors.append((member.username, repr(error)))
        finally:
            connection.close()

    with threads_use_a_database_file(tmp_path) as read_statuses:
        threads = [threading.Thread(target=press, args=(m,)) for m in members]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        statuses = read_statuses(event)
    assert errors == []
    assert len(statuses) == 8
    assert statuses.count(RSVPStatus.GOING) == 3
    assert statuses.count(RSVPStatus.WAITING) == 5

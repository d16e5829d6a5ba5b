"""Deleting an account leaves nothing that names the person or holds their words: the whole database and MEDIA_ROOT
are searched afterwards."""

from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from accounts.connections import request_connection
from conftest import PASSWORD, client_for, make_member
from groups.models import Event, GroupRole, Membership, Resource, Thread
from groups.services.discussion import reply, start_thread
from groups.services.notes import write_note
from moderation.models import ModerationAction, Report
from moderation.services.appeals import appeal
from moderation.services.reports import report_post
from notifications.models import Notification

pytestmark = pytest.mark.django_db

USERNAME = "zephyrine"
DISPLAY_NAME = "Quillon Marsh"
# Every text the person writes carries this mark, so that the search below finds any that is left.
MARK = "zqxmark"


def every_text_holding(needles: list[str]) -> list[str]:
    """Each `table.column` whose value, read as text, holds one of `needles` (any case)."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith("sqlite_"):
                continue
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            for column in columns:
                quoted = f"LOWER(CAST({connection.ops.quote_name(column)} AS TEXT))"
                where = " OR ".join(f"{quoted} LIKE %s" for _ in needles)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} WHERE {where}",  # noqa: S608
                    [f"%{n.lower()}%" for n in needles],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column}")
    return found


def every_file_holding(root: Path, needles: list[str]) -> list[str]:
    return [
        str(path)
        for path in root.rglob("*")
        if path.is_file() and any(n.lower().encode() in path.read_bytes().lower() for n in needles)
    ]


@pytest.fixture
def leaver_world(group_world, moderator, settings, tmp_path):
    """The person (Quillon Marsh, @zephyrine) has written everything a member can write, and named themselves to
    others through notifications."""
    settings.MEDIA_ROOT = tmp_path
    world = group_world
    me = make_member(USERNAME, display_name=DISPLAY_NAME, display_name_visibility="everyone")
    Membership.objects.create(group=world.harbour, user=me, role=GroupRole.FACILITATOR)
    alone = start_thread(me, world.harbour, title=f"{MARK} nobody answered", body=f"{MARK} first words")
    shared = start_thread(me, world.harbour, title=f"{MARK} evenings are hard", body=f"{MARK} how do you cope")
    reply(world.writer, shared, body="A walk helps me.")  # someone else's words: kept
    reply(me, world.thread, body=f"{MARK} thanks @writer")  # mentions Wren: a notification names me
    write_note(me, world.reader, body=f"{MARK} you can do it", group=world.harbour)
    start = timezone.now() + timedelta(days=3)
    Event.objects.create(
        group=world.harbour,
        organizer=me,
        kind="social",
        title=f"{MARK} picnic",
        description=f"{MARK} bring fruit",
        time_zone="UTC",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location=f"{MARK} 12 Elm Street",
    )
    Event.objects.create(
        group=world.harbour,
        organizer=me,
        kind="social",
        title=f"{MARK} last month's walk",
        time_zone="UTC",
        starts_at=start - timedelta(days=40),
        ends_at=start - timedelta(days=40, hours=-1),
        location=f"{MARK} the old pier",
    )
    resource = Resource(group=world.harbour, author=me, kind="coping", title=f"{MARK} my plan", description=MARK)
    resource.file.save("plan.txt", ContentFile(f"{MARK} what I do when it is hard".encode()), save=False)
    resource.file_name = f"{MARK}-plan.txt"
    resource.save()
    report_post(me, world.post, reason="harassment", detail=f"{MARK} this hurt me")
    action = ModerationAction.objects.create(
        moderator=moderator, member=me, group=world.harbour, kind="warn", reason="Please be kind."
    )
    appeal(me, action, f"{MARK} I was upset that day")
    request_connection(me, world.reader, f"{MARK} shall we connect?")
    AccessAttempt.objects.create(username=USERNAME, ip_address="10.0.0.9", user_agent="t", failures_since_start=1)
    AccessFailureLog.objects.create(username=USERNAME, ip_address="10.0.0.9", user_agent="t")
    AccessLog.objects.create(username=USERNAME, ip_address="10.0.0.9", user_agent="t")
    client = client_for(me)
    assert Notification.objects.exclude(user=me).filter(text__icontains=DISPLAY_NAME).count() >= 3
    world.me, world.client, world.shared, world.alone = me, client, shared, alone
    return world


def test_after_deletion_nothing_holds_the_persons_name_or_words(
    leaver_world, tmp_path, django_capture_on_commit_callbacks
):
    needles = [USERNAME, DISPLAY_NAME, MARK]
    assert every_text_holding(needles) and every_file_holding(tmp_path, needles)  # the search does find them

    with django_capture_on_commit_callbacks(execute=True):
        response = leaver_world.client.post("/me/delete/", {"password": PASSWORD, "confirm": "DELETE"})
    assert response.status_code == 302

    left = every_text_holding(needles)
    assert left == [], ", ".join(left)
    assert every_file_holding(tmp_path, needles) == []
    assert not [p for p in tmp_path.rglob("*") if p.is_file()], "the resource's file is deleted from disk"


def test_what_others_wrote_and_the_moderation_record_are_kept_without_the_person(leaver_world):
    leaver_world.client.post("/me/delete/", {"password": PASSWORD, "confirm": "DELETE"})

    assert not Thread.objects.filter(pk=leaver_world.alone.pk).exists(), "a thread only they wrote in goes"
    shared = Thread.objects.get(pk=leaver_world.shared.pk)
    assert shared.author is None and shared.posts.filter(body="A walk helps me.").exists()
    assert not Event.objects.filter(group=leaver_world.harbour).exists()
    report = Report.objects.get(post=leaver_world.post, reason="harassment")
    assert report.reporter is None and report.detail == ""
    assert not Notification.objects.filter(user=leaver_world.writer, kind="group_mention").exists()


def test_the_delete_page_says_what_is_kept_and_why(member_client):
    page = member_client.get("/me/delete/").content.decode()
    assert "replies" in page and "moderation" in page

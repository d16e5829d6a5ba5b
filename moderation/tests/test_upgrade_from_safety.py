"""Moving reports, actions and appeals to the moderation app, and blocks to accounts, moves no data: a database
migrated with the earlier migrations, with rows in every moved table, upgrades in place and keeps every row and
every link between them. Runs on SQLite and, in the PostgreSQL lane, on PostgreSQL."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from accounts.models import Block
from conftest import make_member
from groups.models import Group, Post, SupportNote, Thread
from moderation.models import ActionKind, Appeal, ModerationAction, Report, ReportReason

# Where the schema stood before the move: safety owned the four models.
BEFORE = [("safety", "0004_seed_crisis_phrases"), ("accounts", "0003_connection_requests"), ("moderation", None)]
OLD_STATE = [node for node in BEFORE if node[1] is not None]
MOVED_TABLES = {"safety_report", "safety_moderationaction", "safety_appeal", "safety_block"}


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_a_populated_database_upgrades_in_place_and_keeps_every_row():
    writer, reader, moderator = make_member("wren"), make_member("sam"), make_member("mo")
    group = Group.objects.create(slug="harbour", name="Harbour", kind="peer_led")
    thread = Thread.objects.create(group=group, author=writer, title="Evenings", post_count=1)
    post = Post.objects.create(thread=thread, author=writer, number=1, body="Hello", html="<p>Hello</p>")
    note = SupportNote.objects.create(sender=writer, recipient=reader, group=group, body="Hi", html="<p>Hi</p>")

    executor = _migrate(BEFORE)
    old = executor.loader.project_state(OLD_STATE).apps
    assert old.get_model("safety", "Report")._meta.db_table == "safety_report"
    with pytest.raises(LookupError):
        old.get_model("moderation", "Report")
    OldReport, OldAction = old.get_model("safety", "Report"), old.get_model("safety", "ModerationAction")
    OldAppeal, OldBlock = old.get_model("safety", "Appeal"), old.get_model("safety", "Block")
    until = timezone.now() + timedelta(days=3)
    report = OldReport.objects.create(
        reporter_id=reader.pk, member_id=writer.pk, post_id=post.pk, group_id=group.pk, reason="harassment"
    )
    note_report = OldReport.objects.create(
        reporter_id=None, member_id=writer.pk, note_id=note.pk, reason="at_risk", priority=True
    )
    action = OldAction.objects.create(
        moderator_id=moderator.pk,
        member_id=writer.pk,
        group_id=group.pk,
        kind="mute",
        reason="A pause.",
        post_id=post.pk,
        report_id=report.pk,
        until=until,
    )
    appeal = OldAppeal.objects.create(action_id=action.pk, member_id=writer.pk, text="Please look again.")
    block = OldBlock.objects.create(blocker_id=reader.pk, blocked_id=writer.pk)

    _migrate(_latest())

    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    assert tables >= MOVED_TABLES
    assert not {"moderation_report", "moderation_moderationaction", "moderation_appeal", "accounts_block"} & tables
    moved = Report.objects.get(pk=report.pk)
    assert (moved.reporter, moved.member, moved.post, moved.group) == (reader, writer, post, group)
    assert moved.reason == ReportReason.HARASSMENT
    at_risk = Report.objects.get(pk=note_report.pk)
    assert at_risk.note == note and at_risk.priority and at_risk.reporter is None
    kept = ModerationAction.objects.get(pk=action.pk)
    assert (kept.kind, kept.moderator, kept.member, kept.report, kept.until) == (
        ActionKind.MUTE,
        moderator,
        writer,
        moved,
        until,
    )
    assert Appeal.objects.get(pk=appeal.pk).action == kept and kept.appeal.text == "Please look again."
    assert Block.objects.get(pk=block.pk).blocked == writer
    assert list(reader.blocks_made.values_list("blocked_id", flat=True)) == [writer.pk]
    # The admin's content types followed the models, so their permissions and log entries still point at them.
    assert ContentType.objects.get_for_model(Report).app_label == "moderation"
    assert ContentType.objects.get_for_model(Block).app_label == "accounts"
    assert not ContentType.objects.filter(app_label="safety", model__in=["report", "block"]).exists()
    # And new rows go into the same tables.
    Report.objects.create(reporter=writer, member=reader, reason="spam")
    assert Report.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_move_can_be_undone_without_losing_rows():
    blocker, blocked = make_member("ada"), make_member("bo")
    Block.objects.create(blocker=blocker, blocked=blocked)
    executor = _migrate(BEFORE)
    OldBlock = executor.loader.project_state(OLD_STATE).apps.get_model("safety", "Block")
    assert OldBlock.objects.filter(blocker_id=blocker.pk, blocked_id=blocked.pk).exists()
    _migrate(_latest())
    assert Block.objects.filter(blocker=blocker, blocked=blocked).exists()

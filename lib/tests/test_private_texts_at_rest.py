"""What is as private as the journal is encrypted at rest too: slips, a counter's why, check-in triggers,
attendance notes, goals and steps, support notes, report details, appeals and connection request messages."""

from datetime import date

import pytest
from django.apps import apps
from django.db import connection

from accounts.models import ConnectionRequest
from groups.models import SupportNote
from journey.models import Attendance, Counter, Goal, GoalStep, Slip, Trigger
from lib.fields import encrypt_existing
from moderation.models import Appeal, ModerationAction, Report

pytestmark = pytest.mark.django_db

PHRASE = "Planted: the grey gull on pier nine 5521"

# model, the encrypted columns the issue names
PRIVATE_COLUMNS = [
    (Slip, ["what_happened", "learned"]),
    (Counter, ["why"]),
    (Trigger, ["name"]),
    (Attendance, ["note"]),
    (Goal, ["title", "why"]),
    (GoalStep, ["text"]),
    (SupportNote, ["body", "html"]),
    (Report, ["detail"]),
    (Appeal, ["text", "response"]),
    (ConnectionRequest, ["message"]),
]


@pytest.fixture
def planted(member, sponsor, moderator):
    counter = Counter.objects.create(user=member, pathway="abstinence", why=PHRASE)
    Slip.objects.create(counter=counter, date=date(2026, 1, 2), what_happened=PHRASE, learned=PHRASE)
    Trigger.objects.create(user=member, name=PHRASE[:60])
    Attendance.objects.create(user=member, date=date(2026, 1, 3), name="Tuesday group", note=PHRASE)
    goal = Goal.objects.create(user=member, domain="health", title=PHRASE, why=PHRASE)
    GoalStep.objects.create(goal=goal, text=PHRASE)
    SupportNote.objects.create(sender=sponsor, recipient=member, body=PHRASE, html=f"<p>{PHRASE}</p>")
    Report.objects.create(reporter=member, member=sponsor, reason="harassment", detail=PHRASE)
    action = ModerationAction.objects.create(moderator=moderator, member=member, kind="warn", reason="Be kind.")
    Appeal.objects.create(action=action, member=member, text=PHRASE, response=PHRASE)
    ConnectionRequest.objects.create(from_user=member, to_user=sponsor, message=PHRASE)


def raw_values(model, column: str) -> list[str]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(column)} FROM {quote(model._meta.db_table)}")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


@pytest.mark.parametrize(("model", "columns"), PRIVATE_COLUMNS, ids=lambda v: getattr(v, "__name__", ""))
def test_the_column_holds_a_fernet_token_and_the_model_the_text(planted, model, columns):
    for column in columns:
        values = raw_values(model, column)
        assert values, f"{model.__name__}.{column} has a row"
        for value in values:
            assert value.startswith("gAAAAA") and "gull" not in value, f"{model.__name__}.{column}: {value[:30]}"
        assert all("gull" in getattr(obj, column) for obj in model.objects.all())


def test_the_data_migration_encrypts_rows_written_before_it_and_its_reverse_decrypts(planted):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {quote(Slip._meta.db_table)} SET what_happened = %s", ["plain before"])  # noqa: S608
    assert raw_values(Slip, "what_happened") == ["plain before"]

    migration = encrypt_existing("journey", "Slip", ["what_happened", "learned"])

    class Editor:
        pass

    editor = Editor()
    editor.connection = connection  # type: ignore[attr-defined]
    migration.code(apps, editor)
    migration.code(apps, editor)  # a second run leaves encrypted values alone
    assert raw_values(Slip, "what_happened")[0].startswith("gAAAAA")
    assert Slip.objects.get().what_happened == "plain before"
    assert Slip.objects.get().learned == PHRASE

    migration.reverse_code(apps, editor)
    assert raw_values(Slip, "what_happened") == ["plain before"]
    assert raw_values(Slip, "learned") == [PHRASE]

"""What a member writes about themselves is stored encrypted: a planted phrase is nowhere in the database, and
keys rotate without losing a word."""

import os
import shutil
import sqlite3
import subprocess
from datetime import date

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from conftest import need
from groups.models import Group, Membership
from journey.models import CheckIn, JournalEntry, RecoveryPlan, Share, Worksheet
from lib import crypto

pytestmark = pytest.mark.django_db

PHRASE = "Planted phrase: blue heron over Lake Ontario 7431"


def _plant_everywhere(member, sponsor):
    JournalEntry.objects.create(user=member, date=date(2026, 1, 5), title=PHRASE, body=PHRASE, tags=[PHRASE])
    checkin = CheckIn.objects.create(user=member, date=date(2026, 1, 5), mood=3, note=PHRASE, pledge=PHRASE)
    RecoveryPlan.objects.create(
        user=member,
        warning_signs=PHRASE,
        triggers=[{"trigger": PHRASE, "response": PHRASE}],
        coping=PHRASE,
        people=[{"name": PHRASE, "phone": "+1 555 0100", "note": PHRASE}],
        places_to_avoid=PHRASE,
        reasons=PHRASE,
        crisis_plan=PHRASE,
    )
    Worksheet.objects.create(user=member, kind="abc", title=PHRASE, data={"activating_event": PHRASE})
    from django.contrib.contenttypes.models import ContentType

    Share.objects.create(
        owner=member,
        content_type=ContentType.objects.get_for_model(checkin),
        object_id=checkin.pk,
        to_user=sponsor,
        message=PHRASE,
    )


def _every_text_value_in_the_database() -> str:
    """Every row of every table, as the database itself renders it to text."""
    quote = connection.ops.quote_name
    chunks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if connection.vendor == "postgresql":
                cursor.execute(f"SELECT t::text FROM {quote(table)} t")  # noqa: S608
                chunks.extend(str(row[0]) for row in cursor.fetchall())
            else:
                cursor.execute(f"SELECT * FROM {quote(table)}")  # noqa: S608
                for row in cursor.fetchall():
                    chunks.extend(
                        bytes(v).decode("utf-8", "replace") if isinstance(v, bytes | memoryview) else str(v)
                        for v in row
                    )
    return "\n".join(chunks)


def test_the_plain_values_read_back(member, sponsor):
    _plant_everywhere(member, sponsor)
    entry = JournalEntry.objects.get(user=member)
    assert (entry.title, entry.body, entry.tags) == (PHRASE, PHRASE, [PHRASE])
    plan = RecoveryPlan.objects.get(user=member)
    assert plan.triggers == [{"trigger": PHRASE, "response": PHRASE}]
    assert CheckIn.objects.get(user=member).note == PHRASE


def test_a_planted_phrase_is_nowhere_in_any_table(member, sponsor):
    _plant_everywhere(member, sponsor)
    everything = _every_text_value_in_the_database()
    assert "blue heron" not in everything
    assert "Lake Ontario" not in everything
    # The phrase really went in: the encrypted columns hold Fernet tokens ("gAAAAA…").
    assert everything.count("gAAAAA") >= 15


@pytest.mark.django_db(transaction=True)  # committed, so that a copy of the database holds it
def test_a_planted_phrase_is_nowhere_in_a_copy_of_the_database(member, sponsor, tmp_path):
    """The bytes an attacker with the database (file or dump) would have: SQLite's file, PostgreSQL's dump."""
    _plant_everywhere(member, sponsor)
    if connection.vendor == "sqlite":
        copy = tmp_path / "copy.sqlite3"
        with connection.cursor() as cursor:
            # The test database may live in memory: VACUUM INTO writes the database, every page, to a file.
            cursor.execute("VACUUM INTO %s", [str(copy)])
        raw = copy.read_bytes()
        with sqlite3.connect(copy) as check:
            assert check.execute("SELECT count(*) FROM journey_journalentry").fetchone() == (1,)
    else:
        settings = connection.settings_dict
        need(shutil.which("pg_dump") is not None, "pg_dump (Debian's postgresql-client)")
        env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
        command = ["pg_dump", "--data-only", "-h", settings["HOST"] or "127.0.0.1", "-p", str(settings["PORT"] or 5432)]
        command += ["-U", settings["USER"], settings["NAME"]]
        raw = subprocess.run(command, env=env, capture_output=True, check=True, timeout=60).stdout
        assert b"journey_journalentry" in raw
    assert len(raw) > 10_000
    assert b"blue heron" not in raw
    assert "blue heron".encode("utf-16-le") not in raw


def test_every_encrypted_column_is_declared_on_a_personal_model():
    from lib.fields import encrypted_fields_by_model

    labels = {model._meta.label for model in encrypted_fields_by_model()}
    assert {"journey.JournalEntry", "journey.CheckIn", "journey.RecoveryPlan", "journey.Worksheet"} <= labels
    for model in encrypted_fields_by_model():
        assert apps.get_model(model._meta.label) is model


@pytest.fixture
def two_keys(settings):
    old, new = crypto.generate_key(), crypto.generate_key()
    settings.DATA_ENCRYPTION_KEYS = [old]
    crypto.reset_keys()
    yield old, new
    crypto.reset_keys()


def test_rotation_rewrites_every_value_with_the_new_key_and_loses_nothing(member, sponsor, settings, two_keys):
    old, new = two_keys
    _plant_everywhere(member, sponsor)
    settings.DATA_ENCRYPTION_KEYS = [new, old]
    crypto.reset_keys()
    with pytest.raises(CommandError, match="old key"):
        call_command("rotate_encryption_key", "--check")
    call_command("rotate_encryption_key")
    call_command("rotate_encryption_key", "--check")
    # The old key can now go: everything still reads.
    settings.DATA_ENCRYPTION_KEYS = [new]
    crypto.reset_keys()
    assert JournalEntry.objects.get(user=member).body == PHRASE
    assert RecoveryPlan.objects.get(user=member).people[0]["name"] == PHRASE
    assert Worksheet.objects.get(user=member).data == {"activating_event": PHRASE}
    assert Share.objects.get(owner=member).message == PHRASE


def test_without_the_key_the_data_cannot_be_read(member, sponsor, settings, two_keys):
    _plant_everywhere(member, sponsor)
    settings.DATA_ENCRYPTION_KEYS = [crypto.generate_key()]
    crypto.reset_keys()
    with pytest.raises(crypto.InvalidToken):
        JournalEntry.objects.get(user=member)


def test_new_key_prints_a_usable_key(capsys):
    call_command("rotate_encryption_key", "--new-key")
    key = capsys.readouterr().out.strip()
    assert len(key) == 44
    from cryptography.fernet import Fernet

    assert Fernet(key).decrypt(Fernet(key).encrypt(b"x")) == b"x"


def test_a_group_share_and_membership_do_not_hold_plain_text(member, sponsor):
    group = Group.objects.create(slug="g", name="Thursday circle", kind="peer_led")
    Membership.objects.create(group=group, user=member)
    _plant_everywhere(member, sponsor)
    assert "blue heron" not in _every_text_value_in_the_database()

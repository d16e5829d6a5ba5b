import json
from datetime import time, timedelta

import pytest

from accounts.services import delete_account
from journey.models import Counter, Period, Slip, today_for
from journey.services import counters as services
from lib.personal_data import covered_models

pytestmark = pytest.mark.django_db


def test_every_journey_model_is_covered_by_the_export():
    assert {"journey.counter", "journey.period", "journey.slip"} <= covered_models()


def test_download_my_data_holds_my_counters_periods_and_slips_only(member_client, member, outsider):
    counter = services.create_counter(member, pathway="cannabis", start_date=today_for(member) - timedelta(days=9))
    services.record_slip(counter, today_for(member) - timedelta(days=2), what_happened="old friends")
    services.create_counter(outsider, pathway="custom", name="OUTSIDER-SECRET", start_date=today_for(outsider))

    data = json.loads(member_client.get("/me/data/download/").content)["data"]["recovery"]
    assert len(data) == 1
    assert data[0]["pathway"] == "cannabis"
    assert len(data[0]["periods"]) == 2 and data[0]["periods"][1]["end_date"] is None
    assert data[0]["slips"][0]["what_happened"] == "old friends"
    assert "OUTSIDER-SECRET" not in json.dumps(data)


def test_deleting_the_account_deletes_the_counters(member):
    counter = services.create_counter(member, pathway="alcohol", start_date=today_for(member))
    services.record_slip(counter, today_for(member))
    delete_account(member)
    assert not Counter.objects.exists() and not Period.objects.exists() and not Slip.objects.exists()


def _everything(user, tag):
    from journey.models import (
        Attendance,
        CheckIn,
        CheckInReminder,
        Checkup,
        Goal,
        GoalStep,
        JournalEntry,
        RecoveryPlan,
        Worksheet,
    )

    today = today_for(user)
    checkin = CheckIn.objects.create(user=user, date=today, mood=3, note=f"{tag} note", pledge=f"{tag} pledge")
    checkin.triggers.create(user=user, name=f"{tag} trigger")
    goal = Goal.objects.create(user=user, domain="home", title=f"{tag} goal")
    GoalStep.objects.create(goal=goal, text=f"{tag} step")
    Checkup.objects.create(
        user=user, taken_on=today, answers={"q": 2}, health=1, home=2, purpose=3, community=4, total=10
    )
    RecoveryPlan.objects.create(user=user, reasons=f"{tag} reasons", people=[{"name": f"{tag} person"}])
    Worksheet.objects.create(user=user, kind="abc", data={"belief": f"{tag} belief"})
    Attendance.objects.create(user=user, date=today, name=f"{tag} meeting")
    JournalEntry.objects.create(user=user, date=today, body=f"{tag} journal", tags=[f"{tag}-tag"])
    CheckInReminder.objects.create(user=user, time=time(20, 30))
    services.create_counter(user, pathway="custom", name=f"{tag} counter", start_date=today, today=today)


def test_download_holds_every_part_of_my_recovery_in_plain_words(member_client, member, outsider):
    _everything(member, "MINE")
    _everything(outsider, "THEIRS")
    data = json.loads(member_client.get("/me/data/download/").content)["data"]
    text = json.dumps(data)
    for part in (
        "MINE note",
        "MINE pledge",
        "MINE trigger",
        "MINE goal",
        "MINE step",
        "MINE reasons",
        "MINE person",
        "MINE belief",
        "MINE meeting",
        "MINE journal",
        "MINE-tag",
    ):
        assert part in text, part
    assert "THEIRS" not in text
    assert data["checkups"][0]["total"] == 10
    assert "gAAAAA" not in text  # decrypted, not tokens


def test_deleting_the_account_deletes_every_part_of_my_recovery(member, outsider):
    from django.apps import apps

    _everything(member, "MINE")
    _everything(outsider, "THEIRS")
    owned = [m for m in apps.get_app_config("journey").get_models() if any(f.name == "user" for f in m._meta.fields)]
    before = {m: m.objects.filter(user_id=member.pk).count() for m in owned}
    assert all(before.values()), before
    member_id = member.pk
    delete_account(member)
    for model in owned:
        assert not model.objects.filter(user_id=member_id).exists(), model
    from journey.models import JournalEntry

    assert JournalEntry.objects.filter(user=outsider).count() == 1

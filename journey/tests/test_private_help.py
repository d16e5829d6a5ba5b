"""A private text (a journal entry, a check-in note) that suggests risk: help for the writer only, led by the kind;
never an alert, and nothing about the check is stored."""

import pytest
from django.apps import apps
from django.urls import reverse

from journey.models import CheckIn, JournalEntry, RecoveryPlan, today_for
from moderation.models import Report
from notifications.models import Notification
from safety.crisis import forget_grammar
from safety.models import RiskRule
from safety.risk_data import seed_tables

pytestmark = pytest.mark.django_db

NEW = "/me/recovery/journal/new/"


@pytest.fixture(autouse=True)
def grammar(db):
    if not RiskRule.objects.exists():
        seed_tables(apps)
    forget_grammar()


def write(client, member, body):
    today = today_for(member)
    return client.post(
        NEW, {"date": today.isoformat(), "title": "", "body": body, "mood": "2", "tags": ""}, follow=True
    )


def test_a_journal_entry_at_risk_shows_the_writer_help_and_tells_nobody(member_client, member, moderator):
    page = write(member_client, member, "i've been saving up my pills and tonight i'm done").content.decode()
    assert 'id="private-help"' in page and "Only you see this" in page
    assert not Report.objects.exists()
    assert not Notification.objects.filter(kind="at_risk_alert").exists()
    entry = JournalEntry.objects.get(user=member)
    assert {f.name for f in JournalEntry._meta.get_fields()}.isdisjoint({"at_risk", "risk_kind", "flagged"})
    # Read again later: the help was for the moment of writing; the entry page is the entry.
    assert 'id="private-help"' not in member_client.get(f"/me/recovery/journal/{entry.pk}/").content.decode()


def test_an_everyday_entry_shows_no_help(member_client, member):
    page = write(member_client, member, "Good meeting tonight, I was dying to see everyone").content.decode()
    assert 'id="private-help"' not in page


def test_an_overdose_in_a_journal_leads_with_the_number_to_call(member_client, member):
    member.country = "US"
    member.save()
    page = write(member_client, member, "my friend won't wake up and his lips are blue").content.decode()
    help_at = page.index('id="private-help"')
    assert page.index("tel:911", help_at) < page.index('class="help-steps"', help_at)


def test_a_craving_in_a_check_in_note_offers_the_members_own_coping_steps(member_client, member):
    RecoveryPlan.objects.create(user=member, coping="Call Sam\nWalk the dog")
    data = {"mood": "2", "craving": "5", "sleep_hours": "5", "sleep_quality": "2", "note": "craving so bad tonight"}
    response = member_client.post(reverse("journey:checkin"), data, follow=True)
    page = response.content.decode()
    assert CheckIn.objects.filter(user=member).exists()
    assert 'id="private-help"' in page and "Walk the dog" in page
    assert not Report.objects.exists()

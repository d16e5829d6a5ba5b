"""Events and a group's own texts go through the same risk check as posts: an alert with the kind, never the
words."""

import pytest

from groups.models import GroupRole
from groups.services.events import update_event
from groups.services.groups import update_group
from moderation.models import Report
from notifications.models import Notification

from .helpers import join, make_event, seed_crisis_phrases

pytestmark = pytest.mark.django_db

WORDS = "honestly i want to die, this is my last event"


def test_an_event_text_at_risk_raises_an_alert_with_the_kind(group, member, moderator):
    seed_crisis_phrases()
    event = make_event(group, member)
    update_event(member, event, description=WORDS)
    report = Report.objects.get(member=member, group=group)
    assert report.priority and report.risk_kind == "suicide"
    for notification in Notification.objects.filter(kind="at_risk_alert"):
        assert "die" not in notification.text and WORDS not in notification.text


def test_an_everyday_event_text_raises_nothing(group, member):
    seed_crisis_phrases()
    event = make_event(group, member)
    update_event(member, event, description="Bring snacks, we are dying to see you all")
    assert not Report.objects.exists()


def test_a_group_description_at_risk_raises_an_alert(group, facilitator):
    seed_crisis_phrases()
    join(facilitator, group, role=GroupRole.FACILITATOR)
    update_group(group, facilitator, description="i took too many pills and cant breathe")
    report = Report.objects.get(group=group)
    assert report.risk_kind == "overdose"

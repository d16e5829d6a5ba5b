"""The whole flow through the pages, with the risk grammar the site ships (safety/data/risk/), in English
and Spanish: help first and nothing saved; one more press posts it; moderators of the site and of the group get an
urgent alert that holds none of the words; other members see nothing of it; idioms post at once."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from conftest import make_member
from groups.models import Group, GroupRole, Membership, SupportNote
from groups.services.discussion import start_thread
from moderation.models import Report
from moderation.tasks import escalate_due_alerts
from notifications.models import Notification

pytestmark = pytest.mark.django_db

AT_RISK = [
    ("en", "Honestly I can't go on like this anymore, I want to end it all"),
    ("en", "everyone would be better off without me"),
    ("es", "Ya no aguanto mas, quiero quitarme la vida"),
    ("es", "Estoy pensando en hacerme daño esta noche"),
]
IDIOMS = [
    ("en", "This job is killing me, but I made it to the meeting."),
    ("en", "I'm dying to see everyone on Saturday!"),
    ("es", "Me muero de risa con las historias del grupo"),
    ("es", "Me muero de hambre después de la reunión"),
]


@pytest.fixture
def circle(member, sponsor, moderator):
    group = Group.objects.create(slug="circle", name="Circle", kind="peer_led")
    Membership.objects.create(group=group, user=member)
    Membership.objects.create(group=group, user=sponsor, role=GroupRole.FACILITATOR)
    return group


@pytest.fixture
def thread(circle, sponsor):
    return start_thread(sponsor, circle, title="Evenings", body="How do you get through the evenings?")


def thread_url(thread):
    return reverse("groups:thread", args=[thread.group.slug, thread.pk])


@pytest.mark.parametrize(("language", "text"), AT_RISK)
def test_a_reply_in_crisis_shows_help_first_then_posts_and_alerts_moderators(
    member_client, member, sponsor, moderator, thread, language, text
):
    first = member_client.post(thread_url(thread), {"body": text})
    html = first.content.decode()
    assert first.status_code == 200 and not thread.posts.filter(author=member).exists()
    assert 'name="seen_help" value="1"' in html and 'id="help-before-posting"' in html
    assert member_client.post(thread_url(thread), {"body": text, "seen_help": "1"}).status_code == 302
    post = thread.posts.get(author=member)
    assert Report.objects.get(post=post).priority
    report = Report.objects.get(post=post)
    if report.risk_kind != "overdose":  # the group's facilitator hears at once; the site's moderators later
        assert not Notification.objects.filter(user=moderator, kind="at_risk_alert").exists()
        Report.objects.filter(pk=report.pk).update(created_at=report.created_at - timedelta(minutes=60))
        escalate_due_alerts()
    for person in (moderator, sponsor):  # the site's moderator and the group's facilitator
        alert = Notification.objects.get(user=person, kind="at_risk_alert")
        assert text not in alert.text and post.body not in alert.text
    # Another member of the group reads the post and nothing else.
    other = make_member("groupmate")
    Membership.objects.create(group=thread.group, user=other)
    reader = Client()
    reader.force_login(other)
    page = reader.get(thread_url(thread)).content.decode()
    assert 'name="seen_help" value="1"' not in page and "help-before-posting" not in page
    assert "at risk" not in page.lower()
    assert not Notification.objects.filter(user=other).exists()


@pytest.mark.parametrize(("language", "text"), IDIOMS)
def test_everyday_idioms_post_at_once(member_client, member, thread, language, text):
    assert member_client.post(thread_url(thread), {"body": text}).status_code == 302
    assert thread.posts.filter(author=member).exists()
    assert not Report.objects.exists()


@pytest.mark.parametrize(("language", "text"), AT_RISK[:1] + AT_RISK[2:3])
def test_a_note_in_crisis_shows_help_first_too(member_client, member, sponsor, circle, language, text):
    url = reverse("groups:note_new", args=[sponsor.username]) + f"?group={circle.slug}"
    first = member_client.post(url, {"body": text})
    assert first.status_code == 200 and not SupportNote.objects.exists()
    assert 'name="seen_help" value="1"' in first.content.decode()
    assert member_client.post(url, {"body": text, "seen_help": "1"}).status_code == 302
    note = SupportNote.objects.get()
    assert Report.objects.get(note=note).priority

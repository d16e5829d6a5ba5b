"""A person at risk: what the writer sees before posting, who is alerted after, and what nobody else ever sees.

The discussion and note pages (groups:thread_new, groups:thread, groups:note_new) are another part of the work;
these tests drive the same functions those pages call: `check_text` before saving (show the help, don't save
until "Post it"), `alert_if_at_risk` after saving, and the help partial itself.
"""

import re
from datetime import timedelta

import pytest
from django.apps import apps
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import timezone

from accounts.models import Connection
from conftest import make_member
from groups.models import Group, GroupRole, Membership, Post, Thread
from journey.models import RecoveryPlan
from moderation.alerts import ASKED_TO_TALK, alert_if_at_risk
from moderation.models import Report, ReportReason
from moderation.tasks import escalate_due_alerts
from notifications.models import Notification
from safety.crisis import check_text, forget_grammar
from safety.models import RiskRule
from safety.risk_data import seed_tables

pytestmark = pytest.mark.django_db

TALK_URL = "/help/talk-to-a-moderator/"


@pytest.fixture(autouse=True)
def crisis_phrases(db, settings):
    settings.HELP_DEFAULT_COUNTRY = "US"
    if not RiskRule.objects.exists():
        seed_tables(apps)
    forget_grammar()
    yield
    forget_grammar()


@pytest.fixture
def harbour(member):
    """A group where `member` writes, with a facilitator, a group moderator and another member."""
    group = Group.objects.create(slug="harbour", name="Harbour", kind="peer_led")
    people = {
        "writer": member,
        "facilitator": make_member("fran"),
        "group_moderator": make_member("gus"),
        "other": make_member("olive"),
    }
    roles = {"facilitator": GroupRole.FACILITATOR, "group_moderator": GroupRole.MODERATOR}
    for key, user in people.items():
        Membership.objects.create(group=group, user=user, role=roles.get(key, GroupRole.MEMBER))
    return group, people


def write_post(group, author, body):
    """What the post service does once the writer pressed "Post it": save, then alert if at risk."""
    thread = Thread.objects.create(group=group, author=author, title="Today")
    post = Post.objects.create(thread=thread, author=author, number=1, body=body, html=f"<p>{body}</p>")
    alert_if_at_risk(author, body, post=post)
    return post


def notified(user):
    return list(Notification.objects.filter(user=user))


@pytest.mark.parametrize(
    "body", ["I can't go on, I want to end it all", "Ya no aguanto más, quiero quitarme la vida"], ids=["en", "es"]
)
def test_crisis_language_alerts_group_then_site_moderators_without_the_words(harbour, moderator, body):
    group, people = harbour
    assert check_text(body).at_risk  # the page shows the help first and saves only on "Post it"
    post = write_post(group, people["writer"], body)

    report = Report.objects.get()
    assert (report.member, report.post, report.group) == (people["writer"], post, group)
    assert report.reason == ReportReason.AT_RISK and report.priority and report.reporter is None
    if not report.escalated_at:  # not an emergency: the site's moderators hear when nobody took it in time
        assert notified(moderator) == []
        Report.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(minutes=11))
        assert escalate_due_alerts() == 1
    for staff in (moderator, people["facilitator"], people["group_moderator"]):
        [notification] = notified(staff)
        assert notification.kind == "at_risk_alert" and "Urgent" in notification.text
        for word in body.split():
            if len(word) > 3:
                assert word.strip(",.").lower() not in notification.text.lower()
    assert notified(people["other"]) == []
    assert notified(people["writer"]) == []


@pytest.mark.parametrize("body", ["This job is killing me, lol", "Me muero de risa con vosotros"], ids=["en", "es"])
def test_an_idiom_posts_at_once_and_alerts_no_one(harbour, moderator, body):
    group, people = harbour
    assert not check_text(body).at_risk  # no help panel: the page saves at once
    write_post(group, people["writer"], body)
    assert Report.objects.count() == 0 and Notification.objects.count() == 0


def test_a_moderator_writing_crisis_language_is_not_told_about_themselves(harbour, moderator):
    group, _people = harbour
    Membership.objects.create(group=group, user=moderator)
    write_post(group, moderator, "I want to die")
    assert notified(moderator) == []
    assert Report.objects.get().member == moderator


def test_a_note_in_crisis_language_alerts_the_moderators(member, moderator, sponsor):
    from groups.models import SupportNote

    note = SupportNote.objects.create(sender=member, recipient=sponsor, body="Quiero morir", html="<p>x</p>")
    assert alert_if_at_risk(member, note.body, note=note).at_risk
    assert Report.objects.get().note == note
    assert len(notified(moderator)) == 1 and notified(sponsor) == []


# --- The help shown before posting, only to the writer ---------------------------------------------------------


def render_help(user, **context):
    request = RequestFactory().get("/groups/harbour/threads/new/")
    request.user = user
    return render_to_string("safety/_help_before_posting.html", context, request=request)


def test_the_help_offers_crisis_lines_emergency_first_and_the_get_help_page(member):
    """Suicide help (no kind given) leads with the crisis line; the country's lines follow, emergency first."""
    html = render_help(member)
    assert 'href="tel:911"' in html and 'href="tel:988"' in html and 'href="sms:988"' in html
    rest = html[html.index('class="help-steps"') :]
    assert html.index('href="tel:988"') < html.index('class="help-steps"')
    assert rest.index('href="tel:911"') < rest.index('href="tel:988"')
    assert "Find a Helpline" in html and 'href="/help/"' in html
    assert "You don&#x27;t have to go through this alone" in html or "You don't have to go through this alone" in html


def test_the_help_is_a_polite_live_section_with_one_h2_and_no_h1(member):
    html = render_help(member)
    assert html.count("<h2") == 1 and "<h1" not in html
    assert re.search(r'<section[^>]*aria-live="polite"', html)
    assert "<script" not in html and "style=" not in html and " onclick" not in html


def test_the_help_lists_the_writers_own_people_to_call_and_connections(member, sponsor):
    RecoveryPlan.objects.create(user=member, people=[{"name": "Ana", "phone": "+1 (555) 010-0100", "note": ""}])
    low, high = sorted([member, sponsor], key=lambda u: u.pk)
    Connection.objects.create(low=low, high=high)
    html = render_help(member)
    assert 'href="tel:+15550100100"' in html and "Ana" in html
    assert str(sponsor) in html


def test_the_help_works_for_a_writer_with_no_plan_and_no_connections(member):
    html = render_help(member)
    assert "People you said you can call" not in html


def test_the_help_uses_the_lines_it_is_given(member):
    from safety.models import CrisisLine

    lines = list(CrisisLine.objects.filter(country="ES"))
    html = render_help(member, crisis_lines=lines)
    assert 'href="tel:024"' in html and 'href="tel:988"' not in html


def test_the_help_offers_a_form_to_talk_to_a_moderator_with_the_group(member, harbour):
    group, _people = harbour
    html = render_help(member, group=group)
    assert f'action="{TALK_URL}"' in html and 'method="post"' in html
    assert f'name="group" value="{group.pk}"' in html
    assert 'name="csrfmiddlewaretoken"' in html


# --- "Talk to a moderator" ------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.post(TALK_URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Report.objects.count() == 0


def test_the_talk_page_has_one_h1_and_the_button(member_client):
    html = member_client.get(TALK_URL).content.decode()
    assert html.count("<h1") == 1 and f'action="{TALK_URL}"' in html


def test_asking_to_talk_alerts_moderators_with_only_that_someone_asked(member_client, member, moderator):
    response = member_client.post(TALK_URL, {"next": "/groups/harbour/"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "A moderator will reach out" in html and 'href="/groups/harbour/"' in html
    report = Report.objects.get()
    assert (report.member, report.detail, report.priority, report.reason) == (
        member,
        ASKED_TO_TALK,
        True,
        ReportReason.AT_RISK,
    )
    [notification] = notified(moderator)
    assert "asked to talk" in notification.text and "Urgent" in notification.text


def test_asking_again_within_the_hour_does_not_alert_twice(member_client, moderator):
    member_client.post(TALK_URL)
    member_client.post(TALK_URL)
    assert Report.objects.count() == 1 and len(notified(moderator)) == 1


def test_an_htmx_request_gets_only_the_confirmation(member_client):
    response = member_client.post(TALK_URL, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="talk-to-moderator"' in html and "<h1" not in html and "<html" not in html


def test_the_groups_facilitators_hear_when_the_writer_is_a_member(harbour, client):
    group, people = harbour
    client.force_login(people["writer"])
    client.post(TALK_URL, {"group": group.pk})
    assert Report.objects.get().group == group
    assert len(notified(people["facilitator"])) == 1 and notified(people["other"]) == []


def test_a_group_the_writer_cannot_read_is_ignored(harbour, outsider_client):
    group, people = harbour
    group.visibility = "unlisted"
    group.save()
    response = outsider_client.post(TALK_URL, {"group": group.pk})
    assert response.status_code == 200
    assert Report.objects.get().group is None
    assert notified(people["facilitator"]) == []


@pytest.mark.parametrize("value", ["", "abc", "999999", "1; drop table"])
def test_a_bad_group_value_never_stops_the_request(member_client, value):
    assert member_client.post(TALK_URL, {"group": value}).status_code == 200
    assert Report.objects.count() == 1


def test_a_next_address_on_another_site_is_not_offered(member_client):
    html = member_client.post(TALK_URL, {"next": "https://evil.example/"}).content.decode()
    assert "evil.example" not in html


def test_only_get_and_post_are_allowed(member_client):
    assert member_client.delete(TALK_URL).status_code == 405

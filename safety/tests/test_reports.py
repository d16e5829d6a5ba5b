"""Reporting a post, a note or a member: who may report what, one open report each, and the at-risk report."""

from types import SimpleNamespace

import pytest
from django.test import Client

from conftest import make_member
from groups.models import Group, GroupRole, Membership, Post, SupportNote, Thread
from moderation.models import Report, ReportReason, ReportStatus
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def build_world(member, moderator=None):
    """Harbour (where Wren writes and Robin and Sam read, hosted by Hana) and Other (hosted by Otto)."""
    harbour = Group.objects.create(slug="harbour", name="Harbour", kind="peer_led")
    other = Group.objects.create(slug="other", name="Other", kind="peer_led")
    writer = make_member("writer", display_name="Wren")
    reader = make_member("reader", display_name="Sam")
    host = make_member("host", display_name="Hana")
    other_host = make_member("otherhost", display_name="Otto")
    for user in (member, writer, reader):
        Membership.objects.create(group=harbour, user=user)
    Membership.objects.create(group=harbour, user=host, role=GroupRole.FACILITATOR)
    Membership.objects.create(group=other, user=other_host, role=GroupRole.MODERATOR)
    thread = Thread.objects.create(group=harbour, author=writer, title="Evenings", post_count=1)
    post = Post.objects.create(thread=thread, author=writer, number=1, body="Hello", html="<p>Hello there</p>")
    note = SupportNote.objects.create(
        sender=writer, recipient=member, group=harbour, body="Hi", html="<p>Keep going</p>"
    )
    return SimpleNamespace(
        harbour=harbour,
        other=other,
        writer=writer,
        reader=reader,
        host=host,
        other_host=other_host,
        thread=thread,
        post=post,
        note=note,
        moderator=moderator,
    )


@pytest.fixture
def world(member, moderator):
    return build_world(member, moderator)


def test_report_form_lists_at_risk_first(member_client, world):
    response = member_client.get(f"/report/post/{world.post.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert html.index("Someone may be at risk") < html.index("Harassment or bullying")
    assert 'name="robots" content="noindex, nofollow"' in html


def test_member_reports_a_post_they_can_see(member_client, member, world):
    response = member_client.post(f"/report/post/{world.post.pk}/", {"reason": "harassment", "detail": "Rude."})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/report/{report.pk}/thanks/"
    assert (report.reporter, report.member, report.post, report.group) == (
        member,
        world.writer,
        world.post,
        world.harbour,
    )
    assert report.status == ReportStatus.OPEN and not report.priority
    thanks = member_client.get(response["Location"]).content.decode()
    assert "Thank you for telling us" in thanks
    assert "/me/blocks/add/writer/" in thanks  # the option to block the person


def test_reporting_the_same_post_twice_answers_kindly(member_client, world):
    member_client.post(f"/report/post/{world.post.pk}/", {"reason": "spam"})
    response = member_client.post(f"/report/post/{world.post.pk}/", {"reason": "spam"}, follow=True)
    assert Report.objects.count() == 1
    assert "You already reported this" in response.content.decode()


def test_outsider_and_member_of_another_group_cannot_report_what_they_cannot_see(outsider_client, world):
    assert outsider_client.get(f"/report/post/{world.post.pk}/").status_code == 404
    assert outsider_client.post(f"/report/post/{world.post.pk}/", {"reason": "spam"}).status_code == 404
    other_host = client_for(world.other_host)
    assert other_host.post(f"/report/post/{world.post.pk}/", {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client, world):
    for url in (f"/report/post/{world.post.pk}/", f"/report/note/{world.note.pk}/", "/report/member/writer/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_blocked_person_cannot_report_what_they_no_longer_see(member_client, member, world):
    from accounts.models import Block

    Block.objects.create(blocker=world.writer, blocked=member)
    assert member_client.get(f"/report/post/{world.post.pk}/").status_code == 404


def test_member_cannot_report_their_own_post(world):
    writer = client_for(world.writer)
    assert writer.get(f"/report/post/{world.post.pk}/").status_code == 404


def test_only_the_recipient_can_report_a_note(member_client, world):
    assert client_for(world.reader).get(f"/report/note/{world.note.pk}/").status_code == 404
    response = member_client.post(f"/report/note/{world.note.pk}/", {"reason": "harassment"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.note == world.note and report.member == world.writer and report.group == world.harbour


def test_member_reports_a_member_in_a_group(member_client, world):
    response = member_client.post("/report/member/writer/?group=harbour", {"reason": "guidelines", "detail": "x"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.member == world.writer and report.group == world.harbour and report.post is None


def test_reporting_a_member_in_an_unknown_group_or_unknown_member_is_404(member_client, world):
    assert member_client.get("/report/member/writer/?group=nowhere").status_code == 404
    assert member_client.get("/report/member/nobody/").status_code == 404
    assert member_client.get("/report/member/member/").status_code == 404  # oneself


def test_bad_reason_is_refused_with_the_field_named(member_client, world):
    response = member_client.post(f"/report/post/{world.post.pk}/", {"reason": "nonsense"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Report.objects.exists()
    long = member_client.post(f"/report/post/{world.post.pk}/", {"reason": "spam", "detail": "x" * 5000})
    assert long.status_code == 200 and not Report.objects.exists()


def test_someone_may_be_at_risk_alerts_moderators_and_quietly_tells_the_person(member_client, member, world):
    response = member_client.post(f"/report/post/{world.post.pk}/", {"reason": ReportReason.AT_RISK})
    report = Report.objects.get()
    assert report.priority and report.reporter == member
    # The site's moderator and the group's staff are alerted, linking to the report.
    alerted = set(Notification.objects.filter(kind="at_risk_alert").values_list("user__username", flat=True))
    assert {"moderator", "host"} <= alerted and "otherhost" not in alerted
    alert = Notification.objects.filter(kind="at_risk_alert", user=world.moderator).get()
    assert alert.url == f"/moderation/reports/{report.pk}/"
    # The person is told that someone cares, never who reported nor that it was a report, nor what was written.
    told = Notification.objects.get(user=world.writer)
    assert told.url == "/help/"
    assert "thinking of you" in told.text
    for word in ("Robin", "member", "report", "Hello"):
        assert word.lower() not in told.text.lower()
    # The reporter is thanked and shown the way to help too.
    thanks = member_client.get(response["Location"]).content.decode()
    assert 'href="/help/"' in thanks and "help is there for you too" in thanks
    # Nobody else hears of it.
    assert not Notification.objects.filter(user=world.reader).exists()


def test_at_risk_report_on_a_note_tells_its_writer_only(member_client, world):
    member_client.post(f"/report/note/{world.note.pk}/", {"reason": ReportReason.AT_RISK})
    assert Notification.objects.filter(user=world.writer, kind="someone_cares").count() == 1
    assert Report.objects.get().priority


def test_reporter_sees_only_their_own_confirmation(member_client, world):
    member_client.post(f"/report/post/{world.post.pk}/", {"reason": "spam"})
    report = Report.objects.get()
    assert client_for(world.reader).get(f"/report/{report.pk}/thanks/").status_code == 404

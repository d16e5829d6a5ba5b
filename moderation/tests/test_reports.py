"""Reporting a post, a note or a member: who may report what, one open report each, and the at-risk report."""

import pytest

from conftest import client_for
from moderation.models import Report, ReportReason, ReportStatus
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_report_form_lists_at_risk_first(member_client, group_world):
    response = member_client.get(f"/report/post/{group_world.post.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert html.index("Someone may be at risk") < html.index("Harassment or bullying")
    assert 'name="robots" content="noindex, nofollow"' in html


def test_member_reports_a_post_they_can_see(member_client, member, group_world):
    response = member_client.post(f"/report/post/{group_world.post.pk}/", {"reason": "harassment", "detail": "Rude."})
    report = Report.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/report/{report.pk}/thanks/"
    assert (report.reporter, report.member, report.post, report.group) == (
        member,
        group_world.writer,
        group_world.post,
        group_world.harbour,
    )
    assert report.status == ReportStatus.OPEN and not report.priority
    thanks = member_client.get(response["Location"]).content.decode()
    assert "Thank you for telling us" in thanks
    assert "/me/blocks/add/writer/" in thanks  # the option to block the person


def test_reporting_the_same_post_twice_answers_kindly(member_client, group_world):
    member_client.post(f"/report/post/{group_world.post.pk}/", {"reason": "spam"})
    response = member_client.post(f"/report/post/{group_world.post.pk}/", {"reason": "spam"}, follow=True)
    assert Report.objects.count() == 1
    assert "You already reported this" in response.content.decode()


def test_outsider_and_member_of_another_group_cannot_report_what_they_cannot_see(outsider_client, group_world):
    assert outsider_client.get(f"/report/post/{group_world.post.pk}/").status_code == 404
    assert outsider_client.post(f"/report/post/{group_world.post.pk}/", {"reason": "spam"}).status_code == 404
    other_host = client_for(group_world.other_host)
    assert other_host.post(f"/report/post/{group_world.post.pk}/", {"reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


def test_anonymous_visitor_is_sent_to_log_in(client, group_world):
    for url in (
        f"/report/post/{group_world.post.pk}/",
        f"/report/note/{group_world.note.pk}/",
        "/report/member/writer/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_blocked_person_cannot_report_what_they_no_longer_see(member_client, member, group_world):
    from accounts.models import Block

    Block.objects.create(blocker=group_world.writer, blocked=member)
    assert member_client.get(f"/report/post/{group_world.post.pk}/").status_code == 404


def test_member_cannot_report_their_own_post(group_world):
    writer = client_for(group_world.writer)
    assert writer.get(f"/report/post/{group_world.post.pk}/").status_code == 404


def test_only_the_recipient_can_report_a_note(member_client, group_world):
    assert client_for(group_world.reader).get(f"/report/note/{group_world.note.pk}/").status_code == 404
    response = member_client.post(f"/report/note/{group_world.note.pk}/", {"reason": "harassment"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (
        report.note == group_world.note and report.member == group_world.writer and report.group == group_world.harbour
    )


def test_member_reports_a_member_in_a_group(member_client, group_world):
    response = member_client.post("/report/member/writer/?group=harbour", {"reason": "guidelines", "detail": "x"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.member == group_world.writer and report.group == group_world.harbour and report.post is None


def test_reporting_a_member_in_an_unknown_group_or_unknown_member_is_404(member_client, group_world):
    assert member_client.get("/report/member/writer/?group=nowhere").status_code == 404
    assert member_client.get("/report/member/nobody/").status_code == 404
    assert member_client.get("/report/member/member/").status_code == 404  # oneself


def test_bad_reason_is_refused_with_the_field_named(member_client, group_world):
    response = member_client.post(f"/report/post/{group_world.post.pk}/", {"reason": "nonsense"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    assert not Report.objects.exists()
    long = member_client.post(f"/report/post/{group_world.post.pk}/", {"reason": "spam", "detail": "x" * 5000})
    assert long.status_code == 200 and not Report.objects.exists()


def test_someone_may_be_at_risk_alerts_moderators_and_quietly_tells_the_person(member_client, member, group_world):
    response = member_client.post(f"/report/post/{group_world.post.pk}/", {"reason": ReportReason.AT_RISK})
    report = Report.objects.get()
    assert report.priority and report.reporter == member
    # The group's staff are alerted first, linking to the report (the site's moderators if nobody takes it in time).
    alerted = set(Notification.objects.filter(kind="at_risk_alert").values_list("user__username", flat=True))
    assert alerted == {"host"}
    alert = Notification.objects.filter(kind="at_risk_alert", user=group_world.host).get()
    assert alert.url == f"/moderation/reports/{report.pk}/"
    # The person is told that someone cares, never who reported nor that it was a report, nor what was written.
    told = Notification.objects.get(user=group_world.writer)
    assert told.url == "/help/"
    assert "thinking of you" in told.text
    for word in ("Robin", "member", "report", "Hello"):
        assert word.lower() not in told.text.lower()
    # The reporter is thanked and shown the way to help too.
    thanks = member_client.get(response["Location"]).content.decode()
    assert 'href="/help/"' in thanks and "help is there for you too" in thanks
    # Nobody else hears of it.
    assert not Notification.objects.filter(user=group_world.reader).exists()


def test_at_risk_report_on_a_note_tells_its_writer_only(member_client, group_world):
    member_client.post(f"/report/note/{group_world.note.pk}/", {"reason": ReportReason.AT_RISK})
    assert Notification.objects.filter(user=group_world.writer, kind="someone_cares").count() == 1
    assert Report.objects.get().priority


def test_reporter_sees_only_their_own_confirmation(member_client, group_world):
    member_client.post(f"/report/post/{group_world.post.pk}/", {"reason": "spam"})
    report = Report.objects.get()
    assert client_for(group_world.reader).get(f"/report/{report.pk}/thanks/").status_code == 404

"""Posts and notes flagged by several different members wait, hidden, for a moderator."""

import pytest

from conftest import client_for, make_member
from groups.models import ContentStatus, Membership, Post, SupportNote
from moderation.models import ReportReason

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _two_flags_hide(settings):
    settings.FLAGS_TO_HIDE = 2


def _flaggers(group_world, n):
    users = [make_member(f"flagger{i}") for i in range(n)]
    for user in users:
        Membership.objects.create(group=group_world.harbour, user=user)
    return users


def test_post_is_hidden_pending_review_after_n_reports_from_different_members(group_world):
    first, second = _flaggers(group_world, 2)
    client_for(first).post(f"/report/post/{group_world.post.pk}/", {"reason": "spam"})
    group_world.post.refresh_from_db()
    assert (group_world.post.status, group_world.post.flag_count) == (ContentStatus.VISIBLE, 1)
    client_for(second).post(f"/report/post/{group_world.post.pk}/", {"reason": "harassment"})
    group_world.post.refresh_from_db()
    assert (group_world.post.status, group_world.post.flag_count) == (ContentStatus.PENDING_REVIEW, 2)


def test_hidden_pending_review_shows_to_its_author_and_moderators_only(group_world, member):
    group_world.post.status = ContentStatus.PENDING_REVIEW
    group_world.post.save()
    assert not Post.objects.visible_to(member).filter(pk=group_world.post.pk).exists()
    assert Post.objects.visible_to(group_world.writer).filter(pk=group_world.post.pk).exists()
    assert not Post.objects.visible_to(group_world.reader).filter(pk=group_world.post.pk).exists()


def test_the_same_member_reporting_twice_counts_once(group_world, member):
    member_client = client_for(member)
    member_client.post(f"/report/post/{group_world.post.pk}/", {"reason": "spam"})
    member_client.post(f"/report/post/{group_world.post.pk}/", {"reason": "harassment"})
    group_world.post.refresh_from_db()
    assert (group_world.post.status, group_world.post.flag_count) == (ContentStatus.VISIBLE, 1)


def test_at_risk_reports_never_hide_a_cry_for_help(group_world):
    for user in _flaggers(group_world, 3):
        client_for(user).post(f"/report/post/{group_world.post.pk}/", {"reason": ReportReason.AT_RISK})
    group_world.post.refresh_from_db()
    assert group_world.post.status == ContentStatus.VISIBLE and group_world.post.flag_count == 0


def test_note_flagged_enough_is_hidden_from_its_recipient(group_world, member, settings):
    # A note has one recipient, so the threshold can only be met when it is 1.
    settings.FLAGS_TO_HIDE = 1
    client_for(member).post(f"/report/note/{group_world.note.pk}/", {"reason": "harassment"})
    group_world.note.refresh_from_db()
    assert group_world.note.status == ContentStatus.PENDING_REVIEW and group_world.note.flag_count == 1
    assert not SupportNote.objects.received_by(member).exists()


def test_dismissing_restores_the_post_and_resets_the_flags(group_world):
    first, second = _flaggers(group_world, 2)
    client_for(first).post(f"/report/post/{group_world.post.pk}/", {"reason": "spam"})
    client_for(second).post(f"/report/post/{group_world.post.pk}/", {"reason": "spam"})
    report = group_world.post.reports.first()
    moderator = client_for(group_world.moderator)
    assert group_world.post.html in moderator.get(f"/moderation/reports/{report.pk}/").content.decode()
    assert moderator.post(f"/moderation/reports/{report.pk}/dismiss/").status_code == 302
    group_world.post.refresh_from_db()
    assert (group_world.post.status, group_world.post.flag_count) == (ContentStatus.VISIBLE, 0)
    assert not group_world.post.reports.filter(status="open").exists()


def test_hiding_a_flagged_post_closes_its_flags(group_world):
    first, second = _flaggers(group_world, 2)
    client_for(first).post(f"/report/post/{group_world.post.pk}/", {"reason": "spam"})
    client_for(second).post(f"/report/post/{group_world.post.pk}/", {"reason": "spam"})
    report = group_world.post.reports.first()
    client_for(group_world.host).post(f"/moderation/reports/{report.pk}/", {"kind": "hide", "reason": "Off topic."})
    group_world.post.refresh_from_db()
    assert (group_world.post.status, group_world.post.flag_count) == (ContentStatus.HIDDEN, 0)
    assert set(group_world.post.reports.values_list("status", flat=True)) == {"actioned"}

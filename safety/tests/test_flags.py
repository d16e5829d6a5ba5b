"""Posts and notes flagged by several different members wait, hidden, for a moderator."""

import pytest

from conftest import make_member
from groups.models import ContentStatus, Membership, Post, SupportNote
from moderation.models import ReportReason

from .test_reports import build_world, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(member, moderator, settings):
    settings.FLAGS_TO_HIDE = 2
    return build_world(member, moderator)


def _flaggers(world, n):
    users = [make_member(f"flagger{i}") for i in range(n)]
    for user in users:
        Membership.objects.create(group=world.harbour, user=user)
    return users


def test_post_is_hidden_pending_review_after_n_reports_from_different_members(world):
    first, second = _flaggers(world, 2)
    client_for(first).post(f"/report/post/{world.post.pk}/", {"reason": "spam"})
    world.post.refresh_from_db()
    assert (world.post.status, world.post.flag_count) == (ContentStatus.VISIBLE, 1)
    client_for(second).post(f"/report/post/{world.post.pk}/", {"reason": "harassment"})
    world.post.refresh_from_db()
    assert (world.post.status, world.post.flag_count) == (ContentStatus.PENDING_REVIEW, 2)


def test_hidden_pending_review_shows_to_its_author_and_moderators_only(world, member):
    world.post.status = ContentStatus.PENDING_REVIEW
    world.post.save()
    assert not Post.objects.visible_to(member).filter(pk=world.post.pk).exists()
    assert Post.objects.visible_to(world.writer).filter(pk=world.post.pk).exists()
    assert not Post.objects.visible_to(world.reader).filter(pk=world.post.pk).exists()


def test_the_same_member_reporting_twice_counts_once(world, member):
    member_client = client_for(member)
    member_client.post(f"/report/post/{world.post.pk}/", {"reason": "spam"})
    member_client.post(f"/report/post/{world.post.pk}/", {"reason": "harassment"})
    world.post.refresh_from_db()
    assert (world.post.status, world.post.flag_count) == (ContentStatus.VISIBLE, 1)


def test_at_risk_reports_never_hide_a_cry_for_help(world):
    for user in _flaggers(world, 3):
        client_for(user).post(f"/report/post/{world.post.pk}/", {"reason": ReportReason.AT_RISK})
    world.post.refresh_from_db()
    assert world.post.status == ContentStatus.VISIBLE and world.post.flag_count == 0


def test_note_flagged_enough_is_hidden_from_its_recipient(world, member, settings):
    # A note has one recipient, so the threshold can only be met when it is 1.
    settings.FLAGS_TO_HIDE = 1
    client_for(member).post(f"/report/note/{world.note.pk}/", {"reason": "harassment"})
    world.note.refresh_from_db()
    assert world.note.status == ContentStatus.PENDING_REVIEW and world.note.flag_count == 1
    assert not SupportNote.objects.received_by(member).exists()


def test_dismissing_restores_the_post_and_resets_the_flags(world):
    first, second = _flaggers(world, 2)
    client_for(first).post(f"/report/post/{world.post.pk}/", {"reason": "spam"})
    client_for(second).post(f"/report/post/{world.post.pk}/", {"reason": "spam"})
    report = world.post.reports.first()
    moderator = client_for(world.moderator)
    assert world.post.html in moderator.get(f"/moderation/reports/{report.pk}/").content.decode()
    assert moderator.post(f"/moderation/reports/{report.pk}/dismiss/").status_code == 302
    world.post.refresh_from_db()
    assert (world.post.status, world.post.flag_count) == (ContentStatus.VISIBLE, 0)
    assert not world.post.reports.filter(status="open").exists()


def test_hiding_a_flagged_post_closes_its_flags(world):
    first, second = _flaggers(world, 2)
    client_for(first).post(f"/report/post/{world.post.pk}/", {"reason": "spam"})
    client_for(second).post(f"/report/post/{world.post.pk}/", {"reason": "spam"})
    report = world.post.reports.first()
    client_for(world.host).post(f"/moderation/reports/{report.pk}/", {"kind": "hide", "reason": "Off topic."})
    world.post.refresh_from_db()
    assert (world.post.status, world.post.flag_count) == (ContentStatus.HIDDEN, 0)
    assert set(world.post.reports.values_list("status", flat=True)) == {"actioned"}

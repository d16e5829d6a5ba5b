"""Blocks take effect at once, both ways, and the blocked person is not told."""

import pytest

from accounts.models import Block
from conftest import client_for
from groups.models import Post, SupportNote
from moderation.services import actions
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_blocking_hides_posts_and_notes_both_ways_at_once(member_client, member, group_world):
    assert Post.objects.visible_to(member).filter(pk=group_world.post.pk).exists()
    page = member_client.get("/me/blocks/add/writer/").content.decode()
    assert "Block Wren?" in page and page.count("<h1") == 1
    response = member_client.post("/me/blocks/add/writer/")
    assert response.status_code == 302 and response["Location"] == "/me/blocks/"
    assert Block.objects.filter(blocker=member, blocked=group_world.writer).exists()
    assert not Post.objects.visible_to(member).filter(pk=group_world.post.pk).exists()
    assert not SupportNote.objects.received_by(member).exists()
    mine = Post.objects.create(thread=group_world.thread, author=member, number=2, body="b", html="<p>b</p>")
    assert not Post.objects.visible_to(group_world.writer).filter(pk=mine.pk).exists()
    assert Post.objects.visible_to(group_world.reader).filter(pk=mine.pk).exists()  # others are unaffected
    assert not Notification.objects.filter(user=group_world.writer).exists()  # not told


def test_blocked_member_cannot_see_the_blockers_notes(member, group_world):
    note = SupportNote.objects.create(sender=member, recipient=group_world.writer, body="x", html="<p>x</p>")
    Block.objects.create(blocker=member, blocked=group_world.writer)
    assert not SupportNote.objects.received_by(group_world.writer).filter(pk=note.pk).exists()


def test_block_list_and_unblock(member_client, member, group_world):
    Block.objects.create(blocker=member, blocked=group_world.writer)
    page = member_client.get("/me/blocks/").content.decode()
    assert "Wren" in page and "Unblock Wren" in page
    assert member_client.post("/me/blocks/writer/unblock/").status_code == 302
    assert not Block.objects.exists()
    assert Post.objects.visible_to(member).filter(pk=group_world.post.pk).exists()


def test_unblock_is_post_only_and_list_shows_only_my_blocks(member_client, member, group_world):
    Block.objects.create(blocker=group_world.reader, blocked=group_world.writer)
    assert "Wren" not in member_client.get("/me/blocks/").content.decode()
    assert member_client.get("/me/blocks/writer/unblock/").status_code == 405


def test_a_member_cannot_block_themselves(member_client):
    page = member_client.get("/me/blocks/add/member/").content.decode()
    assert "can't block yourself" in page
    member_client.post("/me/blocks/add/member/")
    assert not Block.objects.exists()


def test_blocking_twice_is_harmless(member_client, member, group_world):
    member_client.post("/me/blocks/add/writer/")
    member_client.post("/me/blocks/add/writer/")
    assert Block.objects.count() == 1


def test_an_unknown_name_answers_like_a_member_and_anonymous_is_sent_to_log_in(member_client, group_world):
    from django.test import Client

    assert member_client.get("/me/blocks/add/nobody/").status_code == 200
    for url in ("/me/blocks/", "/me/blocks/add/writer/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_blocking_a_moderator_hides_their_posts_but_not_their_notices_nor_me_from_moderation(member, group_world):
    from groups.models import Membership
    from moderation.models import Report

    Membership.objects.create(group=group_world.harbour, user=group_world.moderator)
    mod_post = Post.objects.create(
        thread=group_world.thread, author=group_world.moderator, number=2, body="m", html="<p>m</p>"
    )
    mine = Post.objects.create(thread=group_world.thread, author=member, number=3, body="r", html="<p>mine</p>")
    client_for(member).post("/me/blocks/add/moderator/")
    assert not Post.objects.visible_to(member).filter(pk=mod_post.pk).exists()
    # A report about the blocker's post still reaches the moderator, content included.
    report = Report.objects.create(
        reporter=group_world.reader, member=member, post=mine, group=group_world.harbour, reason="spam"
    )
    page = client_for(group_world.moderator).get(f"/moderation/reports/{report.pk}/").content.decode()
    assert "<p>mine</p>" in page
    actions.take_action(group_world.moderator, kind="warn", member=member, reason="Please be kind.", report=report)
    assert Notification.objects.filter(user=member, kind="moderation_action").exists()


def test_blocking_parts_ways_connection_requests_and_shares_both_ways(member, sponsor):
    from accounts.blocks import block
    from accounts.connections import request_connection
    from accounts.models import Connection, ConnectionRequest
    from accounts.services import connect
    from conftest import make_member
    from journey.models import Share, today_for
    from journey.services.counters import create_counter
    from journey.services.sharing import share_item

    connect(member, sponsor)
    mine = create_counter(member, pathway="alcohol", start_date=today_for(member), today=today_for(member))
    theirs = create_counter(sponsor, pathway="gambling", start_date=today_for(sponsor), today=today_for(sponsor))
    share_item(member, mine, to_user=sponsor)
    share_item(sponsor, theirs, to_user=member)
    other = make_member("third")
    request_connection(other, member)
    block(member, sponsor)
    assert not Connection.between(member, sponsor)
    assert not Share.objects.exists()
    assert ConnectionRequest.objects.filter(from_user=other, status="pending").exists()  # others untouched

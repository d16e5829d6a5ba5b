"""Reactions of support (in place of likes) and mentions that notify once, never carrying what was written."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_member
from groups.models import Group, Mention, Reaction
from groups.services import discussion as services
from notifications.models import Notification

from .helpers import block, join, make_group, thread_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def first(thread):
    return thread.posts.get(number=1)


def react_url(post):
    return reverse("groups:react", args=[post.pk])


# --- reactions -----------------------------------------------------------------------------------------------


def test_member_reacts_and_sees_the_count_and_their_own_highlighted(member_client, member, first, thread):
    response = member_client.post(react_url(first), {"kind": "strength"})
    assert response.status_code == 302
    assert Reaction.objects.filter(post=first, user=member, kind="strength").exists()
    page = member_client.get(thread_url(thread)).content.decode()
    assert 'class="reaction reaction-mine" aria-pressed="true">Sending strength <span class="count">1</span>' in page


def test_reacting_twice_is_one_reaction_and_remove_takes_it_back(member_client, member, first):
    member_client.post(react_url(first), {"kind": "me_too"})
    member_client.post(react_url(first), {"kind": "me_too"})
    assert Reaction.objects.filter(post=first).count() == 1
    member_client.post(react_url(first), {"kind": "me_too", "op": "remove"})
    assert not Reaction.objects.exists()


def test_the_three_kinds_are_support_not_likes(member_client, first, thread):
    page = member_client.get(thread_url(thread)).content.decode()
    for label in ("Thank you", "Me too", "Sending strength"):
        assert label in page
    assert "Like" not in page


def test_unknown_reaction_kind_is_refused(member_client, first):
    member_client.post(react_url(first), {"kind": "like"})
    assert not Reaction.objects.exists()


def test_outsider_cannot_react(outsider_client, first):
    assert outsider_client.post(react_url(first), {"kind": "strength"}).status_code == 404
    assert not Reaction.objects.exists()


def test_site_reader_who_is_not_a_member_cannot_react(outsider_client, first, group):
    Group.objects.filter(pk=group.pk).update(readable_by_site_members=True)
    outsider_client.post(react_url(first), {"kind": "strength"})
    assert not Reaction.objects.exists()


def test_blocked_person_cannot_react_to_the_blocker(member_client, member, sponsor, first):
    block(sponsor, member)
    assert member_client.post(react_url(first), {"kind": "strength"}).status_code == 404
    assert not Reaction.objects.exists()


def test_react_needs_post(member_client, first):
    assert member_client.get(react_url(first)).status_code == 405


def test_reactions_on_a_deleted_post_are_refused(member_client, sponsor, first):
    services.delete_own_post(sponsor, first)
    member_client.post(react_url(first), {"kind": "strength"})
    assert not Reaction.objects.exists()


# --- mentions ------------------------------------------------------------------------------------------------


def test_a_mention_notifies_once_without_the_words(member, sponsor, thread):
    post = services.reply(sponsor, thread, body="@member the secret words of my relapse")
    assert '<span class="mention">@member</span>' in post.html
    notes = Notification.objects.filter(user=member, kind="group_mention")
    assert notes.count() == 1
    note = notes.get()
    assert note.text == "Sam mentioned you in Harbour"
    assert "secret" not in note.text and "relapse" not in note.text
    assert note.url == reverse("groups:post_link", args=[post.pk])


def test_naming_someone_twice_or_editing_does_not_notify_again(member, sponsor, thread):
    post = services.reply(sponsor, thread, body="@member and again @member")
    services.edit_post(sponsor, post, "@member, edited")
    assert Notification.objects.filter(user=member, kind="group_mention").count() == 1
    assert Mention.objects.filter(post=post).count() == 1


def test_an_edit_that_adds_a_mention_notifies_the_new_person(member, sponsor, thread, group):
    third = make_member("third")
    join(third, group)
    post = services.reply(sponsor, thread, body="@member hi")
    services.edit_post(sponsor, post, "@member and @third hi")
    assert Notification.objects.filter(user=third, kind="group_mention").count() == 1


def test_a_mention_of_someone_outside_the_group_is_not_stored_nor_notified(outsider, sponsor, thread):
    post = services.reply(sponsor, thread, body="hey @outsider")
    assert not Mention.objects.exists()
    assert not Notification.objects.filter(user=outsider).exists()
    assert '<span class="mention">@outsider</span>' in post.html


def test_a_mention_of_a_blocked_person_is_not_notified(member, sponsor, thread):
    block(member, sponsor)
    post = services.reply(sponsor, thread, body="hey @member")
    assert not Mention.objects.exists()
    assert not Notification.objects.filter(user=member, kind="group_mention").exists()
    assert '<span class="mention">@member</span>' in post.html


def test_a_mention_looks_the_same_whoever_it_names(member, sponsor, outsider, thread):
    """A member of the group, an outsider, someone who blocked the writer and a name nobody has: the writer (and
    every reader) sees the same mark, so a post never tells who is a member or who blocked whom."""
    third = make_member("third")
    block(third, sponsor)
    names = ["member", "outsider", "third", "nobody_here"]
    post = services.reply(sponsor, thread, body=" ".join(f"@{name}" for name in names))
    for name in names:
        assert f'<span class="mention">@{name}</span>' in post.html
    assert list(Mention.objects.values_list("user__username", flat=True)) == ["member"]


def test_a_mention_by_someone_who_keeps_their_name_private_says_a_member(member, sponsor, thread):
    sponsor.display_name_visibility = "only_me"
    sponsor.save()
    services.reply(sponsor, thread, body="@member hi")
    assert Notification.objects.get(user=member).text == "A member mentioned you in Harbour"


def test_mentioning_oneself_does_nothing(sponsor, thread):
    services.reply(sponsor, thread, body="note to @sponsor")
    assert not Mention.objects.exists()


def test_mention_through_the_page(member_client, member, sponsor, thread):
    member_client.post(thread_url(thread), {"body": "thank you @Sponsor"})
    assert Notification.objects.filter(user=sponsor, kind="group_mention").count() == 1


# --- replies to my thread ------------------------------------------------------------------------------------


def test_the_thread_author_hears_of_a_reply_once_until_they_read_it_without_the_words(member, sponsor, thread):
    services.reply(member, thread, body="my private story")
    services.reply(member, thread, body="and more")
    notices = Notification.objects.filter(user=sponsor, kind="group_reply")
    assert notices.count() == 1
    assert notices.get().text == "Robin replied to your thread in Harbour"
    notices.update(read_at=timezone.now())
    services.reply(member, thread, body="a third")
    assert notices.count() == 2


def test_no_reply_notice_to_oneself_or_when_mentioned(member, sponsor, thread):
    services.reply(sponsor, thread, body="my own reply")
    services.reply(member, thread, body="@sponsor hi")
    assert not Notification.objects.filter(user=sponsor, kind="group_reply").exists()
    assert Notification.objects.filter(user=sponsor, kind="group_mention").count() == 1


def test_no_reply_notice_after_the_author_left_the_group(member, sponsor, thread, group):
    from groups.models import Membership

    Membership.objects.filter(user=sponsor, group=group).delete()
    services.reply(member, thread, body="hello")
    assert not Notification.objects.filter(user=sponsor).exists()


def test_with_htmx_a_reaction_answers_just_the_posts_reactions(member_client, member, sponsor):
    from groups.services.discussion import start_thread

    group = make_group(slug="htmx-circle")
    join(member, group)
    join(sponsor, group)
    post = start_thread(sponsor, group, title="Hi", body="Hello all").posts.get(number=1)
    response = member_client.post(f"/groups/posts/{post.pk}/react/", {"kind": "strength"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<h1" not in html
    assert 'aria-pressed="true"' in html and '<span class="count">1</span>' in html
    assert 'id="live-status"' in html and 'hx-swap-oob="true"' in html
    # Without HTMX the same press goes back to the post.
    plain = member_client.post(f"/groups/posts/{post.pk}/react/", {"kind": "me_too"})
    assert plain.status_code == 302

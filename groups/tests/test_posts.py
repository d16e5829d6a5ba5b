"""Replies: numbering, quotes, edit window, deleting one's own, hidden posts, slow mode, a new member's limits, the
crisis-language flow (English and Spanish, idioms that must not trigger) and blocks."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import make_member
from groups.models import ContentStatus, Group, Post, Thread
from groups.services import discussion as services
from moderation.models import Report
from notifications.models import Notification

from .helpers import add_posts, block, join, new_thread, seed_crisis_phrases, thread_url

pytestmark = pytest.mark.django_db


def trust_everyone(settings):
    settings.TRUST_MIN_DAYS = 0
    settings.TRUST_MIN_POSTS = 0


# --- replying ------------------------------------------------------------------------------------------------


def test_member_replies_and_lands_on_their_post(member_client, member, thread):
    response = member_client.post(thread_url(thread), {"body": "Evenings, yes. A walk helps me."})
    post = thread.posts.get(number=2)
    assert post.author == member
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:post_link", args=[post.pk])
    assert member_client.get(response["Location"])["Location"].endswith("?page=1#post-2")
    thread.refresh_from_db()
    assert thread.post_count == 2
    assert thread.last_post_at == post.created_at


def test_posts_are_numbered_one_after_another(member, sponsor, thread):
    numbers = [services.reply(user, thread, body=f"reply {i}").number for i, user in enumerate([member, sponsor] * 3)]
    assert numbers == [2, 3, 4, 5, 6, 7]


def test_empty_reply_shows_the_error_next_to_the_field(member_client, thread):
    response = member_client.post(thread_url(thread), {"body": "   "})
    assert response.status_code == 400
    assert 'id="id_body_error"' in response.content.decode()


def test_too_long_reply_is_refused(member_client, thread):
    response = member_client.post(thread_url(thread), {"body": "x" * (services.MAX_BODY + 1)})
    assert response.status_code == 400
    assert thread.posts.count() == 1


def test_outsider_cannot_reply(outsider_client, thread):
    assert outsider_client.post(thread_url(thread), {"body": "hi"}).status_code == 404
    assert thread.posts.count() == 1


def test_a_post_shows_its_authors_display_name_or_a_member(member_client, thread, sponsor):
    assert "Sam" in member_client.get(thread_url(thread)).content.decode()
    sponsor.display_name_visibility = "only_me"
    sponsor.save()
    content = member_client.get(thread_url(thread)).content.decode()
    assert "Sam" not in content.split("<h1")[1]
    assert "A member" in content


def test_a_name_kept_for_connections_is_shown_to_connections_only(member_client, member, thread, sponsor, client):
    """The accounts rule (accounts.connections.shown_name): a display name kept for connections no longer shows to
    every reader of the group, on the page or in the API."""
    from accounts.services import connect
    from conftest import auth

    sponsor.display_name_visibility = "connections"
    sponsor.save()
    content = member_client.get(thread_url(thread)).content.decode()
    assert "Sam" not in content.split("<h1")[1] and "A member" in content
    items = client.get(f"/api/v1/threads/{thread.pk}/posts", **auth(member)).json()["items"]
    assert items[0]["author"] == "A member"
    connect(member, sponsor)
    assert "Sam" in member_client.get(thread_url(thread)).content.decode().split("<h1")[1]
    items = client.get(f"/api/v1/threads/{thread.pk}/posts", **auth(member)).json()["items"]
    assert items[0]["author"] == "Sam"


# --- quotes --------------------------------------------------------------------------------------------------


def test_quote_link_prefills_the_reply_and_the_reply_shows_the_quote(member_client, thread):
    first = thread.posts.get(number=1)
    page = member_client.get(thread_url(thread) + f"?quote={first.pk}").content.decode()
    assert f'name="quote" value="{first.pk}"' in page
    member_client.post(thread_url(thread), {"body": "Same here.", "quote": first.pk})
    reply = thread.posts.get(number=2)
    assert reply.quote == first
    page = member_client.get(thread_url(thread)).content.decode()
    assert 'class="post-quote"' in page and "Sam wrote (#1)" in page


def test_a_deleted_quoted_post_shows_no_longer_available(member_client, member, sponsor, thread):
    first = thread.posts.get(number=1)
    services.reply(member, thread, body="Same here.", quote=first)
    services.delete_own_post(sponsor, first)
    page = member_client.get(thread_url(thread)).content.decode()
    assert "(no longer available)" in page


def test_a_hidden_quoted_post_shows_no_longer_available(member_client, member, thread):
    first = thread.posts.get(number=1)
    services.reply(member, thread, body="Same here.", quote=first)
    Post.objects.filter(pk=first.pk).update(status=ContentStatus.HIDDEN)
    assert "(no longer available)" in member_client.get(thread_url(thread)).content.decode()


def test_quote_from_another_thread_is_refused(member_client, member, group, sponsor, thread):
    other = new_thread(sponsor, group, title="Other")
    response = member_client.post(thread_url(thread), {"body": "x", "quote": other.posts.get().pk})
    assert response.status_code == 400
    assert thread.posts.count() == 1


# --- edit and delete -----------------------------------------------------------------------------------------


def test_author_edits_within_the_window_and_it_is_marked_edited(member_client, member, thread):
    post = services.reply(member, thread, body="first words")
    response = member_client.post(reverse("groups:post_edit", args=[post.pk]), {"body": "better words"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body == "better words" and post.html == "<p>better words</p>\n" and post.edited_at
    assert "edited" in member_client.get(thread_url(thread)).content.decode()


def test_edit_after_the_window_is_refused(member_client, member, thread, settings):
    post = services.reply(member, thread, body="first words")
    Post.objects.filter(pk=post.pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.POST_EDIT_MINUTES + 1)
    )
    member_client.post(reverse("groups:post_edit", args=[post.pk]), {"body": "too late"})
    post.refresh_from_db()
    assert post.body == "first words"


def test_edit_window_is_a_setting(member, thread, settings):
    settings.POST_EDIT_MINUTES = 0
    post = services.reply(member, thread, body="first words")
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(seconds=5))
    post.refresh_from_db()
    assert not services.can_edit(member, post)


def test_nobody_else_may_edit_or_delete_a_post(client, thread, member):
    """A post the member can read but did not write: 403, as the API answers (404 would hide nothing)."""
    first = thread.posts.get(number=1)
    client.force_login(member)
    assert client.post(reverse("groups:post_edit", args=[first.pk]), {"body": "mine now"}).status_code == 403
    assert client.post(reverse("groups:post_delete", args=[first.pk])).status_code == 403
    first.refresh_from_db()
    assert first.body == "Anyone else find evenings the hardest?" and first.deleted_at is None


def test_author_deletes_their_post_and_it_stays_as_deleted(member_client, member, thread):
    post = services.reply(member, thread, body="I said too much")
    assert member_client.get(reverse("groups:post_delete", args=[post.pk])).status_code == 200
    member_client.post(reverse("groups:post_delete", args=[post.pk]))
    post.refresh_from_db()
    assert post.deleted_at and post.body == "" and post.html == ""
    page = member_client.get(thread_url(thread)).content.decode()
    assert "This post was deleted by its author." in page and "I said too much" not in page


def test_a_post_hidden_by_a_moderator_is_shown_only_to_its_author_with_a_kind_notice(client, member, sponsor, thread):
    post = services.reply(member, thread, body="my words under review")
    Post.objects.filter(pk=post.pk).update(status=ContentStatus.PENDING_REVIEW)
    client.force_login(member)
    page = client.get(thread_url(thread)).content.decode()
    assert "my words under review" in page and "hidden while a moderator looks at it" in page
    client.force_login(sponsor)
    assert "my words under review" not in client.get(thread_url(thread)).content.decode()


# --- slow mode, daily limit, trust ---------------------------------------------------------------------------


def test_slow_mode_makes_a_member_wait_between_posts(member_client, member, thread, group):
    staff = make_member("fac")
    join(staff, group, "facilitator")
    services.set_slow_mode(staff, thread, 600)
    member_client.post(thread_url(thread), {"body": "one"})
    response = member_client.post(thread_url(thread), {"body": "two"})
    assert response.status_code == 400
    assert "slow mode" in response.content.decode()
    assert thread.posts.filter(author=member).count() == 1
    services.reply(staff, thread, body="staff are not slowed")
    services.reply(staff, thread, body="staff are not slowed, twice")


def test_a_new_member_has_a_daily_limit(member_client, member, thread, settings):
    settings.NEW_MEMBER_DAILY_POSTS = 2
    member_client.post(thread_url(thread), {"body": "one"})
    member_client.post(thread_url(thread), {"body": "two"})
    response = member_client.post(thread_url(thread), {"body": "three"})
    assert response.status_code == 400
    assert "New members can post 2 times a day" in response.content.decode()
    assert thread.posts.filter(author=member).count() == 2


def test_a_trusted_member_has_no_daily_limit(member, thread, settings):
    trust_everyone(settings)
    settings.NEW_MEMBER_DAILY_POSTS = 1
    for i in range(3):
        services.reply(member, thread, body=f"post {i}")
    assert list(thread.posts.filter(author=member).order_by("number").values_list("body", flat=True)) == [
        "post 0",
        "post 1",
        "post 2",
    ]


def test_a_new_members_links_show_as_words_and_a_trusted_members_as_links(member, thread, settings):
    new = services.reply(member, thread, body="see [the guide](https://example.org/guide)")
    assert "<a " not in new.html and "the guide" in new.html
    trust_everyone(settings)
    trusted = services.reply(member, thread, body="see [the guide](https://example.org/guide)")
    assert 'href="https://example.org/guide"' in trusted.html and 'rel="nofollow ugc noopener"' in trusted.html


def test_trust_needs_both_days_and_posts(member, thread, settings):
    settings.TRUST_MIN_DAYS = 0
    settings.TRUST_MIN_POSTS = 5
    assert "<a " not in services.reply(member, thread, body="[x](https://example.org)").html


def test_xss_in_a_post_is_inert_on_the_page(member_client, thread):
    member_client.post(thread_url(thread), {"body": '<script>alert("x")</script> [x](javascript:alert(1))'})
    page = member_client.get(thread_url(thread)).content.decode()
    assert '<script>alert("x")' not in page
    assert 'href="javascript:' not in page


# --- blocks --------------------------------------------------------------------------------------------------


def test_a_blocked_person_does_not_see_the_blockers_posts(client, member, sponsor, thread):
    post = services.reply(member, thread, body="words of the blocker")
    block(member, sponsor)
    client.force_login(sponsor)
    assert "words of the blocker" not in client.get(thread_url(thread)).content.decode()
    assert client.get(reverse("groups:post_link", args=[post.pk])).status_code == 404


def test_a_blocked_person_cannot_quote_the_blocker(client, member, sponsor, group):
    third = make_member("third")
    join(third, group)
    thread = new_thread(third, group)
    post = services.reply(member, thread, body="the blocker speaks")
    block(member, sponsor)
    client.force_login(sponsor)
    response = client.post(thread_url(thread), {"body": "quoting", "quote": post.pk})
    assert response.status_code == 400
    assert not thread.posts.filter(author=sponsor).exists()


def test_nobody_replies_in_a_thread_started_by_someone_they_block(member_client, member, sponsor, thread):
    block(member, sponsor)
    assert member_client.post(thread_url(thread), {"body": "hi"}).status_code == 404


# --- crisis language -----------------------------------------------------------------------------------------


@pytest.fixture
def phrases(db):
    seed_crisis_phrases()


@pytest.mark.parametrize(
    "body", ["Some nights I want to die.", "A veces quiero morir.", "I keep thinking I should kill myself"]
)
def test_crisis_language_offers_help_first_then_posts_with_one_more_press(member_client, member, thread, body, phrases):
    response = member_client.post(thread_url(thread), {"body": body})
    content = response.content.decode()
    assert response.status_code == 200
    assert not thread.posts.filter(author=member).exists()
    assert body in content  # the text is kept
    assert 'name="seen_help" value="1"' in content
    assert "Post it" in content
    response = member_client.post(thread_url(thread), {"body": body, "seen_help": "1"})
    assert response.status_code == 302
    post = thread.posts.get(author=member)
    report = Report.objects.get(post=post)
    assert report.priority and report.reason == "at_risk" and report.member == member


def test_the_help_is_never_shown_to_other_members(client, member, sponsor, thread, phrases):
    services.reply(member, thread, body="I want to die", seen_help=True)
    client.force_login(sponsor)
    page = client.get(thread_url(thread)).content.decode()
    assert "help-before-posting" not in page
    assert not Notification.objects.filter(user=sponsor, kind="at_risk_alert").exists()


@pytest.mark.parametrize("body", ["Honestly this job is killing me", "Me muero de risa con este grupo"])
def test_everyday_idioms_do_not_trigger_help(member_client, member, thread, body, phrases):
    response = member_client.post(thread_url(thread), {"body": body})
    assert response.status_code == 302
    assert not Report.objects.exists()


def test_a_new_thread_with_crisis_language_in_the_title_offers_help(member_client, member, group, phrases):
    url = reverse("groups:thread_new", args=[group.slug])
    response = member_client.post(url, {"title": "I want to die", "body": "tonight is bad"})
    assert response.status_code == 200 and "Post it" in response.content.decode()
    assert not Thread.objects.filter(author=member).exists()
    member_client.post(url, {"title": "I want to die", "body": "tonight is bad", "seen_help": "1"})
    thread = Thread.objects.get(author=member)
    assert Report.objects.filter(post__thread=thread, priority=True).exists()


def test_suspended_member_reads_nothing(member_client, member, moderator, thread):
    from moderation.models import ModerationAction

    ModerationAction.objects.create(moderator=moderator, member=member, kind="suspend", reason="a pause")
    response = member_client.get(thread_url(thread))
    assert response.status_code in (403, 404)  # the site may answer a suspended member with its own page
    assert "Anyone else find evenings the hardest?" not in response.content.decode()
    assert Group.objects.filter(pk=thread.group_id).exists()


def test_thread_pages_and_last(member_client, thread, sponsor):
    add_posts(thread, sponsor, 120)
    page = member_client.get(thread_url(thread) + "?page=last").content.decode()
    assert "Page 3 of 3" in page and 'id="post-121"' in page
    page = member_client.get(thread_url(thread) + "?page=2").content.decode()
    assert 'id="post-51"' in page and 'id="post-100"' in page and 'id="post-101"' not in page


def test_an_edit_into_crisis_language_offers_help_then_saves_and_alerts(member_client, member, thread, phrases):
    post = services.reply(member, thread, body="an ordinary day")
    url = reverse("groups:post_edit", args=[post.pk])
    response = member_client.post(url, {"body": "honestly I want to die"})
    assert response.status_code == 200 and "Post it" in response.content.decode()
    post.refresh_from_db()
    assert post.body == "an ordinary day"
    member_client.post(url, {"body": "honestly I want to die", "seen_help": "1"})
    post.refresh_from_db()
    assert post.body == "honestly I want to die"
    assert Report.objects.filter(post=post, priority=True).exists()

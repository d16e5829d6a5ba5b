"""/api/v1/ for threads, posts, reactions, read marks and notes: the same rules as the pages."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from conftest import auth
from groups.models import Group, Post, Reaction, SupportNote, Thread
from groups.services import discussion as services
from moderation.models import Report

from .helpers import block, new_thread, seed_crisis_phrases

pytestmark = pytest.mark.django_db


def post_json(client, url, data, user):
    return client.post(url, json.dumps(data), content_type="application/json", **auth(user))


def patch_json(client, url, data, user):
    return client.patch(url, json.dumps(data), content_type="application/json", **auth(user))


# --- reading -------------------------------------------------------------------------------------------------


def test_member_lists_threads_with_unread_counts(client, member, thread, group):
    response = client.get(f"/api/v1/groups/{group.pk}/threads", **auth(member))
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert data["items"][0] | {"created_at": None, "last_post_at": None} == {
        "id": thread.pk,
        "group": group.pk,
        "title": "Hard evening",
        "author": "Sam",
        "by": {"display_name": "Sam", "username": "sponsor", "roles": [], "former_member": False},
        "created_at": None,
        "last_post_at": None,
        "post_count": 1,
        "unread": 1,
        "pinned": False,
        "locked": False,
        "slow_mode_seconds": 0,
    }


def test_outsider_gets_404_everywhere(client, outsider, thread, group):
    post = thread.posts.get()
    headers = auth(outsider)
    for url in (
        f"/api/v1/groups/{group.pk}/threads",
        f"/api/v1/threads/{thread.pk}",
        f"/api/v1/threads/{thread.pk}/posts",
    ):
        assert client.get(url, **headers).status_code == 404
    assert post_json(client, f"/api/v1/threads/{thread.pk}/posts", {"body": "x"}, outsider).status_code == 404
    assert post_json(client, f"/api/v1/posts/{post.pk}/reactions/strength", {}, outsider).status_code == 404
    assert client.get("/api/v1/groups/999999/threads", **headers).status_code == 404


def test_anonymous_caller_gets_401(client, thread):
    assert client.get(f"/api/v1/threads/{thread.pk}/posts").status_code == 401


def test_posts_answer_html_and_body_only_to_the_author(client, member, sponsor, thread):
    services.reply(member, thread, body="**mine**")
    items = client.get(f"/api/v1/threads/{thread.pk}/posts", **auth(member)).json()["items"]
    assert items[0]["body"] is None and items[0]["author"] == "Sam"
    assert items[1]["body"] == "**mine**" and items[1]["html"] == "<p><strong>mine</strong></p>\n"
    assert items[1]["mine"] is True


def test_blocked_persons_posts_are_absent(client, member, sponsor, group):
    third_thread = new_thread(member, group, title="Mine")
    services.reply(sponsor, third_thread, body="from sam")
    block(member, sponsor)
    items = client.get(f"/api/v1/threads/{third_thread.pk}/posts", **auth(member)).json()["items"]
    assert [item["number"] for item in items] == [1]


def test_site_reader_reads_but_cannot_post(client, outsider, thread, group):
    Group.objects.filter(pk=group.pk).update(readable_by_site_members=True)
    assert client.get(f"/api/v1/threads/{thread.pk}/posts", **auth(outsider)).status_code == 200
    response = post_json(client, f"/api/v1/threads/{thread.pk}/posts", {"body": "x"}, outsider)
    assert response.status_code == 403
    assert response.json()["message"] == "Join the group to take part."


# --- writing -------------------------------------------------------------------------------------------------


def test_member_starts_a_thread(client, member, group):
    response = post_json(client, f"/api/v1/groups/{group.pk}/threads", {"title": "New", "body": "Hello"}, member)
    assert response.status_code == 201
    data = response.json()
    assert data["title"] == "New" and data["first_post"]["number"] == 1 and data["first_post"]["body"] == "Hello"
    assert "at_risk" not in data["first_post"] or data["first_post"]["at_risk"] is None


def test_bad_input_answers_400_naming_the_field(client, member, group, thread):
    url = f"/api/v1/groups/{group.pk}/threads"
    response = post_json(client, url, {"title": "x"}, member)
    assert response.status_code == 400 and "body" in response.json()["message"]
    response = post_json(client, url, {"title": " ", "body": "y"}, member)
    assert response.status_code == 400 and "title" in response.json()["message"]
    response = post_json(client, url, {"title": "x", "body": "y", "extra": 1}, member)
    assert response.status_code == 400
    response = post_json(client, f"/api/v1/threads/{thread.pk}/posts", {"body": "x", "quote": 999999}, member)
    assert response.status_code == 400 and "quote" in response.json()["message"]
    response = client.get(f"/api/v1/threads/{thread.pk}/posts?page=0", **auth(member))
    assert response.status_code == 400
    response = client.get(f"/api/v1/threads/{thread.pk}/posts?limit=1000", **auth(member))
    assert response.status_code == 400
    response = client.post(
        f"/api/v1/threads/{thread.pk}/posts", "not json", content_type="application/json", **auth(member)
    )
    assert response.status_code == 400


def test_reply_with_a_quote(client, member, thread):
    first = thread.posts.get()
    response = post_json(client, f"/api/v1/threads/{thread.pk}/posts", {"body": "yes", "quote": first.pk}, member)
    assert response.status_code == 201
    assert response.json()["quote"] == first.pk and response.json()["number"] == 2


def test_daily_limit_answers_400_on_body(client, member, thread, settings):
    settings.NEW_MEMBER_DAILY_POSTS = 1
    assert post_json(client, f"/api/v1/threads/{thread.pk}/posts", {"body": "1"}, member).status_code == 201
    response = post_json(client, f"/api/v1/threads/{thread.pk}/posts", {"body": "2"}, member)
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "body"


def test_edit_own_post_within_the_window_only(client, member, sponsor, thread, settings):
    post = services.reply(member, thread, body="before")
    response = patch_json(client, f"/api/v1/posts/{post.pk}", {"body": "after"}, member)
    assert response.status_code == 200 and response.json()["html"] == "<p>after</p>\n"
    assert response.json()["edited_at"]
    first = thread.posts.get(number=1)
    assert patch_json(client, f"/api/v1/posts/{first.pk}", {"body": "x"}, member).status_code == 403
    Post.objects.filter(pk=post.pk).update(created_at=timezone.now() - timedelta(hours=2))
    assert patch_json(client, f"/api/v1/posts/{post.pk}", {"body": "late"}, member).status_code == 400


def test_delete_own_post(client, member, thread):
    post = services.reply(member, thread, body="gone")
    assert client.delete(f"/api/v1/posts/{post.pk}", **auth(member)).status_code == 204
    items = client.get(f"/api/v1/threads/{thread.pk}/posts", **auth(member)).json()["items"]
    assert items[1]["deleted"] is True and items[1]["html"] == "" and items[1]["body"] == ""
    first = thread.posts.get(number=1)
    response = client.delete(f"/api/v1/posts/{first.pk}", **auth(member))
    assert response.status_code == 403
    assert response.json()["message"] == "Only the person who wrote a post can edit or delete it."


def test_reactions_add_and_remove(client, member, thread):
    post = thread.posts.get()
    response = post_json(client, f"/api/v1/posts/{post.pk}/reactions/thank_you", {}, member)
    assert response.status_code == 201
    assert response.json()["reactions"] == [{"kind": "thank_you", "count": 1, "mine": True}]
    assert post_json(client, f"/api/v1/posts/{post.pk}/reactions/like", {}, member).status_code == 400
    assert client.delete(f"/api/v1/posts/{post.pk}/reactions/thank_you", **auth(member)).status_code == 204
    assert not Reaction.objects.exists()


def test_mark_read(client, member, thread):
    response = post_json(client, f"/api/v1/threads/{thread.pk}/read", {"up_to": 1}, member)
    assert response.json() == {"last_read": 1, "unread": 0}
    assert post_json(client, f"/api/v1/threads/{thread.pk}/read", {"up_to": -1}, member).status_code == 400
    assert client.get(f"/api/v1/threads/{thread.pk}", **auth(member)).json()["unread"] == 0


def test_crisis_language_is_saved_and_only_the_writer_hears_of_help(client, member, sponsor, thread):
    seed_crisis_phrases()
    response = post_json(client, f"/api/v1/threads/{thread.pk}/posts", {"body": "quiero morir"}, member)
    assert response.status_code == 201
    assert response.json()["at_risk"] is True and response.json()["help_url"] == "/help/"
    assert Report.objects.filter(member=member, priority=True).exists()
    items = client.get(f"/api/v1/threads/{thread.pk}/posts", **auth(sponsor)).json()["items"]
    assert all(item.get("at_risk") is None for item in items)


def test_locked_thread_refuses_member_replies(client, member, thread, group):
    Thread.objects.filter(pk=thread.pk).update(locked=True)
    assert post_json(client, f"/api/v1/threads/{thread.pk}/posts", {"body": "x"}, member).status_code == 403


# --- notes ---------------------------------------------------------------------------------------------------


def test_send_and_list_notes(client, member, sponsor, group):
    response = post_json(
        client, "/api/v1/notes", {"recipient": "sponsor", "body": "proud of you", "group": group.pk}, member
    )
    assert response.status_code == 201
    assert response.json()["body"] == "proud of you" and response.json()["recipient"] == "Sam"
    received = client.get("/api/v1/me/notes", **auth(sponsor)).json()
    assert received["count"] == 1 and received["items"][0]["body"] is None
    assert received["items"][0]["html"] == "<p>proud of you</p>\n"
    sent = client.get("/api/v1/me/notes?box=sent", **auth(member)).json()
    assert sent["count"] == 1


def test_notes_to_a_blocked_or_unknown_person_answer_404(client, member, sponsor, group):
    block(sponsor, member)
    assert post_json(client, "/api/v1/notes", {"recipient": "sponsor", "body": "x"}, member).status_code == 404
    assert post_json(client, "/api/v1/notes", {"recipient": "nobody", "body": "x"}, member).status_code == 404


def test_notes_bad_input(client, member, sponsor, group):
    assert post_json(client, "/api/v1/notes", {"recipient": "sponsor", "body": "x" * 1001}, member).status_code == 400
    response = post_json(client, "/api/v1/notes", {"recipient": "sponsor", "body": "  "}, member)
    assert response.status_code == 400 and "body" in response.json()["message"]
    assert (
        post_json(client, "/api/v1/notes", {"recipient": "sponsor", "body": "x", "group": 99999}, member).status_code
        == 400
    )
    assert client.get("/api/v1/me/notes?box=everything", **auth(member)).status_code == 400
    assert not SupportNote.objects.exists()


def test_a_new_member_writing_to_a_stranger_gets_403(client, member, outsider):
    response = post_json(client, "/api/v1/notes", {"recipient": "outsider", "body": "hi"}, member)
    assert response.status_code == 403


def test_an_edit_into_crisis_language_answers_at_risk_to_the_writer(client, member, thread):
    seed_crisis_phrases()
    post = services.reply(member, thread, body="fine")
    response = patch_json(client, f"/api/v1/posts/{post.pk}", {"body": "I want to die"}, member)
    assert response.status_code == 200 and response.json()["at_risk"] is True
    assert Report.objects.filter(post=post, priority=True).exists()


def test_a_page_past_the_end_answers_the_last_page_and_the_groups_list_answers_none(client, member, thread, group):
    """The discussion and notes lists answer the last page for a page past the end (as they always have); the
    groups and members lists answer no items. Both through lib.paging.counted_page_of."""
    services.reply(member, thread, body="two")
    data = client.get(f"/api/v1/threads/{thread.pk}/posts?page=9&limit=1", **auth(member)).json()
    assert (data["count"], data["page"], data["pages"]) == (2, 2, 2)
    assert [item["number"] for item in data["items"]] == [2]
    data = client.get("/api/v1/groups?page=9&limit=1", **auth(member)).json()
    assert data["page"] == 9 and data["items"] == [] and data["next_page"] is None and data["count"] >= 1
    data = client.get(f"/api/v1/groups/{group.pk}/members?limit=1", **auth(member)).json()
    assert data["count"] == 2 and data["next_page"] == 2 and len(data["items"]) == 1

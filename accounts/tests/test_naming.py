"""How a member is named to a viewer (accounts.naming): the name only where their visibility allows, "A member"
otherwise, "@username" and role badges beside a name that is shown, the same in pages and the API."""

import pytest
from django.test import Client

from accounts.models import Block, Visibility
from accounts.services import connect, create_api_token
from conftest import client_for, count_queries, make_member
from groups.models import Membership, Post, Resource

pytestmark = pytest.mark.django_db

PRIVATE = "Zephyrine Quill"  # a display name no page shows by accident


class Api:
    def __init__(self, user):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, name='t')[1]}"}

    def get(self, url, **params):
        return self.client.get(f"/api/v1{url}", params, **self.headers)

    def post(self, url, data):
        return self.client.post(f"/api/v1{url}", data, content_type="application/json", **self.headers)


def keep_name(user, level: Visibility, name: str = PRIVATE):
    user.display_name = name
    user.display_name_visibility = level
    user.save(update_fields=["display_name", "display_name_visibility"])
    return user


# --- The leaks named in issue 11 -----------------------------------------------------------------------------------


def test_blocks_api_does_not_return_a_name_kept_to_oneself(member, group_world):
    keep_name(group_world.writer, Visibility.ONLY_ME)
    api = Api(member)
    created = api.post("/me/blocks", {"username": "writer"})
    assert created.status_code == 201
    assert created.json()["display_name"] == "@writer" and PRIVATE not in created.content.decode()
    listed = api.get("/me/blocks")
    assert listed.json()[0]["display_name"] == "@writer" and PRIVATE not in listed.content.decode()


def test_block_pages_do_not_show_a_name_kept_to_oneself(member_client, member, group_world):
    keep_name(group_world.writer, Visibility.ONLY_ME)
    assert PRIVATE not in member_client.get("/me/blocks/add/writer/").content.decode()
    response = member_client.post("/me/blocks/add/writer/", follow=True)
    assert Block.objects.filter(blocker=member).exists()
    page = response.content.decode()
    assert PRIVATE not in page and "@writer" in page


def test_reports_api_does_not_name_a_hidden_author_to_the_reporter(member, group_world):
    keep_name(group_world.writer, Visibility.CONNECTIONS)
    api = Api(member)
    created = api.post("/reports", {"post_id": group_world.post.pk, "reason": "harassment"})
    assert created.status_code == 201
    assert created.json()["member"] == {"username": None, "display_name": "A member"}
    for response in (api.get("/reports"), api.get(f"/reports/{created.json()['id']}")):
        text = response.content.decode()
        assert PRIVATE not in text and "writer" not in text


def test_report_pages_do_not_name_a_hidden_author(member_client, group_world):
    keep_name(group_world.writer, Visibility.CONNECTIONS)
    form = member_client.get(f"/report/post/{group_world.post.pk}/").content.decode()
    assert PRIVATE not in form and "A member" in form
    response = member_client.post(f"/report/post/{group_world.post.pk}/", {"reason": "harassment"}, follow=True)
    assert PRIVATE not in response.content.decode()


def test_site_moderators_see_name_and_username_in_the_report_api_and_queue(report, group_world):
    keep_name(group_world.writer, Visibility.ONLY_ME)
    body = Api(group_world.moderator).get(f"/reports/{report.pk}").json()
    assert body["member"] == {"username": "writer", "display_name": PRIVATE}
    queue = client_for(group_world.moderator).get("/moderation/").content.decode()
    assert f"{PRIVATE} (@writer)" in queue


def test_resources_api_author_follows_the_name_visibility(member, group_world):
    keep_name(group_world.writer, Visibility.CONNECTIONS)
    resource = Resource.objects.create(
        group=group_world.harbour, author=group_world.writer, kind="coping", title="Breathe", description="Slowly"
    )
    item = Api(member).get(f"/resources/{resource.pk}").json()
    assert item["author"] == "A member" and item["by"]["username"] is None
    connect(member, group_world.writer)
    item = Api(member).get(f"/resources/{resource.pk}").json()
    assert item["author"] == PRIVATE and item["by"]["username"] == "writer"


def test_a_name_kept_for_connections_is_hidden_on_posts_from_everyone_else(member, group_world):
    keep_name(group_world.writer, Visibility.CONNECTIONS)
    thread = f"/groups/harbour/threads/{group_world.thread.pk}/"
    reader = client_for(group_world.reader)
    assert PRIVATE not in reader.get(thread).content.decode()
    assert PRIVATE not in reader.get("/groups/harbour/threads/").content.decode()
    posts = Api(group_world.reader).get(f"/threads/{group_world.thread.pk}/posts").json()["items"]
    assert posts[0]["author"] == "A member" and posts[0]["by"] == {
        "display_name": "A member",
        "username": None,
        "roles": [],
        "former_member": False,
    }
    connect(member, group_world.writer)
    page = client_for(member).get(thread).content.decode()
    assert PRIVATE in page and "@writer" in page


# --- Bylines: @username and roles where a member speaks ------------------------------------------------------------


def test_a_post_shows_the_username_and_the_facilitator_badge(group_world):
    Post.objects.create(thread=group_world.thread, author=group_world.host, number=2, body="Hi", html="<p>Hi</p>")
    page = client_for(group_world.reader).get(f"/groups/harbour/threads/{group_world.thread.pk}/").content.decode()
    assert '<strong class="byline-name">Hana</strong> <span class="byline-username">@host</span>' in page
    assert 'class="badge badge-role badge-facilitator"><span class="visually-hidden">(</span>Facilitator' in page
    posts = Api(group_world.reader).get(f"/threads/{group_world.thread.pk}/posts").json()["items"]
    expected = {"display_name": "Hana", "username": "host", "roles": ["facilitator"], "former_member": False}
    assert posts[1]["by"] == expected
    assert posts[0]["by"]["roles"] == []


def test_an_impersonator_shows_their_own_username_and_no_badge(group_world):
    copycat = make_member("hana2", display_name="Hana")
    Membership.objects.create(group=group_world.harbour, user=copycat)
    Post.objects.create(thread=group_world.thread, author=copycat, number=2, body="Hi", html="<p>I am the host</p>")
    posts = Api(group_world.reader).get(f"/threads/{group_world.thread.pk}/posts").json()["items"]
    assert posts[1]["by"] == {"display_name": "Hana", "username": "hana2", "roles": [], "former_member": False}


def test_site_moderators_carry_their_badge_in_any_group(group_world):
    Membership.objects.create(group=group_world.harbour, user=group_world.moderator)
    Post.objects.create(thread=group_world.thread, author=group_world.moderator, number=2, body="x", html="<p>x</p>")
    posts = Api(group_world.reader).get(f"/threads/{group_world.thread.pk}/posts").json()["items"]
    assert posts[1]["by"]["roles"] == ["moderator"]
    page = client_for(group_world.reader).get(f"/groups/harbour/threads/{group_world.thread.pk}/").content.decode()
    assert ">Moderator<" in page


def test_members_api_gives_each_member_a_byline(member, group_world):
    items = Api(member).get(f"/groups/{group_world.harbour.pk}/members").json()["items"]
    by_username = {i["by"]["username"]: i["by"] for i in items}
    assert by_username["host"]["roles"] == ["facilitator"] and by_username["member"]["display_name"] == "Robin"


def test_a_viewer_always_sees_their_own_name(group_world):
    keep_name(group_world.writer, Visibility.ONLY_ME)
    page = client_for(group_world.writer).get(f"/groups/harbour/threads/{group_world.thread.pk}/").content.decode()
    assert PRIVATE in page


def test_naming_a_list_costs_the_same_whatever_its_length(group_world):
    api = Api(group_world.reader)
    url = f"/threads/{group_world.thread.pk}/posts"
    few = count_queries(lambda: api.get(url))
    for number in range(2, 14):
        author = make_member(f"poster{number}", display_name=f"Poster {number}")
        Membership.objects.create(group=group_world.harbour, user=author)
        Post.objects.create(thread=group_world.thread, author=author, number=number, body="x", html="<p>x</p>")
    assert count_queries(lambda: api.get(url)) == few
    page = f"/groups/harbour/threads/{group_world.thread.pk}/"
    reader = client_for(group_world.reader)
    many = count_queries(lambda: reader.get(page))
    Post.objects.create(thread=group_world.thread, author=group_world.host, number=14, body="x", html="<p>x</p>")
    assert count_queries(lambda: reader.get(page)) == many


def test_notifications_name_the_sender_as_the_recipient_may_see_them(member, group_world):
    from notifications.models import Notification

    keep_name(group_world.writer, Visibility.CONNECTIONS)
    Api(group_world.writer).post("/me/connection-requests", {"username": "member"})
    texts = " ".join(Notification.objects.filter(user=member).values_list("text", flat=True))
    assert texts and PRIVATE not in texts and "@writer" in texts

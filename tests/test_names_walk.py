"""Site-wide net for names (accounts.naming): a member who keeps their display name for "only me" or "my connections"
writes a thread, a post, a note, a resource and an event, and is reported; every page of the URL walk and every API
GET, read by a group member who is not their connection (and by the group's moderator), never shows that name. A
connection sees it where it is allowed."""

import pytest
from django.test import Client

from accounts.models import Visibility
from accounts.services import connect, create_api_token
from conftest import client_for, make_member
from groups.models import GroupRole, Membership, Post, SupportNote

from .test_site_safety_nets import group_member_pages, site_objects  # noqa: F401 (a fixture)
from .urlwalk import all_routes

PRIVATE = "Zephyrine Quill"
# Paths with nothing of a member's: the walk skips them to stay fast.
SKIP = ("/api/v1/docs", "/api/v1/openapi.json", "/static/", "/admin/", "/healthz", "/robots.txt")


def _private_world(site_objects, member, level):  # noqa: F811
    from moderation.models import Report

    member.display_name = PRIVATE
    member.display_name_visibility = level
    member.save(update_fields=["display_name", "display_name_visibility"])
    friendly = make_member("friendly2", display_name="Friend Two")
    # The reader: in the group, not connected; the group's moderator works its queue.
    reader = Membership.objects.get(group__slug="walkers", user__username="friendly").user
    group_mod = make_member("groupmod", display_name="Gus")
    Membership.objects.create(group_id=Membership.objects.get(user=reader).group_id, user=group_mod, role="moderator")
    SupportNote.objects.create(sender=member, recipient=reader, body="Keep on", html="<p>Keep on</p>")
    post = Post.objects.get(thread__group__slug="walkers", number=1)
    Report.objects.create(reporter=reader, member=member, post=post, group=post.thread.group, reason="spam")
    return reader, group_mod, friendly


def _samples(site_objects):  # noqa: F811
    from groups.models import Event, Resource, Thread
    from moderation.models import Report

    thread = Thread.objects.get(group__slug="walkers")
    return {
        **site_objects,
        "group_id": str(thread.group_id),
        "thread_id": str(thread.pk),
        "post_id": str(Post.objects.get(thread=thread, number=1).pk),
        "resource_id": str(Resource.objects.get().pk),
        "event_id": str(Event.objects.get().pk),
        "report_id": str(Report.objects.get().pk),
        "pk": "1",
    }


def _walk(viewer, paths) -> list[str]:
    """Every path read by `viewer` (pages with the session, /api/ with a token) whose answer shows the name."""
    pages = client_for(viewer)
    api = Client(HTTP_AUTHORIZATION=f"Bearer {create_api_token(viewer, name='walk')[1]}")
    leaks = []
    for path in paths:
        if path.startswith(SKIP):
            continue
        response = (api if path.startswith("/api/") else pages).get(path)
        if (
            response.status_code == 200
            and not response.streaming
            and PRIVATE in response.content.decode(errors="ignore")
        ):
            leaks.append(path)
    return leaks


@pytest.mark.parametrize("level", [Visibility.ONLY_ME, Visibility.CONNECTIONS])
def test_a_kept_name_appears_on_no_page_and_no_api_answer(site_objects, member, level):  # noqa: F811
    reader, group_mod, _friendly = _private_world(site_objects, member, level)
    samples = _samples(site_objects)
    paths = sorted({route.path for route in all_routes(samples)} | set(group_member_pages()))
    paths += ["/api/v1/reports?mine=true", "/api/v1/reports?status=all", "/notes/", "/notes/sent/"]
    leaks = {viewer.username: _walk(viewer, paths) for viewer in (reader, group_mod)}
    assert leaks == {reader.username: [], group_mod.username: []}


def test_a_connection_sees_a_name_kept_for_connections(site_objects, member):  # noqa: F811
    reader, _group_mod, _friendly = _private_world(site_objects, member, Visibility.CONNECTIONS)
    connect(reader, member)
    samples = _samples(site_objects)
    shows = [
        f"/groups/walkers/threads/{samples['thread_id']}/",
        "/groups/walkers/threads/",
        "/groups/walkers/members/",
        f"/resources/{samples['resource_id']}/",
        f"/events/{samples['event_id']}/",
        "/notes/",
        f"/api/v1/threads/{samples['thread_id']}/posts",
        f"/api/v1/resources/{samples['resource_id']}",
        f"/api/v1/events/{samples['event_id']}",
        f"/api/v1/groups/{samples['group_id']}/members",
        "/api/v1/me/notes",
    ]
    assert set(_walk(reader, shows)) == set(shows)


def test_the_group_badge_and_username_stand_beside_the_facilitators_post(site_objects, member):  # noqa: F811
    reader = Membership.objects.get(group__slug="walkers", user__username="friendly").user
    assert Membership.objects.get(user=member).role == GroupRole.FACILITATOR
    thread = Post.objects.get(thread__group__slug="walkers", number=1).thread_id
    page = client_for(reader).get(f"/groups/walkers/threads/{thread}/").content.decode()
    assert '<span class="byline-username">@member</span>' in page and "badge-facilitator" in page

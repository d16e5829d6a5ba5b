"""Site-wide nets: who may reach each URL, one <h1> per page, Get help on every page, no pending migrations."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from groups.models import Group

from .urlwalk import all_routes

# URL names an anonymous visitor may reach on purpose. Everything else must refuse them.
PUBLIC = {
    "home",
    "privacy",
    "healthz",
    "robots_txt",
    "set_language",
    "safety:help",
    "safety:help_lines",  # the country switch inside another card: the same lines as the Get help page
    "api:help_lines",
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",
    "directory:meetings",
    "directory:meeting",
    "directory:meeting_ics",
    "directory:report_correction",
    "directory:guide",
    "directory:calendar_feed",
    "api:find_meetings",
    "api:get_meeting",
    "api:get_meeting_ics",
    "api:meeting_guide",
    "groups:list",
    "groups:detail",
    "account_login",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_confirm_email",
    "account_email_verification_sent",
    "account_inactive",
    "account_logout",
    "account_confirm_login_code",
    "admin:logout",
    "mfa_authenticate",
}
# The catch-all that answers unknown /api/ paths with JSON 404.
UNNAMED_ALLOWED = {"/api/1"}


@pytest.fixture
def site_objects(member):
    from directory.models import Meeting, Program

    program = Program.objects.get(slug="aa")
    meeting = Meeting.objects.create(
        program=program,
        name="Walk",
        day=1,
        time="19:00",
        timezone="UTC",
        formatted_address="1 Walk Street, Springfield, IL 62701, USA",
    )
    group = Group.objects.create(slug="walkers", name="Walkers", kind="peer_led")
    token_id = member.api_tokens.create(name="t", token_hash="x" * 64, hint="phat_x").pk
    _group_world(group, member)
    return {
        "meeting_id": str(meeting.pk),
        "slug": group.slug,
        "username": member.username,
        "token_id": str(token_id),
        "object_id": "1",
        "app_label": "accounts",
        "model_name": "user",
    }


def _group_world(group, member):
    """The member facilitates the group, which has a thread, a resource and an event, so that its pages render."""
    from datetime import timedelta

    from django.utils import timezone

    from conftest import make_member
    from groups.models import Event, GroupRole, Membership, Post, Resource, SupportNote, Thread

    Membership.objects.create(group=group, user=member, role=GroupRole.FACILITATOR)
    thread = Thread.objects.create(group=group, author=member, title="Hello", post_count=1)
    post = Post.objects.create(thread=thread, author=member, number=1, body="Hi", html="<p>Hi</p>")
    Resource.objects.create(group=group, author=member, kind="coping", title="Urge surfing", description="Ride it out")
    start = timezone.now() + timedelta(days=3)
    Event.objects.create(
        group=group,
        organizer=member,
        kind="social",
        title="Picnic",
        time_zone="UTC",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        location="The park",
    )
    friend = make_member("friendly", display_name="Friendly")
    Membership.objects.create(group=group, user=friend)
    Post.objects.create(thread=thread, author=friend, number=2, body="Welcome", html="<p>Welcome</p>")
    SupportNote.objects.create(sender=friend, recipient=member, body="You've got this.", html="<p>You've got this.</p>")
    return thread, post


def group_member_pages():
    from groups.models import Event, Post, Resource, Thread

    thread = Thread.objects.get(group__slug="walkers")
    post = Post.objects.get(thread=thread, number=1)
    friends_post = Post.objects.get(thread=thread, number=2)
    return [
        "/groups/walkers/threads/",
        f"/groups/walkers/threads/{thread.pk}/",
        "/groups/walkers/threads/new/",
        "/groups/walkers/members/",
        "/groups/walkers/resources/",
        "/groups/walkers/resources/new/",
        f"/resources/{Resource.objects.get().pk}/",
        "/groups/walkers/events/",
        "/groups/walkers/events/new/",
        f"/events/{Event.objects.get().pk}/",
        "/groups/walkers/manage/",
        "/groups/walkers/manage/members/",
        "/groups/walkers/manage/guidelines/",
        "/groups/walkers/manage/requests/",
        "/groups/walkers/manage/invitations/",
        "/groups/walkers/manage/meetings/",
        "/groups/walkers/moderation/",
        "/groups/walkers/moderation/log/",
        f"/groups/posts/{post.pk}/edit/",
        f"/report/post/{friends_post.pk}/",
        "/report/member/friendly/",
        "/resources/",
        "/events/",
        "/events/?when=past",
        "/notes/",
        "/notes/sent/",
        "/notes/write/friendly/",
        "/me/blocks/",
        "/me/blocks/add/friendly/",
        "/me/moderation/",
        "/help/talk-to-a-moderator/",
    ]


def route_label(route) -> str:
    return f"{route.namespace}:{route.name}" if route.namespace else (route.name or "")


def test_every_url_either_is_public_on_purpose_or_refuses_anonymous_visitors(client, site_objects):
    failures = []
    for route in all_routes(site_objects):
        label = route_label(route)
        if label in PUBLIC or route.path in UNNAMED_ALLOWED:
            continue
        response = client.get(route.path)
        location = response.get("Location", "")
        refused = response.status_code in (401, 403, 404, 405) or (
            response.status_code == 302 and ("/accounts/login/" in location or "/admin/login/" in location)
        )
        if not refused:
            failures.append(f"{route.path} ({label}) answered {response.status_code} {location}")
    assert not failures, "\n".join(failures)


def test_public_pages_answer_anonymous_visitors(client, site_objects):
    for path in [
        "/",
        "/privacy/",
        "/help/",
        "/meetings/",
        f"/meetings/{site_objects['meeting_id']}/",
        "/groups/",
        "/groups/walkers/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/api/v1/docs",
        "/api/v1/openapi.json",
        "/api/v1/help/lines",
        "/healthz",
    ]:
        assert client.get(path).status_code == 200, path


def _html_pages(client, paths):
    for path in paths:
        response = client.get(path)
        if response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            yield path, response.content.decode()


ANON_PAGES = [
    "/",
    "/privacy/",
    "/help/",
    "/meetings/help-me-choose/",
    "/meetings/",
    "/groups/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
    "/accounts/confirm-email/",
    "/api/v1/docs",
]
MEMBER_PAGES = [
    "/me/",
    "/me/recovery/",
    "/me/recovery/counters/",
    "/me/recovery/checkin/",
    "/me/recovery/checkin/reminder/",
    "/me/recovery/checkin/triggers/",
    "/me/recovery/checkins/",
    "/me/recovery/goals/",
    "/me/recovery/checkups/",
    "/me/recovery/checkups/new/",
    "/me/recovery/plan/",
    "/me/recovery/plan/edit/",
    "/me/recovery/plan/print/",
    "/me/recovery/worksheets/",
    "/me/recovery/worksheets/new/abc/",
    "/me/recovery/worksheets/new/cost_benefit/",
    "/me/recovery/meetings/",
    "/me/recovery/journal/",
    "/me/recovery/journal/new/",
    "/me/recovery/journal/new/?prompt=gratitude",
    "/me/recovery/shares/",
    "/shared-with-me/",
    "/me/notifications/",
    "/me/profile/",
    "/me/data/",
    "/me/delete/",
    "/me/tokens/",
    "/me/people/",
    "/members/member/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/reauthenticate/",  # where /accounts/2fa/totp/activate/ sends a member first
    "/groups/walkers/",
]


def test_every_page_has_exactly_one_h1_and_the_get_help_link(client, member, site_objects):
    pages = list(_html_pages(client, [*ANON_PAGES, f"/meetings/{site_objects['meeting_id']}/"]))
    client.force_login(member)
    member_pages = [*MEMBER_PAGES, *group_member_pages()]
    pages += list(_html_pages(client, member_pages))
    missing = sorted(set(member_pages) - {path for path, _html in pages})
    assert not missing, f"these member pages did not answer 200 with HTML: {missing}"
    for path, html in pages:
        assert len(re.findall(r"<h1[\s>]", html)) == 1, f"{path} must have exactly one <h1>"
        assert 'href="/help/"' in html, f"{path} must link to Get help now"


def test_no_page_references_another_origin_for_scripts_styles_images_or_fonts(client, member, site_objects):
    client.force_login(member)
    for path, html in _html_pages(client, ANON_PAGES + MEMBER_PAGES + group_member_pages()):
        for tag, attr, url in re.findall(
            r"<(script|link|img|iframe|source|video|audio)\b[^>]*?\b(src|href)=\"([^\"]+)\"", html
        ):
            assert not re.match(r"^(https?:)?//", url), f"{path}: <{tag} {attr}={url}> loads from another origin"


def test_no_pending_migrations(db):
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit:
        pytest.fail(f"Pending migrations:\n{out.getvalue()}")


# Pages a logged-in member may GET without ending the very login the walk runs under.
LOGGING_OUT = {"/accounts/logout/", "/admin/logout/"}


def test_every_answer_to_a_logged_in_member_says_no_store(client, member, site_objects):
    client.force_login(member)
    paths = {route.path for route in all_routes(site_objects)} | set(MEMBER_PAGES) | set(group_member_pages())
    failures = []
    for path in sorted(paths - LOGGING_OUT):
        response = client.get(path)
        if "no-store" not in response.get("Cache-Control", ""):
            failures.append(
                f"{path} answered {response.status_code} with Cache-Control {response.get('Cache-Control')}"
            )
    assert not failures, "\n".join(failures)


def test_every_api_me_answer_to_a_token_says_no_store(client, member, site_objects):
    from conftest import auth

    headers = auth(member)
    me_paths = sorted(route.path for route in all_routes(site_objects) if route.path.startswith("/api/v1/me"))
    assert "/api/v1/me" in me_paths and len(me_paths) > 10
    for path in me_paths:
        response = client.get(path, **headers)
        assert "no-store" in response.get("Cache-Control", ""), f"{path} answered {response.status_code}"


def test_public_pages_to_anonymous_visitors_may_be_cached(client, site_objects):
    for path in ["/", "/meetings/", f"/meetings/{site_objects['meeting_id']}/", "/help/"]:
        assert "no-store" not in client.get(path).get("Cache-Control", ""), path

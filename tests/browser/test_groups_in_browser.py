"""Groups in a real browser: a newcomer joins a group by accepting its guidelines, starts a thread and gets a
reaction of support; writing words of crisis shows help first and still lets them post; every group, discussion,
library, event, note and moderation page passes axe, breaks no CSP rule and loads nothing from elsewhere."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conftest import make_member

from .helpers import audit_pages, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_newcomer_joins_accepting_the_guidelines_and_starts_a_thread(browser, live_server, new_page):
    call_command("load_demo", verbosity=0)
    make_member("newbie", display_name="Newbie")
    page = new_page()
    log_in(page, "newbie")
    page.goto("/groups/")
    page.get_by_role("link", name="Tools, Not Rules").click()
    assert page.get_by_text("What is said here stays here.").first.is_visible()
    page.get_by_role("button", name="Join the group").click()
    assert "Tick the box to accept the guidelines." in page.content()  # not joined without accepting
    page.get_by_label("I accept the guidelines").check()
    page.get_by_role("button", name="Join the group").click()
    page.goto("/groups/tools-not-rules/threads/new/")
    page.get_by_label("Title").fill("First week")
    page.get_by_label("Your message").fill("Hi all, first week here. Glad to have found you.")
    page.get_by_role("button", name="Post the thread").click()
    assert page.get_by_role("heading", level=1).inner_text() == "First week"

    maya = new_page()
    log_in(maya, "maya", "peerhaven-demo-2026")
    maya.goto(page.url.split("?")[0])
    thread_url = maya.url
    maya.get_by_role("button", name="Sending strength").first.click()
    # With JavaScript, HTMX swaps just the post's reactions: the button is pressed and the page did not change.
    maya.locator("button.reaction[aria-pressed='true']", has_text="Sending strength").wait_for()
    assert maya.url == thread_url
    assert maya.locator("#live-status").inner_text() == "Your reaction is saved."
    page.reload()
    assert page.locator(".reaction", has_text="Sending strength").first.inner_text().endswith("1")


def test_words_of_crisis_show_help_first_and_posting_stays_possible(browser, live_server, new_page):
    call_command("load_demo", verbosity=0)
    page = new_page()
    log_in(page, "river", "peerhaven-demo-2026")
    page.goto("/groups/lakeside-home-group/threads/")
    page.get_by_role("link", name="How do you get through the evenings?").click()
    page.get_by_label("Your reply").fill("Honestly I can't go on like this, I want to end it all")
    page.get_by_role("button", name="Post reply").click()
    help_panel = page.locator("#help-before-posting")
    expect(help_panel).to_be_visible()
    assert "alone" in help_panel.inner_text()
    page.get_by_role("button", name="Post it").click()
    expect(page.get_by_text("I want to end it all")).to_be_visible()
    expect(page.locator("#help-before-posting")).to_have_count(0)


def _pages():
    from groups.models import Event, Post, Resource, SupportNote, Thread

    thread = Thread.objects.filter(group__slug="lakeside-home-group").first()
    post = Post.objects.filter(thread=thread).exclude(author__username="river").first()
    return [
        "/groups/",
        "/groups/lakeside-home-group/",
        "/groups/lakeside-home-group/members/",
        "/groups/lakeside-home-group/threads/",
        f"/groups/lakeside-home-group/threads/{thread.pk}/",
        "/groups/lakeside-home-group/threads/new/",
        "/groups/lakeside-home-group/resources/",
        "/groups/lakeside-home-group/resources/new/",
        f"/resources/{Resource.objects.first().pk}/",
        "/groups/lakeside-home-group/events/",
        "/groups/lakeside-home-group/events/new/",
        f"/events/{Event.objects.first().pk}/",
        "/groups/lakeside-home-group/manage/",
        "/groups/lakeside-home-group/manage/members/",
        "/groups/lakeside-home-group/manage/guidelines/",
        "/groups/lakeside-home-group/manage/invitations/",
        "/groups/lakeside-home-group/moderation/",
        "/groups/lakeside-home-group/moderation/log/",
        f"/report/post/{post.pk}/",
        "/resources/",
        "/events/",
        "/notes/",
        "/notes/write/maya/",
        "/me/blocks/",
        "/me/blocks/add/maya/",
        "/me/moderation/",
        "/help/talk-to-a-moderator/",
        f"/notes/?note={SupportNote.objects.count()}",
    ]


def _demo_with_library_and_events():
    call_command("load_demo", verbosity=0)
    from datetime import timedelta

    from django.utils import timezone

    from accounts.models import User
    from groups.models import Event, Group, Resource, SupportNote

    river, maya = User.objects.get(username="river"), User.objects.get(username="maya")
    group = Group.objects.get(slug="lakeside-home-group")
    if not Resource.objects.exists():
        Resource.objects.create(group=group, author=river, kind="coping", title="Urge surfing", html="<p>Ride it.</p>")
    if not Event.objects.exists():
        start = timezone.now() + timedelta(days=2)
        Event.objects.create(
            group=group,
            organizer=river,
            kind="social",
            title="Picnic",
            time_zone="America/Chicago",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            location="Lakeside park",
            capacity=10,
        )
    SupportNote.objects.create(sender=maya, recipient=river, body="Proud of you.", html="<p>Proud of you.</p>")


def test_group_pages_pass_axe_break_no_csp_rule_and_load_nothing_from_elsewhere(browser, live_server, axe_source):
    _demo_with_library_and_events()
    problems, elsewhere, csp = audit_pages(browser, live_server, axe_source, "river", "peerhaven-demo-2026", _pages())
    assert problems == [], "\n".join(problems)
    assert elsewhere == []
    assert csp == []

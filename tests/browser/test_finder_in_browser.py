"""A newcomer finds a meeting in the browser, on a real feed."""

from pathlib import Path

import pytest

from conftest import SHARED_DIR, need

pytestmark = pytest.mark.django_db(transaction=True)

SEPA = SHARED_DIR / "data" / "meeting-feeds" / "meeting-guide" / "sepa-philadelphia-aa.json"


@pytest.fixture
def sepa(live_server):
    need(SEPA.is_file(), f"the shared feed {SEPA}")
    from directory.feeds import meeting_guide
    from directory.importing import import_feed
    from directory.models import Program, Source

    source = Source.objects.create(
        slug="sepa",
        name="SEPA",
        format="meeting-guide",
        program=Program.objects.get(slug="aa"),
        default_timezone="America/New_York",
    )
    report = import_feed(source, meeting_guide.parse(Path(SEPA).read_text()))
    assert report.created > 2000
    return source


def test_newcomer_finds_a_meeting_near_a_town_and_adds_it_to_a_calendar(page, sepa):
    page.goto("/")
    page.get_by_role("main").get_by_role("link", name="Find a meeting").click()
    page.get_by_label("Near a place").fill("Woodlyn")
    page.get_by_label("Within").select_option("10")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url("**place=Woodlyn**")
    page.wait_for_load_state()
    assert "place=Woodlyn" in page.url and "radius_km=10" in page.url
    results = page.locator("#results-heading ~ .meetings .meeting")
    results.first.wait_for()  # the URL changes when the answer starts; wait for its results, not just its address
    assert results.count() > 0
    assert " km" in results.first.inner_text()
    results.first.locator("a.meeting-name").click()
    assert page.locator("h1").count() == 1
    with page.expect_download() as download:
        page.get_by_role("link", name="Add to calendar").click()
    assert download.value.suggested_filename.endswith(".ics")


def test_the_finder_works_without_javascript(browser, live_server, sepa):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/meetings/")
    page.get_by_label("Words (name, place, group, notes)").fill("serenity")
    page.get_by_label("In person or online").select_option("online")
    page.get_by_role("button", name="Search").click()
    links = page.locator("#results-heading ~ .meetings a.meeting-name")
    names = links.all_inner_texts()
    assert names
    # Every result is, as the database says, an online (or hybrid) meeting with a word starting "serenity" in its
    # name, place, group or notes: the words match more than the name shown, so the check is on the meeting itself.
    from directory.models import Meeting
    from directory.search import ATTENDANCE_FILTERS

    ids = [int(links.nth(i).get_attribute("href").rstrip("/").rsplit("/", 1)[-1]) for i in range(len(names))]
    shown = {meeting.pk: meeting for meeting in Meeting.objects.filter(pk__in=ids)}
    assert [" ".join(shown[pk].name.split()) for pk in ids] == [" ".join(name.split()) for name in names]
    for meeting in shown.values():
        assert " serenity" in meeting.search_text, meeting.name
        assert meeting.attendance in ATTENDANCE_FILTERS["online"], meeting.name
    chips = page.locator(".active-filters a.chip")
    assert chips.count() == 2
    chips.first.click()
    assert page.locator(".active-filters a.chip").count() == 1
    context.close()


def test_help_me_choose_suggests_meetings_with_reasons(page, sepa):
    page.goto("/")
    page.get_by_role("link", name="New to meetings? Answer a few questions").click()
    page.get_by_label("A spiritual 12-step program (like AA or NA)").check()
    page.get_by_label("In person, in a room with others").check()
    page.get_by_label("I'd rather just listen").check()
    page.get_by_role("button", name="Show me meetings").click()
    page.wait_for_url("**philosophy=twelve_step**")
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1
    suggestions = page.locator("a[href^='/meetings/']").filter(has_not_text="Find a meeting")
    suggestions.first.wait_for()
    assert suggestions.count() >= 1
    assert "Why it fits" in page.content() or "why" in page.content().lower()


def test_finder_pages_pass_axe_and_load_nothing_from_elsewhere(browser, live_server, sepa, axe_source):
    from urllib.parse import urlparse

    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    problems = []
    meeting_id = sepa.meetings.filter(attendance="hybrid").first().pk
    for path in [
        "/meetings/",
        "/meetings/?place=Woodlyn&radius_km=10",
        f"/meetings/{meeting_id}/",
        f"/meetings/{meeting_id}/correction/",
        "/meetings/help-me-choose/",
        "/meetings/help-me-choose/?philosophy=twelve_step&attendance=in_person",
    ]:
        page.goto(path)
        page.evaluate(axe_source)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"{path}: {violation['id']} {[n['target'] for n in violation['nodes']][:3]}")
    context.close()
    ours = urlparse(live_server.url).netloc
    assert [u for u in requested if not u.startswith("data:") and urlparse(u).netloc != ours] == []
    assert problems == [], "\n".join(problems)

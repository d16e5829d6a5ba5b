"""My recovery in a real browser: a member checks in, writes in the journal, shares a counter and withdraws it;
every page of it passes axe, breaks no CSP rule and loads nothing from elsewhere."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from conftest import make_member

from .helpers import audit_pages, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_checks_in_and_sees_it_on_my_recovery(page):
    make_member("checker", display_name="Checker")
    log_in(page, "checker")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My recovery").click()
    page.get_by_role("link", name="How is today? Check in").click()
    page.get_by_label("4").first.check()
    page.get_by_label("Craving").fill("8")
    page.get_by_label("Tired").check()
    page.get_by_label("Note").fill("Long shift, but I went for a walk.")
    page.get_by_role("button", name="Check in", exact=True).click()
    # A high craving offers help, kindly.
    expect(page.get_by_role("main").get_by_role("link", name="Get help").first).to_be_visible()
    page.goto("/me/recovery/")
    expect(page.get_by_text("You checked in today.")).to_be_visible()
    assert page.locator("svg.chart").count() >= 1
    page.get_by_text("Show the figures as a table").first.click()
    assert page.locator("table caption").first.is_visible()


def test_a_member_writes_in_the_journal_and_finds_it_again(page):
    make_member("writer", display_name="Writer")
    log_in(page, "writer")
    page.goto("/me/recovery/journal/new/")
    page.get_by_label("Title").fill("Morning pages")
    page.get_by_label("Entry").fill("The lake was quiet and so was my head. Gratitude for small things.")
    page.get_by_role("button", name="Save entry").click()
    page.goto("/me/recovery/journal/?q=quiet+lake")
    assert page.get_by_role("link", name="Morning pages").is_visible()
    page.goto("/me/recovery/journal/?q=nothing-like-this")
    assert page.get_by_role("link", name="Morning pages").count() == 0


def test_sharing_a_counter_with_my_sponsor_and_withdrawing_it(browser, live_server, new_page):
    from journey.models import today_for
    from journey.services.counters import create_counter

    member = make_member("sharer", display_name="Sharer")
    make_member("mysponsor", display_name="Sam")
    create_counter(member, pathway="gambling", start_date=today_for(member), today=today_for(member))
    owner = new_page()
    log_in(owner, "sharer")
    owner.goto("/me/recovery/counters/")
    owner.get_by_role("link", name="Share…").click()
    owner.get_by_label("With a person (their username)").fill("mysponsor")
    owner.get_by_role("button", name="Share", exact=True).click()
    sponsor = new_page()
    log_in(sponsor, "mysponsor")
    sponsor.goto("/me/notifications/")
    sponsor.get_by_role("link", name="Sharer shared something from their recovery with you.").click()
    shared_url = sponsor.url
    assert "Gambling" in sponsor.content()
    owner.goto("/me/recovery/shares/")
    owner.get_by_role("button", name="Withdraw").click()
    response = sponsor.goto(shared_url)
    assert response.status == 404


RECOVERY_PAGES = [
    "/me/recovery/",
    "/me/recovery/counters/",
    "/me/recovery/checkin/",
    "/me/recovery/checkins/",
    "/me/recovery/checkin/reminder/",
    "/me/recovery/goals/",
    "/me/recovery/checkups/",
    "/me/recovery/checkups/new/",
    "/me/recovery/plan/",
    "/me/recovery/plan/edit/",
    "/me/recovery/plan/print/",
    "/me/recovery/worksheets/",
    "/me/recovery/worksheets/new/cost_benefit/",
    "/me/recovery/worksheets/new/urge_log/",
    "/me/recovery/meetings/",
    "/me/recovery/journal/",
    "/me/recovery/journal/new/?prompt=daily_inventory",
    "/me/recovery/shares/",
    "/shared-with-me/",
    "/me/notifications/",
]


def _river_pages():
    from journey.models import Counter, Goal

    river = Counter.objects.get(user__username="river")
    goal = Goal.objects.filter(user__username="river").first()
    return [
        *RECOVERY_PAGES,
        f"/me/recovery/counters/{river.pk}/slip/",
        f"/me/recovery/goals/{goal.pk}/",
        f"/me/recovery/share/counter/{river.pk}/",
    ]


def test_recovery_pages_pass_axe_break_no_csp_rule_and_load_nothing_from_elsewhere(browser, live_server, axe_source):
    call_command("load_demo", verbosity=0)
    problems, elsewhere, csp = audit_pages(
        browser, live_server, axe_source, "river", "peerhaven-demo-2026", _river_pages()
    )
    assert problems == [], "\n".join(problems)
    assert elsewhere == []
    assert csp == []


def test_a_full_recovery_plan_prints_on_one_page(browser, live_server, new_page):
    import io

    import pypdf

    from journey.services.plan import save_plan

    member = make_member("planner", display_name="Planner")
    line = "Notice it early, name it, and do the next right thing, even a small one. "
    save_plan(
        member,
        warning_signs=line * 3,
        coping=line * 3,
        places_to_avoid=line * 2,
        reasons=line * 3,
        crisis_plan=line * 3,
        triggers=[{"trigger": f"Trigger {n}", "response": line} for n in range(6)],
        people=[{"name": f"Person {n}", "phone": "+1 555 0100", "note": "evenings"} for n in range(5)],
    )
    page = new_page()
    log_in(page, "planner")
    page.goto("/me/recovery/plan/print/")
    page.emulate_media(media="print")
    for paper in ("A4", "Letter"):
        pages = len(pypdf.PdfReader(io.BytesIO(page.pdf(format=paper))).pages)
        assert pages == 1, f"{paper}: {pages} pages"

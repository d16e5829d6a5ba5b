"""The help before posting, for each kind of risk, in a real browser on a phone-sized screen, in English and Spanish.

A member writes a reply that suggests a kind of risk and presses Post: the same form comes back with a private
panel that leads with what that kind needs (safety/kind_help.py). For an overdose or harm the emergency number of
the member's country comes first and no moderator is offered; for suicide and self-harm the crisis lines and the
"talk to a moderator" offer. The words are still in the form and one more press posts them. The page passes axe,
and a full-page screenshot of each panel is kept in test-results/risk-help/<lang>-<kind>.png (with the first
screen, as a phone shows it, in <lang>-<kind>-first-screen.png).
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from playwright.sync_api import expect

from conftest import make_member
from safety.crisis import check_text
from safety.kind_help import help_for

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "risk-help"

# Sentences the current grammar reads as that kind (and only that kind), checked with tools/dbg.py.
SENTENCES = {
    ("en", "overdose"): "I think he is overdosing right now, he is not breathing",
    ("en", "suicide"): "I want to kill myself tonight",
    ("en", "self_harm"): "I have been cutting myself again",
    ("en", "harm"): "My husband beats me and I am afraid of him",
    ("es", "overdose"): "Creo que mi hermano tiene una sobredosis y no respira",
    ("es", "suicide"): "Ya no quiero vivir, quiero suicidarme",
}
COUNTRY = {"en": "US", "es": "MX"}
EMERGENCY = {"US": "911", "MX": "911"}


@pytest.fixture
def phone(browser, live_server):
    """A phone-sized browser, CSP bypassed so that axe can be injected."""
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _thread_for(member):
    from groups.models import Group, Membership, Post, Thread

    group = Group.objects.create(slug="evenings", name="Evenings", kind="peer_led")
    Membership.objects.create(group=group, user=member)
    friend = make_member("friend", display_name="Fran")
    Membership.objects.create(group=group, user=friend)
    thread = Thread.objects.create(group=group, author=friend, title="How was your week?", post_count=1)
    Post.objects.create(thread=thread, author=friend, number=1, body="Hi", html="<p>How was everyone's week?</p>")
    return f"/groups/{group.slug}/threads/{thread.pk}/"


def _log_in(page, member, url):
    client = Client()
    client.force_login(member)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": url,
            }
        ]
    )


def _switch_to_spanish(page):
    """The footer's language switch, as a member uses it (it sets the language cookie)."""
    page.goto("/")
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "es"


def _axe_problems(page, axe_source):
    page.evaluate(axe_source)
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}) {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def _in(lang, text):
    """`text` (a lazy string or a msgid) in `lang`."""
    with translation.override(lang):
        return translation.gettext(text) if isinstance(text, str) else str(text)


CASES = [
    ("en", "overdose"),
    ("en", "suicide"),
    ("en", "self_harm"),
    ("en", "harm"),
    ("es", "overdose"),
    ("es", "suicide"),
]


@pytest.mark.parametrize(("lang", "kind"), CASES, ids=[f"{lang}-{kind}" for lang, kind in CASES])
def test_the_help_leads_with_what_the_kind_needs(phone, live_server, axe_source, lang, kind):
    page = phone
    country = COUNTRY[lang]
    member = make_member("writer", display_name="Wren", country=country)
    thread = _thread_for(member)
    _log_in(page, member, live_server.url)
    if lang == "es":
        _switch_to_spanish(page)
    page.goto(thread)

    sentence = SENTENCES[(lang, kind)]
    found = check_text(sentence)
    assert found.kind == kind, f"the grammar reads {sentence!r} as {found.kind!r} now: choose a clearer sentence"
    reply = page.locator("form.post-form textarea")
    reply.fill(sentence)
    page.locator("form.post-form button[type=submit]").click()

    panel = page.locator("#help-before-posting")
    expect(panel).to_be_visible()
    kind_help = help_for(kind)
    assert kind_help.kind == kind
    title = _in(lang, kind_help.title)
    if lang == "es":
        assert title != _in("en", kind_help.title), "the title is translated"
    expect(panel.get_by_role("heading", level=2)).to_have_text(title)
    expect(panel.get_by_role("heading", level=2)).to_have_class(f"help-kind-{kind}")

    calls = panel.locator("a[href^='tel:']")
    expect(calls.first).to_be_visible()
    steps = panel.locator("ol.help-steps")
    expect(steps.locator("li")).to_have_count(len(kind_help.steps))
    expect(steps.locator("li").first).to_have_text(_in(lang, kind_help.steps[0]))
    call_before_steps = page.evaluate(
        "([a, ol]) => !!(a.compareDocumentPosition(ol) & Node.DOCUMENT_POSITION_FOLLOWING)",
        [calls.first.element_handle(), steps.element_handle()],
    )
    number = EMERGENCY[country]
    if kind in ("overdose", "harm"):
        assert calls.first.get_attribute("href") == f"tel:{number}"
        assert number in calls.first.inner_text()
        assert call_before_steps, "the emergency number comes before the steps"
        expect(panel.locator("#talk-to-moderator")).to_have_count(0)
        expect(page.get_by_role("button", name=_in(lang, "Ask a moderator to reach out"))).to_have_count(0)
    else:
        assert call_before_steps, "a crisis line to call comes before the steps"
        assert calls.first.get_attribute("href") != f"tel:{number}", "for this kind, a crisis line, not 911"
        moderator = panel.locator("#talk-to-moderator")
        expect(moderator).to_have_count(1)
        expect(moderator.get_by_role("heading", level=3)).to_have_text(_in(lang, "Talk to a moderator"))
        expect(moderator.locator("form")).to_have_count(1)
        expect(moderator.get_by_role("button", name=_in(lang, "Ask a moderator to reach out"))).to_be_visible()
    if kind == "overdose":
        # On a phone, the first screen of the page with the panel shows the number to call.
        box = calls.first.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box

    assert _axe_problems(page, axe_source) == []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{lang}-{kind}-first-screen.png"))
    page.screenshot(path=str(SCREENSHOTS / f"{lang}-{kind}.png"), full_page=True)

    # The words are still there, and one more press posts them.
    expect(reply).to_have_value(sentence)
    post_it = page.locator("form.post-form button[type=submit]")
    expect(post_it).to_have_text(_in(lang, "Post it"))
    post_it.click()
    expect(page.locator(".posts").get_by_text(sentence)).to_be_visible()
    expect(page.locator("#help-before-posting")).to_have_count(0)

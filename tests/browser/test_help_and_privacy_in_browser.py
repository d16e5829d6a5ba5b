import re
from urllib.parse import urlparse

import pytest

from conftest import make_member

pytestmark = pytest.mark.django_db(transaction=True)

PUBLIC_PATHS = [
    "/",
    "/help/",
    "/meetings/",
    "/groups/",
    "/privacy/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/api/v1/docs",
]
MEMBER_PATHS = ["/me/", "/me/profile/", "/me/tokens/", "/me/data/", "/me/delete/", "/accounts/2fa/"]


def log_in(page, live_server, username="browser"):
    user = make_member(username)
    page.context.add_cookies([_session_cookie(user, live_server.url)])
    return user


def _session_cookie(user, url):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": url,
    }


def test_a_person_finds_get_help_from_the_home_page(page):
    page.goto("/")
    page.get_by_role("banner").get_by_role("link", name="Get help now").click()
    page.wait_for_url("**/help/")
    assert page.get_by_role("heading", level=1).inner_text() == "Get help now"
    call = page.get_by_role("link", name="Call 988").first
    assert call.get_attribute("href") == "tel:988"


def test_get_help_is_the_second_thing_the_keyboard_reaches(page):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to content"
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Get help now"
    page.keyboard.press("Enter")
    page.wait_for_url("**/help/")


def test_no_page_loads_anything_from_another_origin(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for path in PUBLIC_PATHS:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    log_in(page, live_server)
    for path in MEMBER_PATHS:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    ours = urlparse(live_server.url).netloc
    foreign = [url for url in requested if not url.startswith("data:") and urlparse(url).netloc != ours]
    assert len(requested) > len(PUBLIC_PATHS) + len(MEMBER_PATHS), "pages, styles and scripts were requested"
    assert foreign == []


def test_no_content_security_policy_violations(page, live_server):
    messages = []
    page.on("console", lambda message: messages.append(message.text))
    for path in PUBLIC_PATHS:
        page.goto(path)
        page.wait_for_load_state("networkidle")
    violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
    assert violations == []


def test_the_home_page_fits_a_small_phone_without_sideways_scrolling(page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", "/help/", "/accounts/signup/"]:
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), path


def test_axe_finds_nothing_serious(browser, live_server, axe_source):
    context = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    problems = []

    def check(path):
        page.goto(path)
        page.evaluate(axe_source)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                problems.append(f"{path}: {violation['id']} ({violation['impact']}) {targets}")

    for path in [p for p in PUBLIC_PATHS if p != "/api/v1/docs"]:
        check(path)
    page.context.add_cookies([_session_cookie(make_member("axe"), live_server.url)])
    for path in MEMBER_PATHS:
        check(path)
    context.close()
    assert problems == [], "\n".join(problems)


def test_spanish_is_one_click_away(page):
    page.goto("/")
    page.get_by_label("Language").select_option("es")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert re.search(r"Busca una reunión|Buscar una reunión", page.content())
    assert page.get_by_role("link", name=re.compile("ayuda", re.IGNORECASE)).first.is_visible()

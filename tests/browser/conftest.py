"""Browser tests: Playwright driving Debian's chromium (never a downloaded browser)."""

import os
from pathlib import Path

import pytest

from conftest import need

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# Per module, not per session: Playwright's sync API keeps an event loop running in this thread while it is open,
# and other tests that xdist sends to the same worker (the WebSocket tests) need the thread free of it.
@pytest.fixture(scope="module")
def browser():
    need(Path(CHROMIUM).exists(), f"Debian's chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _no_live_socket(settings):
    """Django's live server speaks no WebSocket: pages served by it don't try one (test_served_app.py runs the
    real server, sockets included)."""
    settings.LIVE_SOCKET_PATH = ""


@pytest.fixture
def new_page(browser, live_server):
    """Open another member's browser (a fresh context) on the live server; every one is closed before the test's
    database is emptied, so that no request is still running when it is."""
    contexts = []

    def open_page(base_url=None):
        context = browser.new_context(base_url=base_url or live_server.url)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def axe_source() -> str:
    need(AXE.exists(), f"axe-core from the npm registry at {AXE} (npm ci)")
    return AXE.read_text()

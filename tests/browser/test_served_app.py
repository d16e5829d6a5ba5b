"""The app as `make run` serves it: uvicorn on peerhaven.asgi, pages and websockets on one port."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    db = tmp_path_factory.mktemp("served") / "site.sqlite3"
    env = {**os.environ, "SQLITE_PATH": str(db), "DEBUG": "1", "PEERHAVEN_TESTING": "0"}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    for command in (["migrate", "--noinput", "-v", "0"], ["load_demo", "-v", "0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=120)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "peerhaven.serve", "--no-worker", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline:
                process.kill()
                pytest.fail("the server did not start")
            time.sleep(0.3)
    yield url
    process.terminate()
    process.wait(timeout=10)


SOCKET_JS = """url => new Promise(resolve => {
    const socket = new WebSocket(url);
    socket.onopen = () => { socket.close(); resolve("open"); };
    socket.onerror = () => resolve("refused");
})"""


def test_pages_and_the_member_socket_share_one_server(browser, served):
    context = browser.new_context(base_url=served)
    page = context.new_page()
    ws_url = served.replace("http", "ws") + "/ws/notifications/"
    page.goto("/")
    assert page.evaluate(SOCKET_JS, ws_url) == "refused", "an anonymous visitor gets no socket"

    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("river")
    page.get_by_label("Password").fill("peerhaven-demo-2026")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")
    assert page.get_by_role("link", name="My account").is_visible()
    assert page.evaluate(SOCKET_JS, ws_url) == "open"
    context.close()


def _log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill("peerhaven-demo-2026")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")


def test_a_mention_reaches_the_members_open_page_at_once(browser, served):
    """When River mentions Maya in a reply, Maya's open page counts one more notification and
    announces it, without a reload."""
    maya_context, river_context = browser.new_context(base_url=served), browser.new_context(base_url=served)
    maya = maya_context.new_page()
    _log_in(maya, "maya")
    maya.goto("/groups/")
    before = maya.locator("#nav-notifications .count")
    start = int(before.inner_text()) if before.count() else 0
    maya.wait_for_timeout(500)  # let the socket open

    river = river_context.new_page()
    _log_in(river, "river")
    river.goto("/groups/lakeside-home-group/threads/")
    river.get_by_role("link", name="How do you get through the evenings?").click()
    river.get_by_label("Your reply").fill("@maya a short walk after dinner, every day this week.")
    river.get_by_role("button", name="Post reply").click()

    maya.wait_for_function(
        "n => Number(document.querySelector('#nav-notifications .count')?.textContent) === n", arg=start + 1
    )
    assert "River" in maya.locator("#live-status").inner_text()
    assert "walk after dinner" not in maya.locator("#live-status").inner_text()
    maya_context.close()
    river_context.close()

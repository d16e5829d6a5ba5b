"""`make prod-smoke`: the production stack as README.md and deploy/ describe it, driven by a browser through nginx.

nginx (TLS with a self-signed certificate, so DEBUG=0's HTTPS settings stay on as in production) in front of
granian with 2 WSGI workers, one uvicorn process for /ws/, and the task worker; PostgreSQL and Redis (db 1).
Marked `prodsmoke`: the default suite deselects it (tests/prod/conftest.py).
"""

import re
import shutil
import sys
import time
from pathlib import Path

import pytest

from conftest import need

from . import stack as s

pytestmark = pytest.mark.prodsmoke

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "peerhaven-demo-2026"


def report(stack: s.Stack) -> None:
    lines = [f"  {seconds:6.1f}s  {what}" for what, seconds in stack.timings]
    sys.__stdout__.write("\nprod-smoke timings (since start):\n" + "\n".join(lines) + "\n")


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    need(Path(s.NGINX).exists(), f"Debian's nginx at {s.NGINX} (apt-get install nginx)")
    need(shutil.which("psql") is not None, "PostgreSQL's psql")
    folder = tmp_path_factory.mktemp("prodsmoke")
    folder.chmod(0o755)
    exported, commands = s.readme_commands()
    stack = s.Stack(folder=folder, env=s.production_env(folder, exported))
    try:
        s.clean_copy(folder)
        stack.lap("clean copy (git archive HEAD)")
        s.psql(f"DROP DATABASE IF EXISTS {s.DATABASE} WITH (FORCE)")
        s.psql(f"CREATE DATABASE {s.DATABASE}")
        for command in commands:
            command = s.with_our_ports(command)
            if command[-2:] in (["manage.py", "migrate"], ["migrate", "--noinput"]) or "collectstatic" in command:
                stack.run(command)
                stack.lap(" ".join(command[1:4]))
            else:
                stack.start(Path(command[0]).name, command)
        assert {"granian", "uvicorn", "python"} <= set(stack.processes), "README starts granian, uvicorn, the worker"
        stack.run([".venv/bin/python", "manage.py", "load_demo"])
        stack.lap("load_demo (the smoke's members)")

        stack.nginx_dir.mkdir()
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (stack.nginx_dir / kind).mkdir()
        cert, key = s.self_signed_certificate(stack.nginx_dir)
        site = stack.nginx_dir / "peerhaven.conf"
        site.write_text(s.nginx_site(stack.nginx_dir, cert, key, folder / "static"))
        main = stack.nginx_dir / "nginx.conf"
        main.write_text(s.nginx_main(stack.nginx_dir, site))
        nginx = [s.NGINX, "-p", str(stack.nginx_dir), "-c", str(main), "-e", str(stack.nginx_dir / "error.log")]
        stack.run([*nginx, "-t"])
        stack.start("nginx", nginx)
        s.wait_for(f"{s.BASE_URL}/healthz", 60, stack)
        stack.lap("stack answers through nginx")
        yield stack
        stack.assert_running()
    finally:
        stack.stop()
        s.psql(f"DROP DATABASE IF EXISTS {s.DATABASE} WITH (FORCE)")
        s.delete_redis_keys(stack.env["REDIS_PREFIX"])
        stack.lap("stopped and cleaned up")
        report(stack)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def browser(production):
    need(Path(CHROMIUM).exists(), f"Debian's chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def new_page(browser, **options):
    context = browser.new_context(base_url=s.BASE_URL, ignore_https_errors=True, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def log_in(page, username):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")


SOCKET_JS = """url => new Promise(resolve => {
    const socket = new WebSocket(url);
    socket.onopen = () => { socket.close(); resolve("open"); };
    socket.onerror = () => resolve("refused");
})"""


def test_a_post_on_a_wsgi_worker_reaches_another_members_socket_in_uvicorn(production, browser):
    maya = new_page(browser)
    log_in(maya, "maya")
    maya.goto("/groups/")
    counter = maya.locator("#nav-notifications .count")
    start = int(counter.inner_text()) if counter.count() else 0
    ws_url = s.BASE_URL.replace("https", "wss") + "/ws/notifications/"
    assert maya.evaluate(SOCKET_JS, ws_url) == "open", "the member's socket connects through nginx"
    maya.wait_for_timeout(500)  # the page's own socket is open

    river = new_page(browser)
    log_in(river, "river")
    river.goto("/groups/lakeside-home-group/threads/")
    river.get_by_role("link", name="How do you get through the evenings?").click()
    river.get_by_label("Your reply").fill("@maya a short walk after dinner, every day this week.")
    river.get_by_role("button", name="Post reply").click()

    maya.wait_for_function(
        "n => Number(document.querySelector('#nav-notifications .count')?.textContent) === n", arg=start + 1
    )
    assert "River" in maya.locator("#live-status").inner_text()
    production.lap("live notification across processes")

    anonymous = new_page(browser)
    anonymous.goto("/")
    assert anonymous.evaluate(SOCKET_JS, ws_url) == "refused", "an anonymous visitor gets no socket"


def test_pages_carry_the_security_headers_over_https(production, browser):
    page = new_page(browser)
    response = page.goto("/")
    assert response.status == 200 and page.url.startswith("https://")
    headers = response.headers
    assert headers["strict-transport-security"].startswith("max-age=31536000")
    assert "default-src 'self'" in headers["content-security-policy"]
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["x-frame-options"] == "DENY"
    assert all(cookie["secure"] for cookie in page.context.cookies())


def test_plain_http_is_sent_to_https(production, browser):
    page = new_page(browser)
    response = page.request.get(f"http://{s.HOST}:{s.PORTS['http']}/privacy/", max_redirects=0)
    assert response.status == 301
    assert response.headers["location"] == f"{s.BASE_URL}/privacy/"


def test_hashed_static_files_come_from_nginx_with_a_long_cache(production, browser):
    page = new_page(browser)
    page.goto("/")
    html = page.content()
    css = re.search(r'href="(/static/peerhaven/css/site\.[0-9a-f]{12}\.css)"', html)
    assert css, "the page links the hashed stylesheet (collectstatic's manifest)"
    response = page.request.get(css.group(1), headers={"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "server" in response.headers and "nginx" in response.headers["server"]
    assert page.request.get("/static/peerhaven/css/site.css").status == 200


def test_a_forwarded_for_sent_by_a_client_does_not_choose_its_address(production, browser):
    page = new_page(browser, extra_http_headers={"X-Forwarded-For": "6.6.6.6"})
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("maya")
    page.get_by_label("Password").fill("not her password")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()
    deadline = time.monotonic() + 10
    while not (addresses := s.psql("SELECT DISTINCT ip_address FROM axes_accessattempt", s.DATABASE)):
        assert time.monotonic() < deadline, "the failed login was recorded"
        time.sleep(0.2)
    assert addresses.split() == ["127.0.0.1"], "nginx's address for the client, not the one it claimed"


def test_finder_urls_are_not_logged(production, browser):
    page = new_page(browser)
    assert page.goto("/meetings/?near=41.8781,-87.6298&radius=5").status == 200
    assert page.request.get("/api/v1/meetings?near=41.8781,-87.6298").status == 200
    time.sleep(0.5)
    logs = [production.nginx_dir / "access.log", production.nginx_dir / "error.log"]
    logs += [production.folder / f"{name}.log" for name in production.processes]
    for path in logs:
        text = path.read_text(errors="replace") if path.exists() else ""
        assert "41.8781" not in text, f"{path.name} holds a finder location"
    assert not (production.nginx_dir / "access.log").read_text().strip(), "the site keeps no access log"

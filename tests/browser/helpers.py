"""Helpers for the browser tests: logging in through the site's form, and auditing pages with axe."""

from conftest import PASSWORD


def log_in(page, username, password=None):
    """Log in through the site's own form (the demo members' password unless `password` is given)."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password or PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")


def audit_pages(browser, live_server, axe_source, username, password, paths) -> tuple[list[str], list[str], list[str]]:
    """Visit `paths` as `username` twice: once with axe injected (CSP bypassed for it), once as served.

    Returns (serious or critical axe violations, requests to another origin, CSP violations in the console)."""
    from urllib.parse import urlparse

    ours = urlparse(live_server.url).netloc
    problems, elsewhere, csp = [], [], []
    audit = browser.new_context(base_url=live_server.url, bypass_csp=True)
    page = audit.new_page()
    page.on("request", lambda r: elsewhere.append(r.url) if urlparse(r.url).netloc not in (ours, "") else None)
    log_in(page, username, password)
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, path
        page.evaluate(axe_source)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"{path}: {violation['id']} {[n['target'] for n in violation['nodes']][:3]}")
    audit.close()
    served = browser.new_context(base_url=live_server.url)
    page = served.new_page()
    page.on("console", lambda m: csp.append(m.text) if "Content Security Policy" in m.text else None)
    log_in(page, username, password)
    for path in paths:
        page.goto(path)
    served.close()
    return problems, [u for u in elsewhere if not u.startswith("data:")], csp

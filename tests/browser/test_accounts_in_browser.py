import pytest

from accounts.models import User
from conftest import PASSWORD, enable_totp, make_member, totp_now

pytestmark = pytest.mark.django_db(transaction=True)


def test_newcomer_signs_up_from_the_home_page(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    page.get_by_label("Username").fill("calmheron")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/")
    assert page.get_by_role("link", name="My account").is_visible()
    assert User.objects.get(username="calmheron").display_name == "calmheron"


def test_member_logs_in_with_password_then_authenticator_code(page):
    member = make_member("twofactor")
    enable_totp(member)
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("twofactor")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert page.get_by_role("link", name="My account").count() == 0
    page.get_by_label("Code").fill(totp_now())
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")
    page.get_by_role("link", name="My account").click()
    assert page.get_by_role("heading", level=1).inner_text() == "My account"


def test_a_bad_password_is_explained_without_javascript(browser, live_server):
    make_member("nojs")
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("nojs")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign In").click()
    assert "not correct" in page.content()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/")
    assert page.get_by_role("link", name="My account").is_visible()
    context.close()

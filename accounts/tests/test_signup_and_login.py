import re

import pytest
from django.core import mail

from accounts.models import User
from conftest import PASSWORD, make_member

pytestmark = pytest.mark.django_db


def signup(client, username="quietfox", email="", password=PASSWORD):
    return client.post(
        "/accounts/signup/",
        {"username": username, "email": email, "password1": password, "password2": password},
    )


def test_newcomer_signs_up_with_only_a_username_and_is_logged_in(client):
    response = signup(client)
    assert response.status_code == 302
    user = User.objects.get(username="quietfox")
    assert user.display_name == "quietfox"
    assert client.get("/me/").status_code == 200
    assert mail.outbox == []


def test_signup_never_asks_for_a_real_name(client):
    html = client.get("/accounts/signup/").content.decode()
    assert 'name="username"' in html
    assert "first_name" not in html and "last_name" not in html
    assert not hasattr(User(), "last_name") or User().last_name is None


def test_signup_with_an_email_asks_to_verify_it_before_logging_in(client):
    response = signup(client, email="fox@example.org")
    assert response["Location"] == "/accounts/confirm-email/"
    assert client.get("/me/").status_code == 302
    assert len(mail.outbox) == 1
    assert "fox@example.org" in mail.outbox[0].to
    link = re.search(r"https?://[^/]+(/accounts/confirm-email/[^\s]+)", mail.outbox[0].body).group(1)
    client.post(link)
    response = client.post("/accounts/login/", {"login": "quietfox", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/me/").status_code == 200


def test_signup_with_an_email_already_in_use_looks_the_same_as_a_new_one(client):
    existing = make_member("existing")
    existing.emailaddress_set.create(email="taken@example.org", verified=True, primary=True)
    first = signup(client, username="another1", email="taken@example.org")
    client.logout()
    second = signup(client, username="another2", email="fresh@example.org")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == "/accounts/confirm-email/"
    assert not User.objects.filter(username="another1").exists()
    # The owner of the address hears that someone tried; the stranger learns nothing.
    assert [m.to for m in mail.outbox] == [["taken@example.org"], ["fresh@example.org"]]


def test_a_short_password_is_explained_next_to_the_field(client):
    response = signup(client, password="short")
    html = response.content.decode()
    assert response.status_code == 200
    assert "too short" in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.filter(username="quietfox").exists()


def test_wrong_password_and_unknown_user_get_the_same_answer(client, member):
    wrong = client.post("/accounts/login/", {"login": "member", "password": "not it at all"})
    unknown = client.post("/accounts/login/", {"login": "nobody-here", "password": "not it at all"})
    assert wrong.status_code == unknown.status_code == 200
    strip = lambda r: r.content.decode().replace("nobody-here", "X").replace("member", "X")  # noqa: E731
    assert "not correct" in strip(wrong)

    def errors(response):
        return re.findall(r'class="errorlist[^"]*"[^>]*>(.*?)</ul>', response.content.decode(), re.S)

    assert errors(wrong) == errors(unknown)


def test_login_with_the_right_password_works(client, member):
    response = client.post("/accounts/login/", {"login": "member", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/me/").status_code == 200


def test_password_reset_says_the_same_whether_or_not_the_email_exists(client, member):
    member.emailaddress_set.create(email="member@example.org", verified=True, primary=True)
    known = client.post("/accounts/password/reset/", {"email": "member@example.org"})
    unknown = client.post("/accounts/password/reset/", {"email": "ghost@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    recipients = [to for message in mail.outbox for to in message.to]
    assert "member@example.org" in recipients


def test_logout_ends_the_session(client, member):
    client.force_login(member)
    client.post("/accounts/logout/")
    assert client.get("/me/").status_code == 302

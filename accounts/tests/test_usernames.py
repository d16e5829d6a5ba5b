"""Usernames: sign-up gives one answer for taken, look-alike and reserved names, so it never tells who is a
member; no two usernames share a confusable skeleton, wherever a member is made."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command

from accounts.models import User
from conftest import PASSWORD, make_member
from lib.skeleton import skeleton

pytestmark = pytest.mark.django_db

NOT_AVAILABLE = "That username is not available. Please choose another."


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


def signup(client, username, ip="10.9.0.1"):
    data = {"username": username, "email": "", "password1": PASSWORD, "password2": PASSWORD}
    return client.post("/accounts/signup/", data, REMOTE_ADDR=ip)


def test_skeleton_matches_look_alikes_case_insensitively():
    assert skeleton("Rıver") == skeleton("river") == skeleton("RIVER")
    assert skeleton("p\u0430ul") == skeleton("paul")  # Cyrillic а
    assert skeleton("rnary") == skeleton("mary")
    assert skeleton("\uff52\uff49\uff56\uff45\uff52") == skeleton("river")  # fullwidth
    assert skeleton("river") != skeleton("rover")


@pytest.mark.parametrize("taken", ["river", "River", "Rıver", "riv\u0435r", "rnarta"])
def test_signup_refuses_a_taken_or_look_alike_name_without_saying_it_is_taken(client, taken):
    make_member("river")
    make_member("marta")
    response = signup(client, taken)
    html = response.content.decode()
    assert response.status_code == 200
    assert NOT_AVAILABLE in html
    assert "already exists" not in html and "taken" not in html
    assert User.objects.count() == 2


@pytest.mark.parametrize(
    "reserved",
    ["admin", "Administrator", "ADMIN_1", "moderator-jo", "team.peerhaven", "\u0430dmin", "help", "support42"],
)
def test_signup_refuses_reserved_names_with_the_same_answer(client, reserved):
    response = signup(client, reserved)
    assert response.status_code == 200
    assert NOT_AVAILABLE in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize("fine", ["helpful_fox", "modest", "rootsy", "quiet_river"])
def test_names_that_only_contain_a_reserved_word_are_fine(client, fine):
    assert signup(client, fine).status_code == 302
    assert User.objects.get(username=fine).username_skeleton == skeleton(fine)


def test_a_taken_name_and_a_reserved_name_answer_the_same(client):
    make_member("river")
    taken = signup(client, "river").content.decode()
    reserved = signup(client, "moderator").content.decode()
    errors = [page.split('id="id_username_helptext"')[0].count(NOT_AVAILABLE) for page in (taken, reserved)]
    assert errors[0] == errors[1] == 1


def test_after_ten_refusals_one_address_gets_no_more_answers(client, settings):
    settings.SIGNUP_USERNAME_REFUSALS = 10
    make_member("river")
    for n in range(10):
        assert NOT_AVAILABLE in signup(client, f"admin{n}").content.decode()
    # Now even a taken name and a free one answer alike, so the list cannot be tested from here.
    free = signup(client, "unused_name").content.decode()
    taken = signup(client, "river").content.decode()
    for page in (free, taken):
        assert "Too many usernames were tried from here" in page
        assert NOT_AVAILABLE not in page
    assert not User.objects.filter(username="unused_name").exists()
    # Another address is not affected.
    assert signup(client, "unused_name", ip="10.9.0.2").status_code == 302


def test_the_database_refuses_two_look_alike_usernames():
    from django.db import IntegrityError, transaction

    make_member("river")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="Rıver", password=PASSWORD)


def test_admin_add_form_refuses_a_look_alike_username(client, admin_user):
    make_member("river")
    client.force_login(admin_user)
    data = {"username": "riv\u0435r", "password1": PASSWORD, "password2": PASSWORD, "usable_password": "true"}
    response = client.post("/admin/accounts/user/add/", data)
    assert response.status_code == 200
    assert NOT_AVAILABLE in response.content.decode()
    assert User.objects.filter(username_skeleton=skeleton("river")).count() == 1


def test_admin_change_form_refuses_another_members_look_alike(client, admin_user):
    river = make_member("river")
    make_member("sam")
    client.force_login(admin_user)
    url = f"/admin/accounts/user/{river.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data = {k: ([str(x) for x in v] if isinstance(v, list) else v) for k, v in data.items()}
    data.update({"username": "S\u0430m", "date_joined_0": "2026-01-01", "date_joined_1": "10:00:00"})
    data.pop("date_joined", None)
    data.pop("last_login", None)
    for prefix in ("role_assignments",):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 200
    assert NOT_AVAILABLE in response.content.decode()
    river.refresh_from_db()
    assert river.username == "river"


def test_createsuperuser_refuses_a_look_alike_but_may_take_admin():
    make_member("river")
    with pytest.raises(CommandError, match="not available"):
        call_command("createsuperuser", "--noinput", "--username", "Rıver", "--email", "", stdout=StringIO())
    call_command("createsuperuser", "--noinput", "--username", "admin", "--email", "", stdout=StringIO())
    assert User.objects.filter(username="admin", is_superuser=True).exists()

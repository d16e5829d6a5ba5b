import pytest
from django.test import override_settings

from safety.models import CrisisLine

pytestmark = pytest.mark.django_db


def country_order(html: str) -> list[str]:
    import re

    return re.findall(r'<h2 id="country-([A-Z]{2})"', html)


def test_get_help_is_linked_from_the_home_page_for_everyone(client, member):
    assert 'href="/help/"' in client.get("/").content.decode()
    client.force_login(member)
    assert 'href="/help/"' in client.get("/").content.decode()


def test_help_page_lists_the_us_and_uk_lines(client):
    html = client.get("/help/").content.decode()
    assert 'href="tel:988"' in html and 'href="sms:988"' in html
    assert 'href="tel:18006624357"' in html
    assert "Samaritans" in html and 'href="tel:116123"' in html


def test_without_a_country_every_emergency_number_comes_first_then_countries_alphabetical(client, settings):
    settings.HELP_DEFAULT_COUNTRY = ""
    html = client.get("/help/").content.decode()
    world = html.index('class="world-emergency"')
    assert world < html.index('href="tel:911"') and world < html.index('href="tel:999"')
    assert world < html.index("Find a Helpline") < html.index("<details")  # the lines for every country, at once
    order = country_order(html)
    assert "ZZ" not in order and order[:3] == ["AR", "AU", "BR"]  # Argentina, Australia, Brasil


@override_settings(HELP_DEFAULT_COUNTRY="GB")
def test_the_operators_default_country_comes_first(client):
    assert country_order(client.get("/help/").content.decode())[0] == "GB"


@override_settings(HELP_DEFAULT_COUNTRY="GB")
def test_the_visitors_choice_beats_the_default(client):
    html = client.get("/help/?country=mx").content.decode()
    assert country_order(html)[0] == "MX"
    assert '<option value="MX" selected>' in html


def test_an_unknown_country_is_ignored_not_an_error(client):
    assert client.get("/help/?country=<script>").status_code == 200


def test_operators_edit_lines_as_data(client, admin_user):
    line = CrisisLine.objects.get(country="US", name="988 Suicide & Crisis Lifeline")
    line.is_active = False
    line.save()
    assert "988 Suicide" not in client.get("/help/").content.decode()
    CrisisLine.objects.create(country="FR", country_name="France", kind="crisis", name="3114", phone="3114")
    assert 'href="tel:3114"' in client.get("/help/").content.decode()
    client.force_login(admin_user)
    assert client.get("/admin/safety/crisisline/").status_code == 200


def test_outsiders_cannot_edit_crisis_lines(outsider_client):
    response = outsider_client.get("/admin/safety/crisisline/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]

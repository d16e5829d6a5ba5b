"""A phone number first, always: which country's lines come first (`safety.country.help_country`), and the pages that
show them (Get help, the help before posting, the slip page)."""

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.personal_data import export_account
from accounts.services import create_api_token
from conftest import make_member
from groups.models import Group, Membership
from groups.services.discussion import start_thread
from journey.models import today_for
from journey.services import counters as counter_services
from safety.country import (
    SESSION_KEY,
    countries_of_accept_language,
    country_of_zone,
    help_country,
)
from safety.help import emergency_numbers, lines_for_help
from safety.models import CrisisLine

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_default(settings):
    settings.HELP_DEFAULT_COUNTRY = ""


def make_request(query="", accept_language="", user=None):
    request = RequestFactory().get("/help/" + query, HTTP_ACCEPT_LANGUAGE=accept_language)
    request.session = SessionStore()
    request.user = user or AnonymousUser()
    return request


def person(country="", time_zone="UTC"):
    """What help_country reads of a member: it never imports accounts."""
    return SimpleNamespace(is_authenticated=True, country=country, time_zone=time_zone)


# --- Resolution, step by step -------------------------------------------------------------------------------------


def test_the_zone_table_maps_zones_to_countries_and_utc_to_nothing():
    assert country_of_zone("America/Chicago") == "US"
    assert country_of_zone("Europe/Madrid") == "ES"
    assert country_of_zone("UTC") == "" and country_of_zone("Etc/GMT+5") == "" and country_of_zone("") == ""


def test_the_browser_languages_give_their_regions_by_q_order():
    assert countries_of_accept_language("es-MX,es;q=0.9") == ["MX"]
    assert countries_of_accept_language("en;q=0.9,pt-BR;q=0.5,en-GB;q=0.8") == ["GB", "BR"]
    assert countries_of_accept_language("es-419,es") == [] and countries_of_accept_language("") == []


def test_an_explicit_choice_wins_over_everything_and_is_remembered():
    user = person(country="US", time_zone="America/Chicago")
    request = make_request("?country=gb", accept_language="es-MX", user=user)
    assert help_country(request) == "GB"
    assert request.session[SESSION_KEY] == "GB"
    later = make_request(accept_language="es-MX", user=user)
    later.session = request.session
    assert help_country(later) == "GB"


def test_an_empty_choice_forgets_the_remembered_one():
    request = make_request("?country=")
    request.session[SESSION_KEY] = "GB"
    assert help_country(request) == ""
    assert SESSION_KEY not in request.session


def test_a_choice_of_a_country_without_lines_is_ignored():
    request = make_request("?country=FR", accept_language="es-MX")
    assert help_country(request) == "MX"
    assert SESSION_KEY not in request.session


def test_the_profile_country_comes_before_the_time_zone_and_the_browser():
    request = make_request(accept_language="es-MX")
    assert help_country(request, person(country="ca", time_zone="Europe/London")) == "CA"


def test_the_time_zone_comes_before_the_browser():
    request = make_request(accept_language="es-MX")
    assert help_country(request, person(time_zone="America/Chicago")) == "US"


def test_the_browser_language_comes_before_the_operators_default(settings):
    settings.HELP_DEFAULT_COUNTRY = "GB"
    assert help_country(make_request(accept_language="es-MX,es;q=0.9")) == "MX"
    assert help_country(make_request(accept_language="fr-FR,fr;q=0.9")) == "GB"


def test_each_step_counts_only_a_country_with_lines(settings):
    settings.HELP_DEFAULT_COUNTRY = "AU"
    # France has no lines: profile, zone and browser all fall through, to the next step each time.
    assert help_country(make_request(accept_language="fr-FR"), person(country="FR", time_zone="Europe/Paris")) == "AU"
    assert help_country(make_request(accept_language="fr-FR,es-ES;q=0.5"), person(country="FR")) == "ES"
    CrisisLine.objects.filter(country="US").update(is_active=False)
    assert help_country(make_request(), person(time_zone="America/Chicago")) == "AU"


def test_nothing_resolves_to_empty_and_an_anonymous_user_has_no_profile():
    assert help_country(make_request()) == ""
    assert help_country(make_request(), AnonymousUser()) == ""


def test_a_real_member_is_read_from_the_request():
    member = make_member("chicago", time_zone="America/Chicago")
    assert help_country(make_request(user=member)) == "US"
    member.country = "CA"
    assert help_country(make_request(user=member)) == "CA"


# --- The lines, in order --------------------------------------------------------------------------------------------


def test_lines_for_help_orders_emergency_crisis_overdose_then_others():
    lines, name = lines_for_help("US")
    kinds = [line.kind for line in lines]
    assert name == "United States"
    assert kinds[:4] == ["emergency", "crisis", "crisis", "overdose"]
    assert kinds.index("addiction") > kinds.index("overdose")
    assert lines[-1].country == "ZZ"


def test_the_verified_lines_are_there_with_their_date():
    def phone(country, name):
        return CrisisLine.objects.get(country=country, name=name)

    assert phone("US", "Never Use Alone").phone == "1-800-484-3731"
    assert phone("US", "Crisis Text Line").text == "741741"
    assert phone("CA", "National Overdose Response Service (NORS)").kind == "overdose"
    assert phone("BR", "CVV – Centro de Valorização da Vida").phone == "188"
    assert str(phone("PT", "Linha de Prevenção do Suicídio").verified_on) == "2026-11-01"
    assert not CrisisLine.objects.filter(country="AR", kind="emergency").exists()  # unverified: left out
    assert CrisisLine.objects.filter(country="US", name="Emergency services").count() == 1  # updated, not duplicated


def test_emergency_numbers_lists_one_per_country():
    numbers = {line.country: line.phone for line in emergency_numbers()}
    assert numbers["US"] == "911" and numbers["GB"] == "999" and numbers["ES"] == "112" and numbers["BR"] == "192"
    assert "AR" not in numbers and "ZZ" not in numbers


# --- The pages ---------------------------------------------------------------------------------------------------


@pytest.fixture
def thread(member, sponsor):
    group = Group.objects.create(slug="circle", name="Circle", kind="peer_led")
    Membership.objects.create(group=group, user=member)
    Membership.objects.create(group=group, user=sponsor)
    return start_thread(sponsor, group, title="Evenings", body="How do you get through the evenings?")


def help_before_posting(client, thread):
    url = reverse("groups:thread", args=[thread.group.slug, thread.pk])
    html = client.post(url, {"body": "I can't go on like this anymore, I want to end it all"}).content.decode()
    assert 'id="help-before-posting"' in html
    return html[html.index('id="help-before-posting"') :]


def test_a_member_with_profile_country_us_sees_988_first_then_911_before_posting(member_client, member, thread):
    """Suicide language: the crisis line leads (the steps follow), then the country's lines, emergency first."""
    member.country = "US"
    member.save()
    panel = help_before_posting(member_client, thread)
    tel_links = re.findall(r'href="(tel:[^"]+)"', panel)
    assert tel_links[:3] == ["tel:988", "tel:911", "tel:988"]
    assert "Emergency: call 911" in panel
    assert panel.index("tel:988") < panel.index("tel:18004843731") < panel.index("tel:18006624357")


def test_a_member_in_chicago_with_no_country_gets_the_us_lines(member_client, member, thread):
    member.time_zone = "America/Chicago"
    member.save()
    panel = help_before_posting(member_client, thread)
    assert "Emergency: call 911" in panel and 'href="sms:988"' in panel
    assert 'href="sms:741741"' in panel


def test_a_visitor_with_mexican_spanish_gets_mexico_first_on_the_get_help_page(client):
    html = client.get("/help/", HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9").content.decode()
    first_tel = re.search(r'href="(tel:[^"]+)"', html).group(1)
    assert first_tel == "tel:911"
    assert html.index('href="tel:8009112000"') < html.index('id="country-US"')
    assert html.index('id="country-MX"') < html.index("<details")
    assert '<option value="MX" selected>' in html


def test_with_nothing_resolved_there_is_still_a_number(client, member_client, thread):
    html = client.get("/help/").content.decode()
    world = html[html.index('class="world-emergency"') : html.index("<details")]
    assert 'href="tel:911"' in world and 'href="tel:999"' in world and 'href="tel:112"' in world
    panel = help_before_posting(member_client, thread)
    assert 'class="world-emergency"' in panel and 'href="tel:999"' in panel


def test_the_switch_changes_the_country_and_is_remembered(client):
    html = client.get("/help/?country=BR", HTTP_ACCEPT_LANGUAGE="es-MX").content.decode()
    assert '<option value="BR" selected>' in html
    assert '<p class="emergency-call"><a class="button danger big" href="tel:192">' in html
    html = client.get("/help/", HTTP_ACCEPT_LANGUAGE="es-MX").content.decode()
    assert '<option value="BR" selected>' in html
    assert re.search(r'<label for="help-country">[^<]+</label>\s*<select name="country" id="help-country">', html)


def test_the_compact_switch_works_without_javascript_and_with_htmx(client):
    html = client.get("/help/lines/?country=PT", HTTP_HX_REQUEST="true").content.decode()
    assert "Emergency: call 112" in html and 'href="tel:1411"' in html and "<html" not in html
    assert 'action="/help/"' in html and 'hx-get="/help/lines/"' in html
    response = client.get("/help/lines/?country=PT")  # no htmx: the whole page
    assert response.status_code == 302 and response["Location"] == "/help/?country=PT"
    assert client.get("/help/").content.decode().count('<option value="PT" selected>') == 1


def test_the_slip_page_shows_a_number(member_client, member):
    counter = counter_services.create_counter(
        member, pathway="alcohol", start_date=today_for(member) - timedelta(days=10)
    )
    html = member_client.get(f"/me/recovery/counters/{counter.pk}/slip/").content.decode()
    assert 'href="tel:' in html and 'class="world-emergency"' in html
    member.country = "GB"
    member.save()
    html = member_client.get(f"/me/recovery/counters/{counter.pk}/slip/").content.decode()
    assert "Emergency: call 999" in html and 'href="tel:116123"' in html


def test_the_spanish_page_shows_the_lines(client):
    html = client.get("/help/?country=ES", HTTP_ACCEPT_LANGUAGE="es-ES").content.decode()
    assert 'href="tel:717003717"' in html and "España" in html


# --- The profile country ---------------------------------------------------------------------------------------


def test_the_profile_form_saves_the_country_and_only_the_member_sees_it(member_client, member, sponsor):
    url = reverse("accounts:profile")
    html = member_client.get(url).content.decode()
    assert "Country (for help lines; only you see it)" in html and '<option value="US">' in html
    data = {"display_name": "Robin", "time_zone": "UTC", "country": "US"}
    for name in ("display_name", "pronouns", "fellowships", "languages", "time_zone"):
        data[f"{name}_visibility"] = "everyone"
    assert member_client.post(url, data).status_code == 302
    member.refresh_from_db()
    assert member.country == "US"
    assert export_account(member)["profile"]["country"] == {"value": "US", "visible_to": "only_me"}
    client = Client()
    client.force_login(sponsor)
    assert "United States" not in client.get(reverse("accounts:member", args=[member.username])).content.decode()


def test_the_api_shows_and_changes_my_country_and_the_lines_carry_verified_on(member):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(member, name='x')[1]}"}
    client = Client()
    response = client.patch("/api/v1/me", {"country": "mx"}, content_type="application/json", **headers)
    assert response.status_code == 200 and response.json()["country"] == {"value": "MX", "visible_to": "only_me"}
    bad = client.patch("/api/v1/me", {"country": "XX"}, content_type="application/json", **headers)
    assert bad.status_code in (400, 422)
    body = client.get("/api/v1/help/lines", HTTP_ACCEPT_LANGUAGE="pt-BR").json()
    assert body[0]["country"] == "BR" and body[0]["lines"][0]["phone"] == "192"
    assert body[0]["lines"][0]["verified_on"] == "2026-11-01"

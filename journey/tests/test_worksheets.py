"""Worksheet pages: the five kinds to start, filling and changing one, deleting it; private to the member."""

import re
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from journey.models import Share, Worksheet, today_for
from journey.services import worksheets as services
from journey.services.sharing import share_item
from journey.worksheets import DEFINITIONS

pytestmark = pytest.mark.django_db

LIST_URL = "/me/recovery/worksheets/"


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


@pytest.fixture
def worksheet(member):
    return services.create_worksheet(
        member,
        kind="urge_log",
        title="Friday night",
        data={"intensity": 8, "where": "Bus stop by the off-licence", "what_i_did": "Phoned Sam"},
    )


def test_anonymous_visitors_are_sent_to_log_in(client, worksheet):
    for path in [
        LIST_URL,
        f"{LIST_URL}new/abc/",
        f"{LIST_URL}{worksheet.pk}/",
        f"{LIST_URL}{worksheet.pk}/delete/",
    ]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
    assert client.post(f"{LIST_URL}{worksheet.pk}/delete/").status_code == 302
    assert Worksheet.objects.filter(pk=worksheet.pk).exists()


def test_another_member_gets_404_on_every_worksheet_page(outsider_client, worksheet):
    for path in [f"{LIST_URL}{worksheet.pk}/", f"{LIST_URL}{worksheet.pk}/delete/"]:
        assert outsider_client.get(path).status_code == 404, path
        assert outsider_client.post(path, {"title": "mine now"}).status_code == 404, path
    assert "Friday night" not in outsider_client.get(LIST_URL).content.decode()
    worksheet.refresh_from_db()
    assert worksheet.title == "Friday night"


def test_the_list_offers_the_five_kinds_each_with_what_it_is_for(member_client, worksheet):
    html = member_client.get(LIST_URL).content.decode()
    assert _h1_count(html) == 1 and 'href="/help/"' in html
    for kind, definition in DEFINITIONS.items():
        assert f'href="{LIST_URL}new/{kind}/"' in html, kind
        assert str(definition.purpose)[:40] in html.replace("&#x27;", "'"), kind
    assert f'href="{LIST_URL}{worksheet.pk}/"' in html and "Friday night" in html


def test_an_unknown_kind_is_not_found(member_client):
    assert member_client.get(f"{LIST_URL}new/horoscope/").status_code == 404


@pytest.mark.parametrize("kind", list(DEFINITIONS))
def test_each_kind_has_a_form_with_every_question_labelled(member_client, kind):
    html = member_client.get(f"{LIST_URL}new/{kind}/").content.decode()
    assert _h1_count(html) == 1
    for key in DEFINITIONS[kind].questions:
        assert f'<label for="id_{key}">' in html, key
    assert "<script>" not in html and "style=" not in html


def test_filling_in_a_cost_benefit_analysis(member_client, member):
    response = member_client.post(
        f"{LIST_URL}new/cost_benefit/",
        {
            "title": "Drinking",
            "benefits_of_using": "Relaxes me\n\n  Fits in with friends  ",
            "costs_of_using": "Hangovers\nMoney",
            "benefits_of_stopping": "Mornings",
            "costs_of_stopping": "",
            "reflection": "Mornings matter most",
        },
    )
    worksheet = Worksheet.objects.get(user=member)
    assert response.status_code == 302 and response["Location"] == f"{LIST_URL}{worksheet.pk}/"
    assert worksheet.kind == "cost_benefit" and worksheet.title == "Drinking"
    assert worksheet.data["benefits_of_using"] == ["Relaxes me", "Fits in with friends"]
    assert worksheet.data["costs_of_stopping"] == [] and worksheet.data["reflection"] == "Mornings matter most"
    html = member_client.get(response["Location"]).content.decode()
    assert _h1_count(html) == 1 and "Relaxes me\nFits in with friends</textarea>" in html
    assert f'href="/me/recovery/share/worksheet/{worksheet.pk}/' in html and "(private)" in html


def test_a_halt_check_keeps_yes_no_and_unanswered(member_client, member):
    member_client.post(f"{LIST_URL}new/halt/", {"hungry": "yes", "hungry_action": "Toast", "tired": "no", "lonely": ""})
    data = Worksheet.objects.get(user=member).data
    assert (data["hungry"], data["tired"], data["lonely"], data["angry"]) == (True, False, None, None)
    assert data["hungry_action"] == "Toast"


def test_changing_a_worksheet(member_client, worksheet):
    response = member_client.post(f"{LIST_URL}{worksheet.pk}/", {"title": "", "intensity": "3", "where": "Home"})
    assert response.status_code == 302
    worksheet.refresh_from_db()
    assert worksheet.title == "" and worksheet.data["intensity"] == 3 and worksheet.data["what_i_did"] == ""
    html = member_client.get(f"{LIST_URL}{worksheet.pk}/").content.decode()
    assert "Urge log, " in html  # with no title, the kind and date name it


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("intensity", "11"),
        ("intensity", "0"),
        ("duration_minutes", "-5"),
        ("when", "yesterday-ish"),
        ("where", "x" * 201),
    ],
)
def test_bad_answers_are_explained_next_to_the_question_and_nothing_is_saved(member_client, member, field, value):
    response = member_client.post(f"{LIST_URL}new/urge_log/", {field: value, "trigger": "Payday"})
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Worksheet.objects.exists()


def test_an_urge_cannot_be_logged_in_the_future_of_the_members_own_day(member_client, member):
    member.time_zone = "Pacific/Pago_Pago"  # UTC-11: often still "yesterday" when UTC has moved on
    member.save()
    today = today_for(member)
    tomorrow = f"{(today + timedelta(days=1)).isoformat()}T00:30"
    html = member_client.post(f"{LIST_URL}new/urge_log/", {"when": tomorrow}).content.decode()
    assert 'id="id_when_error"' in html and not Worksheet.objects.exists()
    assert member_client.post(f"{LIST_URL}new/urge_log/", {"when": f"{today.isoformat()}T23:30"}).status_code == 302
    assert Worksheet.objects.get().data["when"] == f"{today.isoformat()}T23:30"


def test_the_members_today_is_used_even_when_it_is_ahead_of_utc(member_client, member):
    member.time_zone = "Pacific/Kiritimati"  # UTC+14
    member.save()
    today = today_for(member)
    page = member_client.get(f"{LIST_URL}new/urge_log/").content.decode()
    assert f'name="when" value="{today.isoformat()}T' in page  # a new urge log starts at the member's "now"
    response = member_client.post(f"{LIST_URL}new/urge_log/", {"when": f"{today.isoformat()}T08:00"})
    assert response.status_code == 302


def test_the_service_checks_the_date_against_the_day_it_is_given(member):
    data = {"when": "2026-03-02T09:00"}
    with pytest.raises(ValidationError) as error:
        services.create_worksheet(member, kind="urge_log", data=data, today=date(2026, 3, 1))
    assert "when" in error.value.message_dict
    saved = services.create_worksheet(member, kind="urge_log", data=data, today=date(2026, 3, 2))
    assert Worksheet.objects.filter(pk=saved.pk, user=member, kind="urge_log").exists()


def test_deleting_a_worksheet_asks_first_and_withdraws_its_shares(member_client, member, sponsor, worksheet):
    share_item(member, worksheet, to_user=sponsor)
    page = member_client.get(f"{LIST_URL}{worksheet.pk}/delete/").content.decode()
    assert _h1_count(page) == 1 and "cannot be undone" in page and "Friday night" in page
    assert member_client.post(f"{LIST_URL}{worksheet.pk}/delete/")["Location"] == LIST_URL
    assert not Worksheet.objects.exists() and not Share.objects.exists()


def test_worksheets_are_stored_encrypted(worksheet):
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, data FROM journey_worksheet")
        title, data = cursor.fetchone()
    for plain in ["Friday", "off-licence", "Phoned Sam", "intensity"]:
        assert plain not in title and plain not in data, plain


def test_a_shared_worksheet_is_readable_by_the_person_it_is_shared_with(client, member, sponsor, worksheet):
    share = share_item(member, worksheet, to_user=sponsor)
    client.force_login(sponsor)
    html = client.get(f"/shared-with-me/{share.pk}/").content.decode()
    assert _h1_count(html) == 1
    assert "Friday night" in html and "Bus stop by the off-licence" in html and "Phoned Sam" in html
    assert "How strong it was (1 to 10)" in html and ">8<" in html.replace("\n", "").replace(" ", "")
    assert f"{LIST_URL}{worksheet.pk}/" not in html

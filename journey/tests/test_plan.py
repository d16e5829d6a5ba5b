"""The recovery plan's pages: view, edit with repeated rows, print on one page, delete; private to the member."""

import re

import pytest
from django.db import connection

from journey.models import RecoveryPlan, Share
from journey.services import plan as services
from journey.services.sharing import share_item
from safety.models import CrisisLine

pytestmark = pytest.mark.django_db

PAGES = ["/me/recovery/plan/", "/me/recovery/plan/edit/", "/me/recovery/plan/print/", "/me/recovery/plan/delete/"]


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def _post_data(triggers=(), people=(), **texts) -> dict:
    """What the edit form posts: the texts and both row formsets with their management forms."""
    data = dict.fromkeys(services.TEXT_FIELDS, "") | texts
    for prefix, rows in (("triggers", triggers), ("people", people)):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for i, row in enumerate(rows):
            for key, value in row.items():
                data[f"{prefix}-{i}-{key}"] = value
    return data


@pytest.fixture
def plan(member):
    return services.save_plan(
        member,
        warning_signs="Skipping meals, staying in bed",
        triggers=[{"trigger": "Payday", "response": "Give my card to Sam"}],
        coping="Walk the dog",
        people=[{"name": "Sam", "phone": "+44 (0)7700 900123", "note": "my sponsor"}],
        places_to_avoid="The Crown pub",
        reasons="My daughter",
        crisis_plan="Call Sam, then 116 123",
    )


def test_anonymous_visitors_are_sent_to_log_in(client, plan):
    for path in PAGES:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
    assert client.post("/me/recovery/plan/delete/").status_code == 302
    assert client.post("/me/recovery/plan/edit/", _post_data(reasons="x")).status_code == 302
    assert RecoveryPlan.objects.get().reasons == "My daughter"


def test_another_member_never_sees_the_plan_and_cannot_change_it(outsider_client, outsider, plan):
    for path in PAGES:
        html = outsider_client.get(path).content.decode()
        assert "Payday" not in html and "My daughter" not in html, path
    outsider_client.post("/me/recovery/plan/delete/")
    outsider_client.post("/me/recovery/plan/edit/", _post_data(reasons="theirs"))
    assert RecoveryPlan.objects.get(pk=plan.pk).reasons == "My daughter"
    assert RecoveryPlan.objects.get(user=outsider).reasons == "theirs"  # their own plan, not the member's


def test_a_member_without_a_plan_is_invited_to_write_one(member_client):
    html = member_client.get("/me/recovery/plan/").content.decode()
    assert _h1_count(html) == 1 and 'href="/help/"' in html
    assert 'href="/me/recovery/plan/edit/"' in html
    assert "Share…" not in html  # nothing to share yet
    assert not RecoveryPlan.objects.exists()


def test_the_plan_page_shows_every_section_with_edit_print_and_share_links(member_client, plan):
    html = member_client.get("/me/recovery/plan/").content.decode()
    assert _h1_count(html) == 1
    for text in [
        "Skipping meals",
        "Payday",
        "Give my card to Sam",
        "Walk the dog",
        "+44 (0)7700 900123",
        "my sponsor",
        "The Crown pub",
        "My daughter",
        "Call Sam, then 116 123",
    ]:
        assert text in html, text
    assert 'href="/me/recovery/plan/edit/"' in html and 'href="/me/recovery/plan/print/"' in html
    assert f'href="/me/recovery/share/recoveryplan/{plan.pk}/' in html and "(private)" in html
    assert "<script>" not in html and "style=" not in html


def test_the_edit_page_shows_existing_rows_plus_three_empty_ones(member_client, plan):
    html = member_client.get("/me/recovery/plan/edit/").content.decode()
    assert _h1_count(html) == 1
    assert 'name="triggers-TOTAL_FORMS" value="4"' in html and 'name="people-TOTAL_FORMS" value="4"' in html
    assert 'value="Payday"' in html and 'for="id_triggers-3-trigger"' in html
    assert "Skipping meals, staying in bed</textarea>" in html


def test_writing_a_plan_drops_empty_rows(member_client, member):
    data = _post_data(
        triggers=[
            {"trigger": "", "response": ""},
            {"trigger": " Loneliness ", "response": "Go to a meeting"},
            {"trigger": "Friday night", "response": ""},
        ],
        people=[{"name": "Ana", "phone": "555-0100", "note": ""}, {"name": "", "phone": "", "note": ""}],
        warning_signs="Lying about small things",
        crisis_plan="Call Ana",
    )
    response = member_client.post("/me/recovery/plan/edit/", data)
    assert response.status_code == 302 and response["Location"] == "/me/recovery/plan/"
    plan = RecoveryPlan.objects.get(user=member)
    assert plan.triggers == [
        {"trigger": "Loneliness", "response": "Go to a meeting"},
        {"trigger": "Friday night", "response": ""},
    ]
    assert plan.people == [{"name": "Ana", "phone": "555-0100", "note": ""}]
    assert (plan.warning_signs, plan.crisis_plan, plan.reasons) == ("Lying about small things", "Call Ana", "")


@pytest.mark.parametrize(
    ("triggers", "people", "section", "message"),
    [
        ([{"trigger": "", "response": "Breathe"}], [], "triggers", "Row 1: write the trigger this response is for."),
        ([], [{"name": "", "phone": "555", "note": ""}], "people", "Row 1: write who this is"),
        ([], [{"name": "Ana", "phone": "call me", "note": ""}], "people", "Row 1: a phone number may have digits"),
        ([], [{"name": "A", "phone": "1", "note": ""}, {"name": "B", "phone": "12ab", "note": ""}], "people", "Row 2"),
    ],
)
def test_a_bad_row_is_explained_beside_its_section_and_nothing_is_saved(
    member_client, member, triggers, people, section, message
):
    response = member_client.post("/me/recovery/plan/edit/", _post_data(triggers, people, reasons="kept?"))
    assert response.status_code == 200
    html = response.content.decode()
    fieldset = html.split(f'id="{section}"', 1)[1].split("</fieldset>", 1)[0]
    assert message in fieldset
    assert "errorlist nonfield" not in html  # said once, beside its rows
    assert not RecoveryPlan.objects.exists()


def test_a_text_over_4000_characters_is_refused_next_to_its_field(member_client, plan):
    response = member_client.post("/me/recovery/plan/edit/", _post_data(coping="x" * 4001))
    html = response.content.decode()
    assert response.status_code == 200 and 'id="id_coping_error"' in html
    assert RecoveryPlan.objects.get().coping == "Walk the dog"


def test_more_than_thirty_triggers_are_refused(member_client, member):
    rows = [{"trigger": f"t{i}", "response": ""} for i in range(31)]
    html = member_client.post("/me/recovery/plan/edit/", _post_data(rows)).content.decode()
    assert "30" in html.split('id="triggers"', 1)[1].split("</fieldset>", 1)[0]
    assert not RecoveryPlan.objects.exists()


def test_the_print_page_has_every_section_and_the_crisis_lines_on_one_page(member_client, plan, settings):
    settings.HELP_DEFAULT_COUNTRY = ""
    html = member_client.get("/me/recovery/plan/print/").content.decode()
    assert _h1_count(html) == 1
    for heading in [
        "My warning signs",
        "Triggers and how I handle each",
        "What helps me cope",
        "People I can call",
        "Places and situations I avoid",
        "My reasons for recovery",
        "If I am in crisis",
    ]:
        assert heading in html, heading
    for text in ["Payday", "Give my card to Sam", "+44 (0)7700 900123", "Call Sam, then 116 123"]:
        assert text in html, text
    # With no country chosen, every country's emergency number is printed on one line.
    assert "United States: <strong>911</strong>" in html and "United Kingdom: <strong>999</strong>" in html
    assert "Ctrl+P" in html and "peerhaven/css/parts/plan.css" in html and "peerhaven/js/print.js" in html
    assert "<script>" not in html and "style=" not in html


def test_the_print_page_lists_the_chosen_countrys_lines(member_client, plan):
    html = member_client.get("/me/recovery/plan/print/?country=GB").content.decode()
    assert "Samaritans" in html and "116 123" in html and "999" in html
    assert "988 Suicide" not in html
    CrisisLine.objects.filter(country="GB", name="Samaritans").update(is_active=False)
    assert "Samaritans</strong>" not in member_client.get("/me/recovery/plan/print/?country=GB").content.decode()


def test_the_print_page_uses_the_operators_country_by_default(member_client, plan, settings):
    settings.HELP_DEFAULT_COUNTRY = "NZ"
    html = member_client.get("/me/recovery/plan/print/").content.decode()
    assert "Need to talk? 1737" in html and "111" in html


def test_the_print_page_works_before_a_plan_is_written(member_client):
    response = member_client.get("/me/recovery/plan/print/")
    assert response.status_code == 200 and "Not written yet." in response.content.decode()
    assert not RecoveryPlan.objects.exists()


def test_deleting_the_plan_asks_first_and_withdraws_its_shares(member_client, member, sponsor, plan):
    share_item(member, plan, to_user=sponsor)
    page = member_client.get("/me/recovery/plan/delete/").content.decode()
    assert _h1_count(page) == 1 and "cannot be undone" in page
    assert RecoveryPlan.objects.exists()
    assert member_client.post("/me/recovery/plan/delete/").status_code == 302
    assert not RecoveryPlan.objects.exists() and not Share.objects.exists()
    assert member_client.get("/me/recovery/plan/delete/")["Location"] == "/me/recovery/plan/"


def test_the_plan_is_stored_encrypted(member, plan):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT warning_signs, triggers, coping, people, places_to_avoid, reasons, crisis_plan"
            " FROM journey_recoveryplan"
        )
        raw = " ".join(cursor.fetchone())
    for plain in ["Skipping meals", "Payday", "Walk the dog", "Sam", "7700", "Crown", "daughter", "116 123"]:
        assert plain not in raw, plain


def test_a_shared_plan_is_readable_by_the_person_it_is_shared_with_only(client, member, sponsor, outsider, plan):
    share = share_item(member, plan, to_user=sponsor)
    client.force_login(sponsor)
    html = client.get(f"/shared-with-me/{share.pk}/").content.decode()
    assert _h1_count(html) == 1 and "Give my card to Sam" in html and "Call Sam, then 116 123" in html
    assert "/me/recovery/plan/edit/" not in html and '<form method="post" novalidate' not in html
    client.force_login(outsider)
    assert client.get(f"/shared-with-me/{share.pk}/").status_code == 404

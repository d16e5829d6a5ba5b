import re
from datetime import date, timedelta

import pytest

from journey.models import Counter, Period, Slip, today_for
from journey.services import counters as services

pytestmark = pytest.mark.django_db


@pytest.fixture
def counter(member):
    start = today_for(member) - timedelta(days=40)
    return services.create_counter(
        member, pathway="alcohol", start_date=start, cost_per_day="3.50", currency="GBP", why="For my kids"
    )


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def test_anonymous_visitors_are_sent_to_log_in(client, counter):
    for path in [
        "/me/recovery/counters/",
        f"/me/recovery/counters/{counter.pk}/",
        f"/me/recovery/counters/{counter.pk}/slip/",
        f"/me/recovery/counters/{counter.pk}/delete/",
    ]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
    assert client.post(f"/me/recovery/counters/{counter.pk}/delete/").status_code == 302
    assert Counter.objects.filter(pk=counter.pk).exists()


def test_my_recovery_shows_each_counter_with_its_figures(member_client, counter):
    html = member_client.get("/me/recovery/counters/").content.decode()
    assert _h1_count(html) == 1 and 'href="/help/"' in html
    assert "40 days" in html
    assert "60 days, on" in html  # the next milestone, with its date
    assert "140.00 GBP" in html  # money kept over 40 days
    assert "For my kids" in html
    assert "<script>" not in html and "style=" not in html


def test_a_member_with_no_counter_is_invited_to_start_one(member_client):
    html = member_client.get("/me/recovery/counters/").content.decode()
    assert "You have no counter yet" in html
    assert 'for="id_start_date"' in html


def test_adding_a_counter(member_client, member):
    start = today_for(member) - timedelta(days=3)
    response = member_client.post(
        "/me/recovery/counters/", {"pathway": "custom", "name": "Sugar", "start_date": start.isoformat()}
    )
    assert response.status_code == 302
    counter = Counter.objects.get(user=member)
    assert (counter.name, counter.current_period().start_date) == ("Sugar", start)
    assert "3 days" in member_client.get("/me/recovery/counters/").content.decode()


def test_adding_a_counter_with_bad_values_shows_errors_next_to_the_fields(member_client, member):
    future = today_for(member) + timedelta(days=2)
    response = member_client.post(
        "/me/recovery/counters/",
        {"pathway": "custom", "name": "", "start_date": future.isoformat(), "cost_per_day": "4"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("name", "start_date", "currency"):
        assert f'id="id_{field}_error"' in html, field
    assert not Counter.objects.exists()
    html = member_client.post("/me/recovery/counters/", {"pathway": "wine", "start_date": "yesterday"}).content.decode()
    assert 'id="id_pathway_error"' in html and 'id="id_start_date_error"' in html


def test_editing_a_counter(member_client, member, counter):
    page = member_client.get(f"/me/recovery/counters/{counter.pk}/")
    assert _h1_count(page.content.decode()) == 1
    new_start = today_for(member) - timedelta(days=5)
    response = member_client.post(
        f"/me/recovery/counters/{counter.pk}/",
        {"pathway": "all_substances", "start_date": new_start.isoformat(), "why": "Me"},
    )
    assert response.status_code == 302
    counter.refresh_from_db()
    assert (counter.pathway, counter.why, counter.cost_per_day, counter.currency) == ("all_substances", "Me", None, "")
    assert counter.current_period().start_date == new_start


def test_recording_a_slip_is_met_with_kind_words_and_keeps_the_days(member_client, member, counter):
    page = member_client.get(f"/me/recovery/counters/{counter.pk}/slip/").content.decode()
    assert _h1_count(page) == 1
    assert "A slip doesn&#x27;t erase your recovery: you have 40 days in total. Be gentle with yourself." in page
    assert page.count('href="/help/"') >= 2  # the header's and the page's own offer of help

    today = today_for(member)
    response = member_client.post(
        f"/me/recovery/counters/{counter.pk}/slip/",
        {"slip_date": (today - timedelta(days=2)).isoformat(), "what_happened": "stress", "learned": "call Sam"},
        follow=True,
    )
    html = response.content.decode()
    assert "you have 40 days in total" in html  # 38 before the slip + 2 since
    assert Period.objects.filter(counter=counter).count() == 2
    assert Slip.objects.get(counter=counter).learned == "call Sam"


def test_a_slip_with_bad_dates_shows_errors_and_changes_nothing(member_client, member, counter):
    today = today_for(member)
    response = member_client.post(
        f"/me/recovery/counters/{counter.pk}/slip/",
        {"slip_date": (today + timedelta(days=1)).isoformat(), "new_start": (today - timedelta(days=90)).isoformat()},
    )
    html = response.content.decode()
    assert 'id="id_slip_date_error"' in html and 'id="id_new_start_error"' in html
    assert not Slip.objects.exists()


def test_deleting_a_counter_asks_first_then_removes_its_history(member_client, member, counter):
    services.record_slip(counter, today_for(member) - timedelta(days=1))
    page = member_client.get(f"/me/recovery/counters/{counter.pk}/delete/").content.decode()
    assert _h1_count(page) == 1 and "cannot be undone" in page
    assert Counter.objects.filter(pk=counter.pk).exists()
    assert member_client.post(f"/me/recovery/counters/{counter.pk}/delete/").status_code == 302
    assert not Counter.objects.exists() and not Period.objects.exists() and not Slip.objects.exists()


def test_another_member_gets_404_on_every_counter_page(outsider_client, counter):
    for path in [
        f"/me/recovery/counters/{counter.pk}/",
        f"/me/recovery/counters/{counter.pk}/slip/",
        f"/me/recovery/counters/{counter.pk}/delete/",
    ]:
        assert outsider_client.get(path).status_code == 404, path
        assert outsider_client.post(path, {"slip_date": date.today().isoformat()}).status_code == 404, path
    assert "For my kids" not in outsider_client.get("/me/recovery/counters/").content.decode()
    assert Counter.objects.filter(pk=counter.pk).exists() and not Slip.objects.exists()


def test_the_list_costs_a_fixed_number_of_queries(member_client, member, django_assert_max_num_queries):
    for days in (10, 20, 30):
        services.create_counter(member, pathway="gambling", start_date=today_for(member) - timedelta(days=days))
    with django_assert_max_num_queries(8):
        response = member_client.get("/me/recovery/counters/")
    assert response.status_code == 200


def test_the_slip_page_offers_the_people_in_my_plan_and_help(member_client, member, counter):
    from journey.services.plan import save_plan

    page = member_client.get(f"/me/recovery/counters/{counter.pk}/slip/").content.decode()
    assert 'href="/me/recovery/plan/"' in page and 'href="/help/"' in page
    save_plan(member, people=[{"name": "Sam (sponsor)", "phone": "+1 555 0100", "note": "any time"}])
    page = member_client.get(f"/me/recovery/counters/{counter.pk}/slip/").content.decode()
    assert "Sam (sponsor)" in page and 'href="tel:+15550100"' in page

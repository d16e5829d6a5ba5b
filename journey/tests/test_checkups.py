"""The monthly check-up: the questionnaire, its scoring, the one-per-month rule and its pages."""

import re
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils.formats import date_format

from journey import checkup as questionnaire
from journey.models import Checkup, Domain, today_for
from journey.services import checkups as services
from journey.services.sharing import share_item

pytestmark = pytest.mark.django_db

LIST = "/me/recovery/checkups/"
NEW = "/me/recovery/checkups/new/"


def answers(default=2, **overrides) -> dict[str, int]:
    return {q.key: overrides.get(q.key, default) for q in questionnaire.QUESTIONS}


def by_domain(domain: str, value: int, default=2) -> dict[str, int]:
    return answers(default, **{q.key: value for q in questionnaire.questions_in(domain)})


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


# The questionnaire as data


def test_no_two_questions_share_a_key_and_every_domain_has_three_or_four():
    keys = [q.key for q in questionnaire.QUESTIONS]
    assert len(keys) == len(set(keys))
    assert 12 <= len(keys) <= 16
    for domain in Domain.values:
        assert 3 <= len(questionnaire.questions_in(domain)) <= 4, domain
    assert {q.domain for q in questionnaire.QUESTIONS} == set(Domain.values)
    assert all(q.key.startswith(q.domain + "_") and str(q.text).strip() for q in questionnaire.QUESTIONS)


def test_answers_are_on_a_labelled_scale_from_0_to_4():
    assert [value for value, _label in questionnaire.SCALE] == [0, 1, 2, 3, 4]
    assert str(questionnaire.SCALE[0][1]) == "Not at all" and str(questionnaire.SCALE[-1][1]) == "Very much"


def test_scores_are_summed_per_domain_and_in_total():
    maxima = questionnaire.max_per_domain()
    assert maxima == {d: 4 * len(questionnaire.questions_in(d)) for d in Domain.values}
    assert questionnaire.MAX_TOTAL == sum(maxima.values()) == 4 * len(questionnaire.QUESTIONS)
    assert questionnaire.score(answers(4)) == {**maxima, "total": questionnaire.MAX_TOTAL}
    scores = questionnaire.score(by_domain("community", 3, default=1))
    assert scores["community"] == 3 * len(questionnaire.questions_in("community"))
    assert scores["health"] == len(questionnaire.questions_in("health"))
    assert scores["total"] == sum(scores[d] for d in Domain.values)


# Recording


def test_recording_a_checkup_stores_the_answers_and_scores(member):
    checkup = services.record_checkup(member, today=date(2026, 3, 5), answers=by_domain("home", 4, default=1))
    checkup.refresh_from_db()
    assert checkup.taken_on == date(2026, 3, 5) and checkup.answers == by_domain("home", 4, default=1)
    assert (checkup.home, checkup.health) == (4 * len(questionnaire.questions_in("home")), 4)
    assert checkup.total == sum(getattr(checkup, d) for d in Domain.values)


@pytest.mark.parametrize(
    ("change", "message"),
    [({"health_rest": None}, "choose an answer"), ({"home_safe": 5}, "0 to 4"), ({"purpose_hope": -1}, "0 to 4")],
)
def test_every_question_needs_an_answer_from_0_to_4(member, change, message):
    given = {**answers(), **change}
    given = {k: v for k, v in given.items() if v is not None}
    with pytest.raises(ValidationError) as error:
        services.record_checkup(member, today=date(2026, 3, 5), answers=given)
    assert list(error.value.message_dict) == list(change) and message in str(error.value).lower()
    assert not Checkup.objects.exists()


def test_unknown_questions_and_odd_values_are_refused_by_key(member):
    with pytest.raises(ValidationError) as error:
        services.record_checkup(
            member, today=date(2026, 3, 5), answers={**answers(), "mood": 3, "home_money": True, "home_safe": 2.5}
        )
    assert set(error.value.message_dict) == {"mood", "home_money", "home_safe"}


def test_taking_it_again_the_same_month_replaces_that_months_checkup(member):
    first = services.record_checkup(member, today=date(2026, 3, 2), answers=answers(1))
    again = services.record_checkup(member, today=date(2026, 3, 31), answers=answers(3))
    assert again.pk == first.pk and Checkup.objects.count() == 1
    again.refresh_from_db()
    assert again.taken_on == date(2026, 3, 31) and again.total == 3 * len(questionnaire.QUESTIONS)
    services.record_checkup(member, today=date(2026, 4, 1), answers=answers(3))
    assert Checkup.objects.count() == 2


def test_the_month_is_the_members_own_in_their_time_zone(member, outsider):
    """23:30 on 31 January in Auckland is 10:30 UTC; an hour later it is February there but still January in UTC."""
    member.time_zone = "Pacific/Auckland"
    member.save(update_fields=["time_zone"])
    half_past_eleven_in_auckland = datetime(2026, 1, 31, 10, 30, tzinfo=UTC)
    half_past_midnight_in_auckland = datetime(2026, 1, 31, 11, 30, tzinfo=UTC)
    for person in (member, outsider):  # the outsider lives in UTC
        for now in (half_past_eleven_in_auckland, half_past_midnight_in_auckland):
            services.record_checkup(person, today=today_for(person, now), answers=answers())
    assert sorted(Checkup.objects.filter(user=member).values_list("taken_on", flat=True)) == [
        date(2026, 1, 31),
        date(2026, 2, 1),
    ]
    assert list(Checkup.objects.filter(user=outsider).values_list("taken_on", flat=True)) == [date(2026, 1, 31)]


def test_the_next_checkup_is_due_a_month_after_the_last():
    assert services.add_months(date(2026, 1, 15), 1) == date(2026, 2, 15)
    assert services.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert services.add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert services.add_months(date(2026, 12, 10), 1) == date(2027, 1, 10)
    assert services.next_due(None, date(2026, 5, 5)) == date(2026, 5, 5)


def test_the_change_since_last_time_is_put_in_words(member):
    before = services.record_checkup(member, today=date(2026, 1, 3), answers=answers(2))
    after = services.record_checkup(
        member, today=date(2026, 2, 3), answers=answers(2, community_call=4, community_give=3, health_mood=1)
    )
    assert services.change_in_words(after, before) == "Health −1, Community +3; total +2"
    assert services.change_in_words(before, None).startswith("Your first check-up")
    same = services.record_checkup(member, today=date(2026, 3, 3), answers=after.answers)
    assert services.change_in_words(same, after) == "The same scores as last time."


# Pages: who may see them


def test_anonymous_visitors_are_sent_to_log_in(client, member):
    checkup = services.record_checkup(member, today=today_for(member), answers=answers())
    for path in [LIST, NEW, f"{LIST}{checkup.pk}/"]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
    assert client.post(NEW, answers(4)).status_code == 302
    assert Checkup.objects.get().total == 2 * len(questionnaire.QUESTIONS)


def test_another_member_gets_404_for_my_checkup_and_never_sees_it_listed(outsider_client, member):
    checkup = services.record_checkup(member, today=today_for(member), answers=answers())
    assert outsider_client.get(f"{LIST}{checkup.pk}/").status_code == 404
    assert f'href="{LIST}{checkup.pk}/"' not in outsider_client.get(LIST).content.decode()


# Pages: taking it and reading the results


def test_the_questionnaire_page_has_one_fieldset_per_domain_with_radio_buttons(member_client):
    html = member_client.get(NEW).content.decode()
    assert _h1_count(html) == 1 and 'href="/help/"' in html
    assert "<script>" not in html and "style=" not in html
    assert html.count('class="checkup-domain"') == 4
    for question in questionnaire.QUESTIONS:
        assert html.count(f'name="{question.key}"') == 5, question.key
        assert str(question.text) in html
    assert 'type="radio"' in html and "Not at all" in html and "Very much" in html


def test_unanswered_questions_show_their_error_next_to_them_and_nothing_is_saved(member_client):
    partial = {k: v for k, v in answers().items() if not k.startswith("community")}
    response = member_client.post(NEW, partial)
    html = response.content.decode()
    assert response.status_code == 200
    for question in questionnaire.questions_in("community"):
        assert f'id="id_{question.key}_error"' in html, question.key
    assert 'id="id_health_rest_error"' not in html
    assert re.search(r'name="health_rest" value="2"[^>]*checked', html)  # what was answered stays chosen
    assert not Checkup.objects.exists()
    html = member_client.post(NEW, {**answers(), "home_safe": "7"}).content.decode()
    assert 'id="id_home_safe_error"' in html and not Checkup.objects.exists()


def test_taking_the_checkup_shows_the_result_and_the_change_since_last_time(member_client, member):
    today = today_for(member)
    previous_month = services.add_months(today, -1)
    services.record_checkup(member, today=previous_month, answers=answers(2))
    response = member_client.post(NEW, answers(2, community_call=4, community_belong=3, community_give=4))
    checkup = Checkup.objects.get(taken_on=today)
    assert response.status_code == 302 and response["Location"] == f"{LIST}{checkup.pk}/"
    assert (checkup.community, checkup.user) == (4 + 3 + 4 + 2, member)
    html = member_client.get(response["Location"]).content.decode()
    assert _h1_count(html) == 1 and "Check-up of" in html
    assert "Community +5; total +5" in html
    assert f'<meter min="0" max="{questionnaire.max_per_domain()["community"]}" value="{checkup.community}"' in html
    assert "+5 since last time" in html and "±0 since last time" in html
    assert f'href="/me/recovery/share/checkup/{checkup.pk}/?next=' in html
    assert "Very much" in html  # the answers, in words
    assert "<script>" not in html and "style=" not in html


def test_retaking_this_months_checkup_fills_in_the_earlier_answers_and_replaces_it(member_client, member):
    first = services.record_checkup(member, today=today_for(member), answers=answers(1))
    html = member_client.get(NEW).content.decode()
    assert "Taking it again replaces it" in html
    assert re.search(r'name="health_rest" value="1"[^>]*checked', html)
    response = member_client.post(NEW, answers(4))
    assert response["Location"] == f"{LIST}{first.pk}/"
    assert Checkup.objects.get().total == questionnaire.MAX_TOTAL


def test_the_history_lists_scores_changes_and_when_the_next_one_is_due(member_client, member):
    html = member_client.get(LIST).content.decode()
    assert _h1_count(html) == 1 and "You haven't taken a check-up yet" in html
    today = today_for(member)
    services.record_checkup(member, today=services.add_months(today, -2), answers=answers(3))
    html = member_client.get(LIST).content.decode()
    assert "your next one is due" in html
    latest = services.record_checkup(member, today=today, answers=answers(3, home_safe=0, purpose_hope=4))
    html = member_client.get(LIST).content.decode()
    due = services.add_months(latest.taken_on, 1)
    assert f"Your next check-up is due on {date_format(due)}." in html
    assert "Home −3, Purpose +1; total −2" in html
    assert html.index(f"{LIST}{latest.pk}/") < html.index("Your first check-up")  # newest first
    assert "Take this month's check-up again" in html


def test_a_shared_checkup_shows_the_scores_but_not_the_answers(member, sponsor):
    checkup = services.record_checkup(member, today=today_for(member), answers=answers(3))
    share = share_item(member, checkup, to_user=sponsor)
    viewer = Client()
    viewer.force_login(sponsor)
    html = viewer.get(f"/shared-with-me/{share.pk}/").content.decode()
    assert _h1_count(html) == 1
    assert f"{checkup.total} of {questionnaire.MAX_TOTAL}" in html and "<meter" in html
    assert str(questionnaire.QUESTIONS[0].text) not in html and "/me/recovery/checkups/" not in html
    assert f"Check-up of {date_format(checkup.taken_on)}" in html

"""The daily check-in pages: today's form, a past day, the history, triggers, the reminder page and sharing."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from journey.models import CheckIn, CheckInReminder, Trigger, today_for
from journey.services import checkins as services
from journey.services.sharing import share_item

pytestmark = pytest.mark.django_db

CHECKIN = reverse("journey:checkin")
HISTORY = reverse("journey:checkins")
REMINDER = reverse("journey:checkin_reminder")
TRIGGERS = reverse("journey:checkin_triggers")


def form_data(**changes):
    data = {"mood": "4", "craving": "2", "sleep_hours": "7.5", "sleep_quality": "4", "note": "A good walk."}
    data.update(changes)
    return data


@pytest.fixture
def checkin(member):
    return services.record_checkin(member, today=today_for(member), mood=3, craving=1, triggers=["Payday"])[0]


@pytest.mark.parametrize("name", ["checkin", "checkins", "checkin_reminder", "checkin_triggers", "today"])
def test_every_page_asks_an_anonymous_visitor_to_log_in(client, name):
    response = client.get(reverse(f"journey:{name}"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_delete_and_trigger_pages_ask_an_anonymous_visitor_to_log_in(client, checkin):
    trigger = checkin.triggers.get()
    for url in (
        reverse("journey:checkin_delete", args=[checkin.pk]),
        reverse("journey:checkin_trigger", args=[trigger.pk]),
    ):
        assert "/accounts/login/" in client.post(url)["Location"]


def test_another_member_gets_404_for_the_members_check_in_and_trigger(outsider_client, checkin):
    trigger = checkin.triggers.get()
    assert outsider_client.get(reverse("journey:checkin_delete", args=[checkin.pk])).status_code == 404
    assert outsider_client.post(reverse("journey:checkin_delete", args=[checkin.pk])).status_code == 404
    assert (
        outsider_client.post(reverse("journey:checkin_trigger", args=[trigger.pk]), {"delete": "1"}).status_code == 404
    )
    assert CheckIn.objects.filter(pk=checkin.pk).exists() and Trigger.objects.filter(pk=trigger.pk).exists()


def test_another_member_sees_neither_the_check_in_nor_the_triggers(outsider_client, checkin):
    assert "Payday" not in outsider_client.get(CHECKIN).content.decode()
    assert "A good walk" not in outsider_client.get(HISTORY).content.decode()
    assert "Payday" not in outsider_client.get(TRIGGERS).content.decode()


def test_the_member_checks_in_for_today(member_client, member):
    page = member_client.get(CHECKIN)
    assert page.status_code == 200
    html = page.content.decode()
    assert "1 · very low" in html and "5 · very good" in html and 'type="radio"' in html
    assert "Hungry" in html and "Lonely" in html
    response = member_client.post(
        CHECKIN, form_data(halt=["tired"], went_to_meeting="on", new_triggers="Payday, old friends ,payday")
    )
    assert response.status_code == 302
    saved = CheckIn.objects.get(user=member)
    assert saved.date == today_for(member) and saved.mood == 4 and saved.craving == 2 and saved.tired
    assert not saved.hungry and saved.went_to_meeting and not saved.reached_out
    assert str(saved.sleep_hours) == "7.5" and saved.note == "A good walk."
    assert sorted(t.name for t in saved.triggers.all()) == ["Payday", "old friends"]
    assert "Thank you for checking in" in member_client.get(response["Location"]).content.decode()


def test_a_second_check_in_the_same_day_edits_the_first(member_client, member, checkin):
    page = member_client.get(CHECKIN).content.decode()
    assert "saving again updates it" in page and 'value="Payday"' in page and "checked" in page
    member_client.post(CHECKIN, form_data(mood="2", triggers=["Payday"], new_triggers="Crowds"))
    assert CheckIn.objects.filter(user=member).count() == 1
    checkin.refresh_from_db()
    assert checkin.mood == 2 and sorted(t.name for t in checkin.triggers.all()) == ["Crowds", "Payday"]


def test_the_member_can_fill_in_a_past_day(member_client, member):
    past = today_for(member) - timedelta(days=3)
    url = f"{CHECKIN}?date={past.isoformat()}"
    assert member_client.get(url).status_code == 200
    member_client.post(url, form_data(mood="5"))
    assert CheckIn.objects.get(user=member).date == past


@pytest.mark.parametrize("value", ["tomorrow", "2020-13-40"])
def test_a_bad_or_future_date_goes_back_to_today_kindly(member_client, member, value):
    if value == "tomorrow":
        value = (today_for(member) + timedelta(days=1)).isoformat()
    response = member_client.get(f"{CHECKIN}?date={value}", follow=True)
    assert response.redirect_chain[-1][0] == CHECKIN
    assert "You can check in for today or a past day." in response.content.decode()


def test_the_date_is_the_members_own_date(member_client, member):
    member.time_zone = "Pacific/Kiritimati"  # UTC+14: often already tomorrow in UTC terms
    member.save()
    member_client.post(CHECKIN, form_data())
    assert CheckIn.objects.get(user=member).date == today_for(member)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("mood", "", "This field is required."),
        ("mood", "6", "Select a valid choice."),
        ("craving", "11", "less than or equal to 10"),
        ("craving", "-1", "greater than or equal to 0"),
        ("sleep_hours", "25", "less than or equal to 24"),
        ("health", "7", "Select a valid choice."),
        ("new_triggers", "x" * 61, "Keep each trigger to 60 characters."),
        ("pledge", "p" * 501, "at most 500 characters"),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_nothing_is_saved(member_client, member, field, value, message):
    response = member_client.post(CHECKIN, form_data(**{field: value}))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [field] and message in " ".join(errors[field])
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not CheckIn.objects.exists() and not Trigger.objects.exists()


def test_halt_or_a_strong_craving_offers_help_without_forcing_it(member_client):
    response = member_client.post(CHECKIN, form_data(craving="8"), follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and reverse("safety:help") in html
    assert "support is close by" in html


def test_a_calm_day_does_not_show_the_help_offer(member_client):
    html = member_client.post(CHECKIN, form_data(craving="1"), follow=True).content.decode()
    assert "support is close by" not in html


def test_lonely_alone_offers_help_too(member_client):
    html = member_client.post(CHECKIN, form_data(craving="", halt=["lonely"]), follow=True).content.decode()
    assert "support is close by" in html


def test_a_pledge_is_kept_with_its_words(member_client, member):
    member_client.post(CHECKIN, form_data(pledged="on", pledge="Just for today, I call Sam."))
    saved = CheckIn.objects.get(user=member)
    assert saved.pledged and saved.pledge == "Just for today, I call Sam."


def test_history_lists_check_ins_newest_first_with_edit_and_share_links(member_client, member):
    today = today_for(member)
    for days_ago, mood in ((0, 4), (1, 2), (5, 3)):
        services.record_checkin(member, today=today, date=today - timedelta(days=days_ago), mood=mood, lonely=True)
    response = member_client.get(HISTORY)
    html = response.content.decode()
    assert [c.date for c, _mood, _halt in response.context["rows"]] == [today - timedelta(days=d) for d in (0, 1, 5)]
    assert html.count("Share…") == 3 and "Lonely" in html and "2 · low" in html
    assert f"?date={(today - timedelta(days=5)).isoformat()}" in html


def test_history_is_paginated(member_client, member):
    today = today_for(member)
    for days_ago in range(35):
        services.record_checkin(member, today=today, date=today - timedelta(days=days_ago), mood=3)
    first = member_client.get(HISTORY)
    assert len(first.context["rows"]) == 30 and "Older" in first.content.decode()
    assert len(member_client.get(HISTORY + "?page=2").context["rows"]) == 5


def test_history_reads_a_fixed_number_of_queries(member_client, member, django_assert_max_num_queries):
    today = today_for(member)
    for days_ago in range(10):
        services.record_checkin(member, today=today, date=today - timedelta(days=days_ago), mood=3, triggers=["Rain"])
    with django_assert_max_num_queries(25):
        response = member_client.get(HISTORY)
    assert response.status_code == 200 and response.content.decode().count("<dd>Rain</dd>") == 10


def test_deleting_a_check_in_asks_first_then_deletes(member_client, checkin):
    url = reverse("journey:checkin_delete", args=[checkin.pk])
    assert "cannot be undone" in member_client.get(url).content.decode()
    assert member_client.post(url)["Location"] == HISTORY
    assert not CheckIn.objects.filter(pk=checkin.pk).exists()


def test_a_shared_check_in_shows_read_only_to_the_person_and_goes_with_it(client, member, sponsor, checkin):
    checkin.note = "Rough afternoon."
    checkin.save()
    share = share_item(member, checkin, to_user=sponsor)
    client.force_login(sponsor)
    html = client.get(reverse("journey:shared_item", args=[share.pk])).content.decode()
    assert "Rough afternoon." in html and "Payday" in html
    assert reverse("journey:checkin") not in html and '<form method="post"' not in html.split("<main")[1]
    services.delete_checkin(checkin)
    assert client.get(reverse("journey:shared_item", args=[share.pk])).status_code == 404


def test_triggers_can_be_renamed_and_removed(member_client, member, checkin):
    trigger = checkin.triggers.get()
    url = reverse("journey:checkin_trigger", args=[trigger.pk])
    assert "Payday" in member_client.get(TRIGGERS).content.decode()
    member_client.post(url, {f"t{trigger.pk}-name": "Pay day", "rename": "1"})
    trigger.refresh_from_db()
    assert trigger.name == "Pay day"
    member_client.post(url, {"delete": "1"})
    assert not Trigger.objects.filter(user=member).exists() and CheckIn.objects.filter(pk=checkin.pk).exists()


def test_renaming_a_trigger_to_one_the_member_has_shows_the_error(member_client, member, checkin):
    Trigger.objects.create(user=member, name="Crowds")
    trigger = checkin.triggers.get()
    response = member_client.post(
        reverse("journey:checkin_trigger", args=[trigger.pk]), {f"t{trigger.pk}-name": "crowds", "rename": "1"}
    )
    assert "You already have a trigger with this name." in response.content.decode()
    trigger.refresh_from_db()
    assert trigger.name == "Payday"


def test_the_member_sets_a_reminder_and_sees_whether_email_can_reach_them(member_client, member):
    html = member_client.get(REMINDER).content.decode()
    assert "no verified email address" in html
    response = member_client.post(REMINDER, {"enabled": "on", "time": "21:15", "by_email": "on"})
    assert response.status_code == 302
    reminder = CheckInReminder.objects.get(user=member)
    assert reminder.enabled and reminder.by_email and reminder.time.strftime("%H:%M") == "21:15"
    assert reminder.next_at is not None
    EmailAddress.objects.create(user=member, email="robin@example.org", verified=True, primary=True)
    html = member_client.get(REMINDER).content.decode()
    assert "robin@example.org" in html and "Next reminder" in html and 'value="21:15"' in html


def test_turning_the_reminder_off_clears_the_next_one(member_client, member):
    member_client.post(REMINDER, {"enabled": "on", "time": "08:00"})
    member_client.post(REMINDER, {"time": "08:00"})
    reminder = CheckInReminder.objects.get(user=member)
    assert not reminder.enabled and reminder.next_at is None


def test_a_bad_reminder_time_is_shown_next_to_the_field(member_client, member):
    response = member_client.post(REMINDER, {"enabled": "on", "time": "25:99"})
    assert response.status_code == 200 and "time" in response.context["form"].errors
    assert not CheckInReminder.objects.exists()


def test_the_neutral_address_leads_to_todays_check_in(member_client):
    response = member_client.get(reverse("journey:today"))
    assert reverse("journey:today") == "/me/today/" and response["Location"] == CHECKIN


def test_every_check_in_page_has_one_h1_and_no_inline_script_or_style(member_client, member, checkin):
    urls = [CHECKIN, f"{CHECKIN}?date={(checkin.date - timedelta(days=1)).isoformat()}", HISTORY, REMINDER, TRIGGERS]
    urls.append(reverse("journey:checkin_delete", args=[checkin.pk]))
    for url in urls:
        html = member_client.get(url).content.decode()
        assert html.count("<h1") == 1, url
        assert "style=" not in html and "onclick" not in html and "<script>" not in html, url


def test_saving_a_reminder_runs_the_queued_task_harmlessly(member_client, member, django_capture_on_commit_callbacks):
    # Under tests the immediate backend runs the task at once: it must find nothing due and send nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert member_client.post(REMINDER, {"enabled": "on", "time": "21:15"}).status_code == 302
    assert not member.notifications.exists()

"""The newcomer guide, "Help me choose": answers in the URL, fitting meetings out, ranked for a first time."""

import re
from datetime import time
from urllib.parse import urlencode

import pytest

from directory.models import Meeting, Program

pytestmark = pytest.mark.django_db

URL = "/meetings/help-me-choose/"
# Monday 2 March 2026, noon in New York (EST, before the clocks change on 8 March).
AT = "2026-03-02T12:00:00-05:00"
ADDRESS = "1 Main St, Springfield, IL 62701, USA"
MONDAY, TUESDAY, THURSDAY = 1, 2, 4


def make(program: str, name: str, at: time, types=(), *, day=MONDAY, online=False, languages=("en",)):
    fields = {"conference_url": "https://meet.example.org/room"} if online else {"formatted_address": ADDRESS}
    return Meeting.objects.create(
        program=Program.objects.get(slug=program),
        name=name,
        day=day,
        time=at,
        timezone="America/New_York",
        types=list(types),
        languages=list(languages),
        **fields,
    )


def ask(client, **answers) -> str:
    response = client.get(f"{URL}?{urlencode({'at': AT, **answers})}")
    assert response.status_code == 200
    return response.content.decode()


def suggested(html: str) -> list[str]:
    """The meeting names suggested, in order."""
    return re.findall(r'<h3><a href="/meetings/\d+/">([^<]+)</a></h3>', html)


def test_blank_form_renders_for_an_anonymous_visitor_with_one_h1(client):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert "<legend>What matters to you in a meeting?</legend>" in html
    assert "<legend>Who would you feel most comfortable with?</legend>" in html
    assert "<legend>How do you feel about speaking?</legend>" in html
    assert '<label for="id_language">Which language?</label>' in html
    assert 'method="get"' in html
    assert "Meetings that might suit you" not in html  # no answers yet, no results
    assert "<script>" not in html and "style=" not in html
    assert response["Cache-Control"] == "private, no-store"


def test_secular_answer_excludes_twelve_step_meetings(client):
    make("aa", "Noon AA", time(13, 0), ["O"])
    make("na", "Noon NA", time(13, 30), ["O"])
    make("smart", "SMART Monday", time(14, 0), ["O"])
    make("lifering", "LifeRing Monday", time(15, 0))
    html = ask(client, philosophy="secular")
    assert suggested(html) == ["SMART Monday", "LifeRing Monday"]
    assert "Secular and science-based: no prayers" in html
    assert html.count("<h1") == 1


def test_women_only_returns_only_meetings_marked_for_women(client):
    make("aa", "AA women", time(13, 0), ["O", "W"])
    make("aa", "AA mixed", time(12, 30), ["O"])
    make("aa", "AA men", time(12, 45), ["O", "M"])
    make("na", "NA women", time(14, 0), ["W"])
    make("wfs", "WFS circle", time(15, 0))  # Women for Sobriety is for women
    html = ask(client, comfort="women")
    assert sorted(suggested(html)) == ["AA women", "NA women", "WFS circle"]
    assert "Women only, as you asked" in html
    assert suggested(ask(client, comfort="men")) == ["AA men"]


def test_young_people_never_means_alateen(client):
    make("aa", "AA young people", time(13, 0), ["O", "Y"])
    make("al-anon", "Alateen Monday", time(12, 30), ["Y"])
    html = ask(client, comfort="young")
    assert suggested(html) == ["AA young people"]
    assert "For young people, as you asked" in html


def test_alateen_is_labelled_and_shown_last_when_anyone_is_fine(client):
    make("al-anon", "Alateen Monday", time(12, 30), ["O", "Y"])
    make("al-anon", "Al-Anon Monday", time(14, 0), ["O"])
    html = ask(client)
    assert suggested(html) == ["Al-Anon Monday", "Alateen Monday"]
    assert "Alateen is for teenagers" in html


def test_open_and_newcomer_meetings_rank_before_sooner_closed_ones(client):
    make("aa", "Closed soon", time(12, 30), ["C", "D"])
    make("aa", "Newcomers later", time(16, 0), ["C", "BE"])
    make("aa", "Open later", time(15, 0), ["O", "D"])
    make("na", "NA beginners", time(17, 0), ["C", "BEG"])
    html = ask(client)
    assert suggested(html) == ["Open later", "Newcomers later", "NA beginners", "Closed soon"]
    assert "Open to anyone, including newcomers" in html
    assert "A newcomer meeting: made for people who are new" in html


def test_listening_prefers_speaker_meetings_and_says_why(client):
    make("aa", "Discussion first", time(13, 0), ["O", "D"])
    make("aa", "Speaker later", time(14, 0), ["O", "SP"])
    make("na", "NA speaker", time(15, 0), ["O", "SPK"])
    assert suggested(ask(client, speaking="talk"))[0] == "Discussion first"
    html = ask(client, speaking="listen")
    assert suggested(html) == ["Speaker later", "NA speaker", "Discussion first"]
    assert "Speaker meeting: you can just listen" in html
    assert "pass" in html  # anyone may pass, whatever the format


def test_talking_points_to_discussion_meetings(client):
    make("aa", "Talky", time(13, 0), ["O", "D"])
    html = ask(client, speaking="talk")
    assert "Discussion meeting: there is time for you to share" in html


def test_online_only_filter(client):
    make("aa", "In the hall", time(13, 0), ["O"])
    make("aa", "On the screen", time(14, 0), ["O"], online=True)
    # Only a rough area is not a place to go: neither in person nor online.
    Meeting.objects.create(
        program=Program.objects.get(slug="aa"),
        name="Somewhere vague",
        day=MONDAY,
        time=time(13, 30),
        timezone="America/New_York",
        formatted_address="Springfield, IL",
        approximate=True,
        types=["O"],
    )
    html = ask(client, attendance="online")
    assert suggested(html) == ["On the screen"]
    assert "Online: you can join from home" in html
    assert suggested(ask(client, attendance="in_person")) == ["In the hall"]


def test_language_select_lists_the_directory_languages_and_filters(client):
    make("aa", "English noon", time(13, 0), ["O"])
    make("aa", "Reunión en español", time(14, 0), ["O"], languages=["es"])
    html = client.get(URL).content.decode()
    assert '<option value="es">Spanish</option>' in html
    assert '<option value="fr"' not in html
    html = ask(client, language="es")
    assert suggested(html) == ["Reunión en español"]
    assert "In Spanish, as you asked" in html


def test_a_language_the_directory_lacks_is_an_error_not_a_crash(client):
    html = ask(client, language="xx")
    assert "Select a valid choice" in html
    assert "Meetings that might suit you" not in html


def test_soonest_first_within_the_next_day_and_not_one_already_under_way(client):
    make("aa", "Tomorrow morning", time(9, 0), ["O"], day=TUESDAY)
    make("aa", "This evening", time(19, 0), ["O"])
    make("aa", "Soon", time(12, 20), ["O"])
    make("aa", "Under way", time(11, 30), ["O"])  # started half an hour ago; next one is a week off
    make("aa", "Thursday", time(19, 0), ["O"], day=THURSDAY)
    html = ask(client)
    assert suggested(html) == ["Soon", "This evening", "Tomorrow morning"]
    assert "in 20 minutes" in html
    assert "Starts soon" in html
    assert "today at 7 p.m." in html
    assert "tomorrow at 9 a.m." in html


def test_widens_to_the_week_when_little_fits_today(client):
    make("aa", "Thursday", time(19, 0), ["O"], day=THURSDAY)
    html = ask(client)
    assert suggested(html) == ["Thursday"]
    assert "we looked across the coming week" in html
    assert "Thursday at 7 p.m." in html


def test_at_most_six_suggestions_and_a_link_to_the_finder(client):
    for minute in range(0, 40, 5):
        make("celebrate-recovery", f"CR {minute}", time(13, minute), online=True)
    html = ask(client, philosophy="faith_based", attendance="online")
    assert len(suggested(html)) == 6
    assert 'href="/meetings/?program=celebrate-recovery&amp;attendance=online"' in html


def test_what_to_expect_is_shown_for_each_fellowship_suggested(client):
    make("aa", "Noon AA", time(13, 0), ["O"])
    make("smart", "SMART Monday", time(14, 0))
    html = ask(client)
    assert 'id="expect-aa"' in html and 'id="expect-smart"' in html
    assert "You don&#x27;t have to speak or give your name" in html
    assert "no labels" in html
    assert 'id="expect-na"' not in html


def test_nothing_fits_says_so_kindly_and_offers_help(client):
    make("aa", "In the hall", time(13, 0), ["O"])
    html = ask(client, philosophy="buddhist")
    assert suggested(html) == []
    assert "We couldn't find a meeting that fits" in html
    assert "Online meetings run around the clock" in html
    assert 'href="/help/"' in html
    assert 'href="/meetings/"' in html


def test_a_bad_time_in_the_link_is_explained(client):
    response = client.get(f"{URL}?at=yesterday")
    assert response.status_code == 200
    assert "The time in this link is not a valid date and time." in response.content.decode()
    response = client.get(f"{URL}?at=2026-03-02T12:00:00")
    assert "needs a time zone offset" in response.content.decode()


def test_answers_stay_selected_so_the_link_can_be_shared(client):
    html = ask(client, philosophy="secular", speaking="listen")
    assert re.search(r'<input[^>]*value="secular"[^>]*checked', html)
    assert re.search(r'<input[^>]*value="listen"[^>]*checked', html)
    assert re.search(r'<input type="hidden" name="at" value="2026-03-02T12:00:00-05:00"', html)


def test_a_secular_meeting_of_a_twelve_step_fellowship_says_so(client):
    make("aa", "We Agnostics", time(13, 0), ["O", "A"])
    html = ask(client, philosophy="twelve_step")
    assert suggested(html) == ["We Agnostics"]
    assert "Secular meeting: no prayers or talk of God" in html
    assert "A 12-step fellowship, as you asked" in html

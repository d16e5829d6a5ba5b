"""The private journal's pages: write (from a prompt or a blank page), read, search, edit, delete, and share."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from journey.models import JournalEntry, Share, today_for
from journey.services import journal as services

pytestmark = pytest.mark.django_db

LIST = "/me/recovery/journal/"
NEW = "/me/recovery/journal/new/"


def _write(user, body="A quiet day.", **fields):
    return services.create_entry(user, today=today_for(user), body=body, **fields)


@pytest.fixture
def entry(member):
    return _write(member, body="Walked by the sea and called my sponsor.", title="Sea air", tags=["Calm", "calm"])


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


# Privacy


def test_anonymous_visitors_are_sent_to_log_in(client, entry):
    for path in [LIST, NEW, f"{LIST}{entry.pk}/", f"{LIST}{entry.pk}/edit/", f"{LIST}{entry.pk}/delete/"]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
    client.post(f"{LIST}{entry.pk}/delete/")
    client.post(f"{LIST}{entry.pk}/edit/", {"date": entry.date.isoformat(), "body": "changed"})
    entry.refresh_from_db()
    assert entry.body == "Walked by the sea and called my sponsor."


def test_another_member_cannot_read_edit_or_delete_my_entry(outsider_client, entry):
    for path in [f"{LIST}{entry.pk}/", f"{LIST}{entry.pk}/edit/", f"{LIST}{entry.pk}/delete/"]:
        assert outsider_client.get(path).status_code == 404, path
    assert outsider_client.post(f"{LIST}{entry.pk}/delete/").status_code == 404
    data = {"date": entry.date.isoformat(), "body": "hacked"}
    assert outsider_client.post(f"{LIST}{entry.pk}/edit/", data).status_code == 404
    assert JournalEntry.objects.get(pk=entry.pk).body == "Walked by the sea and called my sponsor."


def test_another_members_search_never_finds_my_entries(outsider_client, entry):
    html = outsider_client.get(f"{LIST}?q=sea").content.decode()
    assert "Sea air" not in html and "0 entries found" in html
    assert "Sea air" not in outsider_client.get(LIST).content.decode()


def test_the_journal_is_encrypted_in_the_database(entry):
    with connection.cursor() as cursor:
        cursor.execute("SELECT title, body, tags FROM journey_journalentry WHERE id = %s", [entry.pk])
        row = cursor.fetchone()
    title, body, tags = row
    assert "Sea air" not in title and "called my sponsor" not in body and '"calm"' not in tags


def test_every_page_says_only_i_can_read_it_and_is_not_indexed(member_client, entry):
    for path in [LIST, NEW, f"{LIST}{entry.pk}/", f"{LIST}{entry.pk}/edit/"]:
        html = member_client.get(path).content.decode()
        assert "Only you can read your journal" in html, path
        assert '<meta name="robots" content="noindex">' in html, path
        assert _h1_count(html) == 1, path
        assert "<script>" not in html and "style=" not in html, path


# Writing


def test_writing_an_entry(member_client, member):
    today = today_for(member)
    response = member_client.post(
        NEW,
        {"date": today.isoformat(), "title": "Day one", "body": "I made it.", "mood": "4", "tags": "Hope, #hope, Work"},
    )
    entry = JournalEntry.objects.get(user=member)
    assert response.status_code == 302 and response["Location"] == f"{LIST}{entry.pk}/?saved=1"
    assert (entry.date, entry.title, entry.body, entry.mood, entry.tags, entry.prompt) == (
        today,
        "Day one",
        "I made it.",
        4,
        ["hope", "work"],
        "",
    )


def test_the_new_entry_is_dated_today_where_the_member_lives(member_client, member, monkeypatch):
    member.time_zone = "Pacific/Auckland"
    member.save()
    monkeypatch.setattr("django.utils.timezone.now", lambda: datetime(2026, 11, 22, 12, 0, tzinfo=ZoneInfo("UTC")))
    html = member_client.get(NEW).content.decode()
    assert 'value="2026-11-23"' in html


def test_starting_from_the_gratitude_prompt(member_client, member):
    html = member_client.get(f"{NEW}?prompt=gratitude").content.decode()
    assert "<h1>Gratitude</h1>" in html
    assert "Today I am grateful for…" in html
    assert 'name="prompt" value="gratitude"' in html
    assert 'value="gratitude"' in html  # the tag field starts with the prompt's tag
    member_client.post(
        NEW,
        {"date": today_for(member).isoformat(), "body": "My sister, the rain, coffee.", "prompt": "gratitude"},
    )
    assert JournalEntry.objects.get(user=member).prompt == "gratitude"


def test_the_prompt_chooser_lists_every_prompt(member_client):
    html = member_client.get(NEW).content.decode()
    for key in ["gratitude", "daily_inventory", "feelings", "future_self", "let_go"]:
        assert f'href="?prompt={key}"' in html
    assert "Where was I kind today?" in member_client.get(f"{NEW}?prompt=daily_inventory").content.decode()


def test_an_unknown_prompt_is_a_blank_page(member_client, member):
    assert "<h1>New journal entry</h1>" in member_client.get(f"{NEW}?prompt=nope").content.decode()
    member_client.post(NEW, {"date": today_for(member).isoformat(), "body": "Hi", "prompt": "nope"})
    assert JournalEntry.objects.get(user=member).prompt == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"body": ""}, "body"),
        ({"body": "   "}, "body"),
        ({"body": "x" * 20_001}, "body"),
        ({"title": "x" * 201}, "title"),
        ({"mood": "6"}, "mood"),
        ({"tags": ", ".join(f"tag{i}" for i in range(11))}, "tags"),
        ({"tags": "x" * 31}, "tags"),
        ({"date": "2999-01-01"}, "date"),
        ({"date": "yesterday"}, "date"),
    ],
)
def test_bad_input_shows_the_error_next_to_the_field_and_saves_nothing(member_client, member, changes, field):
    data = {"date": today_for(member).isoformat(), "body": "Something", **changes}
    response = member_client.post(NEW, data)
    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not JournalEntry.objects.exists()


# Reading, editing, deleting


def test_reading_an_entry(member_client, entry):
    html = member_client.get(f"{LIST}{entry.pk}/").content.decode()
    assert "<h1>Sea air</h1>" in html
    assert "called my sponsor" in html
    assert f'href="/me/recovery/share/journalentry/{entry.pk}/' in html and "(private)" in html
    assert f'href="{LIST}?tag=calm"' in html


def test_editing_an_entry(member_client, entry):
    data = {"date": entry.date.isoformat(), "title": "", "body": "Rewritten.", "mood": "", "tags": "sea"}
    response = member_client.post(f"{LIST}{entry.pk}/edit/", data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.title, entry.body, entry.mood, entry.tags) == ("", "Rewritten.", None, ["sea"])


def test_editing_with_an_empty_body_keeps_the_entry(member_client, entry):
    response = member_client.post(f"{LIST}{entry.pk}/edit/", {"date": entry.date.isoformat(), "body": ""})
    assert 'id="id_body_error"' in response.content.decode()
    entry.refresh_from_db()
    assert entry.body == "Walked by the sea and called my sponsor."


def test_deleting_an_entry_withdraws_its_share(member_client, member, sponsor, entry):
    from journey.services.sharing import share_item

    share_item(member, entry, to_user=sponsor)
    assert "Delete" in member_client.get(f"{LIST}{entry.pk}/delete/").content.decode()
    response = member_client.post(f"{LIST}{entry.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == LIST
    assert not JournalEntry.objects.exists()
    assert not Share.objects.exists()


def test_an_entry_shared_with_one_person_is_shown_read_only(client, member, sponsor, entry):
    from journey.services.sharing import share_item

    share = share_item(member, entry, to_user=sponsor)
    client.force_login(sponsor)
    html = client.get(f"/shared-with-me/{share.pk}/").content.decode()
    assert "Sea air" in html and "called my sponsor" in html
    assert "/edit/" not in html and f"{LIST}{entry.pk}/" not in html
    assert _h1_count(html) == 1


# The list and search


def test_an_empty_journal_invites_the_member_to_write(member_client):
    html = member_client.get(LIST).content.decode()
    assert "Your journal is empty" in html and f'href="{NEW}"' in html


def test_entries_are_listed_newest_first_and_paginated(member_client, member):
    today = today_for(member)
    for days in range(25):
        _write(member, body=f"Entry {days}", title=f"Day minus {days}", date=today - timedelta(days=days))
    html = member_client.get(LIST).content.decode()
    assert html.index("Day minus 0<") < html.index("Day minus 1<")
    assert "Day minus 19<" in html and "Day minus 20<" not in html
    assert "Page 1 of 2" in html
    html = member_client.get(f"{LIST}?page=2").content.decode()
    assert "Day minus 24<" in html and "Day minus 0<" not in html


def test_search_keeps_its_words_on_the_next_page(member_client, member):
    for i in range(21):
        _write(member, body=f"hope {i}")
    html = member_client.get(f"{LIST}?q=hope").content.decode()
    assert "?q=hope&amp;page=2" in html


def test_searching_by_words_ignores_case_and_accents(member_client, member):
    _write(member, title="Café with Zoë", body="We talked about the ÉTÉ.")
    _write(member, title="Garden", body="Weeds everywhere.")
    html = member_client.get(f"{LIST}?q=cafe zoe").content.decode()
    assert "Café with Zoë" in html and "Garden" not in html
    html = member_client.get(f"{LIST}?q=ete").content.decode()
    assert "Café with Zoë" in html
    assert "Garden" in member_client.get(f"{LIST}?q=WEEDS").content.decode()


def test_filtering_by_tag_and_dates(member_client, member):
    today = today_for(member)
    _write(member, title="Old calm", tags=["calm"], date=today - timedelta(days=30))
    _write(member, title="New calm", tags=["calm"])
    _write(member, title="Busy", tags=["work"])
    html = member_client.get(f"{LIST}?tag=calm").content.decode()
    assert "Old calm" in html and "New calm" in html and "Busy<" not in html
    start = (today - timedelta(days=7)).isoformat()
    html = member_client.get(f"{LIST}?tag=calm&date_from={start}").content.decode()
    assert "New calm" in html and "Old calm" not in html
    assert '<option value="work">' in html  # the tag filter lists the member's tags


def test_search_service_matches_title_body_and_tags_of_my_entries_only(member, outsider):
    today = date(2026, 11, 22)
    a = services.create_entry(member, today=today, date=date(2026, 11, 1), body="Señor Ramírez helped", tags=["Niño"])
    b = services.create_entry(member, today=today, date=date(2026, 11, 20), title="Hard day", body="Cravings")
    services.create_entry(outsider, today=today, body="Ramirez too", tags=["nino"])
    assert services.search_entries(member, q="ramirez") == [a]
    assert services.search_entries(member, q="NINO") == [a]
    assert services.search_entries(member, tag="niño") == [a]
    assert services.search_entries(member, tag="#Nino") == [a]
    assert services.search_entries(member, q="hard craving") == [b]
    assert services.search_entries(member, q="hard ramirez") == []
    assert services.search_entries(member) == [b, a]
    assert services.search_entries(member, date_from=date(2026, 11, 2), date_to=date(2026, 11, 30)) == [b]
    assert services.all_tags(member) == ["niño"]

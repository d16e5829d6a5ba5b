"""Unread tracking: opening a page marks its posts read; the thread list counts what is new."""

import pytest
from django.urls import reverse

from groups.models import ThreadRead
from groups.services import discussion as services

from .helpers import add_posts, thread_url, threads_url

pytestmark = pytest.mark.django_db


def unread_badge(client, group) -> str:
    page = client.get(threads_url(group)).content.decode()
    start = page.find('class="badge unread">')
    return "" if start < 0 else page[start + len('class="badge unread">') :].split("<", 1)[0]


def test_a_new_thread_is_unread_for_others_and_read_for_its_author(client, member, sponsor, thread, group):
    client.force_login(member)
    assert unread_badge(client, group) == "1 new"
    client.force_login(sponsor)
    assert unread_badge(client, group) == ""


def test_opening_the_thread_marks_it_read(member_client, member, thread, group):
    member_client.get(thread_url(thread))
    assert ThreadRead.objects.get(user=member, thread=thread).last_read == 1
    assert unread_badge(member_client, group) == ""


def test_new_replies_count_as_unread(member_client, sponsor, thread, group):
    member_client.get(thread_url(thread))
    services.reply(sponsor, thread, body="one")
    services.reply(sponsor, thread, body="two")
    assert unread_badge(member_client, group) == "2 new"


def test_reading_the_first_page_only_marks_that_page(member_client, member, sponsor, thread):
    add_posts(thread, sponsor, 79)  # 80 posts, 2 pages
    member_client.get(thread_url(thread))
    assert ThreadRead.objects.get(user=member, thread=thread).last_read == 50
    member_client.get(thread_url(thread) + "?page=last")
    assert ThreadRead.objects.get(user=member, thread=thread).last_read == 80


def test_going_back_to_an_earlier_page_never_unreads(member_client, member, sponsor, thread):
    add_posts(thread, sponsor, 79)
    member_client.get(thread_url(thread) + "?page=2")
    member_client.get(thread_url(thread) + "?page=1")
    assert ThreadRead.objects.get(user=member, thread=thread).last_read == 80


def test_an_unread_thread_links_to_its_last_page(member_client, thread, group):
    page = member_client.get(threads_url(group)).content.decode()
    assert reverse("groups:thread", args=[group.slug, thread.pk]) + "?page=last" in page


def test_mark_read_never_goes_past_the_last_post(member, thread):
    assert services.mark_read(member, thread, 999) == 1

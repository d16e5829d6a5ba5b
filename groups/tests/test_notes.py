"""Peer support notes: who may write to whom, guidance beside the form, the recipient's page, letting a note go,
blocks, the crisis-language flow, notifications without the note's words."""

import pytest
from django.urls import reverse

from conftest import make_member
from groups.models import SupportNote
from moderation.models import Report
from notifications.models import Notification

from .helpers import block, join, make_group, seed_crisis_phrases

pytestmark = pytest.mark.django_db

FROM = 'From <span class="byline"><strong class="byline-name">{}</strong>'  # the sender's byline


def write_url(username, group=None):
    url = reverse("groups:note_new", args=[username])
    return f"{url}?group={group.slug}" if group else url


def test_the_form_shows_guidance_beside_it(member_client, group):
    response = member_client.get(write_url("sponsor"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Writing a note that helps" in content
    assert "own experience" in content and "No judgement" in content
    assert '<meta name="robots" content="noindex, nofollow">' in content
    assert content.count("<h1") == 1


def test_member_writes_to_someone_in_their_group(member_client, member, sponsor, group):
    response = member_client.post(write_url("sponsor", group), {"body": "You showed up every day. That counts."})
    assert response.status_code == 302
    note = SupportNote.objects.get()
    assert (note.sender, note.recipient, note.group) == (member, sponsor, group)
    assert note.html == "<p>You showed up every day. That counts.</p>\n"


def test_recipient_is_notified_without_the_words(member_client, sponsor, group):
    member_client.post(write_url("sponsor"), {"body": "my private words"})
    notification = Notification.objects.get(user=sponsor)
    assert notification.text == "Robin sent you a note of encouragement."
    assert "private" not in notification.text


def test_a_new_member_cannot_write_to_a_stranger(member_client, outsider):
    response = member_client.get(write_url("outsider"))
    assert response.status_code == 403
    member_client.post(write_url("outsider"), {"body": "hello"})
    assert not SupportNote.objects.exists()


def test_a_trusted_member_may_write_to_a_stranger(member_client, outsider, settings):
    settings.TRUST_MIN_DAYS = 0
    settings.TRUST_MIN_POSTS = 0
    assert member_client.post(write_url("outsider"), {"body": "hello"}).status_code == 302
    assert SupportNote.objects.filter(recipient=outsider).exists()


def test_a_block_either_way_answers_not_found(member_client, member, sponsor, group):
    block(sponsor, member)
    assert member_client.get(write_url("sponsor")).status_code == 404
    assert member_client.post(write_url("sponsor"), {"body": "hi"}).status_code == 404
    assert not SupportNote.objects.exists()


def test_unknown_member_and_oneself_are_not_found(member_client):
    assert member_client.get(write_url("nobody")).status_code == 404
    assert member_client.get(write_url("member")).status_code == 404


def test_anonymous_visitor_is_sent_to_log_in(client, sponsor):
    assert client.get(write_url("sponsor")).status_code == 302
    assert client.get(reverse("groups:notes")).status_code == 302


def test_note_length_and_empty_body_errors_are_next_to_the_field(member_client, group):
    for body in ("", "x" * 1001):
        response = member_client.post(write_url("sponsor"), {"body": body})
        assert response.status_code == 200
        assert 'id="id_body_error"' in response.content.decode()
    assert not SupportNote.objects.exists()


def test_a_group_not_shared_is_refused(member_client, member, sponsor, group):
    other = make_group(slug="lighthouse", name="Lighthouse")
    join(member, other)
    response = member_client.post(write_url("sponsor", other), {"body": "hi"})
    assert 'id="id_body_error"' not in response.content.decode()
    assert not SupportNote.objects.exists()


def test_xss_in_a_note_is_inert(member_client, client, sponsor, group):
    member_client.post(write_url("sponsor"), {"body": "<script>alert(1)</script> [x](javascript:alert(1))"})
    client.force_login(sponsor)
    page = client.get(reverse("groups:notes")).content.decode()
    assert "<script>alert(1)" not in page and 'href="javascript:' not in page


def test_recipient_keeps_notes_newest_first_and_marks_them_read(client, member, sponsor, group):
    SupportNote.objects.create(sender=member, recipient=sponsor, body="first", html="<p>first note</p>")
    SupportNote.objects.create(sender=member, recipient=sponsor, body="second", html="<p>second note</p>")
    client.force_login(sponsor)
    page = client.get(reverse("groups:notes")).content.decode()
    assert page.index("second note") < page.index("first note")
    assert FROM.format("Robin") in page
    assert not SupportNote.objects.filter(read_at__isnull=True).exists()


def test_letting_a_note_go_removes_it_from_the_page(client, member, sponsor):
    note = SupportNote.objects.create(sender=member, recipient=sponsor, body="x", html="<p>kind words</p>")
    client.force_login(sponsor)
    client.post(reverse("groups:note_let_go", args=[note.pk]))
    note.refresh_from_db()
    assert not note.kept
    assert "kind words" not in client.get(reverse("groups:notes")).content.decode()


def test_nobody_else_may_let_a_note_go(member_client, member, sponsor, outsider):
    note = SupportNote.objects.create(sender=outsider, recipient=sponsor, body="x", html="<p>x</p>")
    assert member_client.post(reverse("groups:note_let_go", args=[note.pk])).status_code == 404
    note.refresh_from_db()
    assert note.kept


def test_notes_from_a_blocked_person_disappear_from_the_page(client, member, sponsor):
    SupportNote.objects.create(sender=member, recipient=sponsor, body="x", html="<p>from the blocked</p>")
    block(sponsor, member)
    client.force_login(sponsor)
    assert "from the blocked" not in client.get(reverse("groups:notes")).content.decode()


def test_sent_tab_lists_my_notes(member_client, member, sponsor, group):
    member_client.post(write_url("sponsor"), {"body": "keep going"})
    page = member_client.get(reverse("groups:notes_sent")).content.decode()
    assert "To Sam" in page and "keep going" in page


def test_notes_page_has_report_links(client, member, sponsor):
    note = SupportNote.objects.create(sender=member, recipient=sponsor, body="x", html="<p>x</p>")
    client.force_login(sponsor)
    assert reverse("moderation:report_note", args=[note.pk]) in client.get(reverse("groups:notes")).content.decode()


def test_notes_list_queries_are_constant(client, member, sponsor, django_assert_max_num_queries):
    client.force_login(sponsor)
    SupportNote.objects.bulk_create(
        SupportNote(sender=member, recipient=sponsor, body="x", html="<p>x</p>") for _ in range(3)
    )
    with django_assert_max_num_queries(30) as small:
        response = client.get(reverse("groups:notes"))
    assert response.status_code == 200 and FROM.format("Robin") in response.content.decode()
    SupportNote.objects.bulk_create(
        SupportNote(sender=make_member(f"s{i}"), recipient=sponsor, body="x", html="<p>x</p>") for i in range(25)
    )
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("groups:notes"))
    assert (
        response.status_code == 200 and FROM.format("S24") in response.content.decode()
    )  # the long list was really drawn


@pytest.mark.parametrize("body", ["I want to die", "Hoy quiero morir"])
def test_crisis_language_in_a_note_offers_help_first_then_sends(member_client, member, group, body):
    seed_crisis_phrases()
    response = member_client.post(write_url("sponsor"), {"body": body})
    assert response.status_code == 200 and "Post it" in response.content.decode()
    assert not SupportNote.objects.exists()
    member_client.post(write_url("sponsor"), {"body": body, "seen_help": "1"})
    note = SupportNote.objects.get()
    assert Report.objects.get(note=note).priority


def test_an_idiom_in_a_note_sends_at_once(member_client, group):
    seed_crisis_phrases()
    assert member_client.post(write_url("sponsor"), {"body": "this job is killing me, ha"}).status_code == 302
    assert not Report.objects.exists()

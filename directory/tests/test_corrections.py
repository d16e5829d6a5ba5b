"""Anyone can tell the stewards a listing is wrong; anonymous senders are rate-limited kindly."""

from datetime import time

import pytest

from directory.models import Correction, Meeting, Program

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return Meeting.objects.create(
        program=Program.objects.get(slug="aa"), name="Noon Group", day=2, time=time(12, 0), timezone="UTC"
    )


def url(meeting) -> str:
    return f"/meetings/{meeting.pk}/correction/"


def test_anyone_can_open_the_correction_form(client, meeting):
    response = client.get(url(meeting))
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1 and "Report a correction" in html
    assert 'for="id_message"' in html and 'for="id_contact"' in html
    assert 'href="/help/"' in html


def test_a_visitor_sends_a_correction_and_is_thanked(client, meeting):
    response = client.post(url(meeting), {"message": "It moved to 1 pm.", "contact": "pat@example.org"})
    assert response.status_code == 302 and response["Location"] == f"/meetings/{meeting.pk}/"
    correction = Correction.objects.get()
    assert correction.meeting == meeting
    assert correction.status == Correction.Status.OPEN
    assert correction.message == "It moved to 1 pm." and correction.contact == "pat@example.org"
    assert correction.reporter is None
    assert "Thank you" in client.get(response["Location"]).content.decode()


def test_a_members_correction_records_who_sent_it(member_client, member, meeting):
    member_client.post(url(meeting), {"message": "Wrong room"})
    assert Correction.objects.get().reporter == member


def test_the_message_is_required_and_the_error_is_shown_next_to_it(client, meeting):
    response = client.post(url(meeting), {"message": "   ", "contact": ""})
    assert response.status_code == 200
    assert 'id="id_message_error"' in response.content.decode()
    assert not Correction.objects.exists()


def test_a_meeting_that_is_no_longer_listed_takes_no_corrections(client, meeting):
    meeting.is_active = False
    meeting.save()
    assert client.get(url(meeting)).status_code == 404
    assert client.post(url(meeting), {"message": "x"}).status_code == 404


def test_anonymous_senders_are_limited_to_five_an_hour_per_address(client, meeting):
    for n in range(5):
        assert client.post(url(meeting), {"message": f"note {n}"}, REMOTE_ADDR="10.0.0.7").status_code == 302
    response = client.post(url(meeting), {"message": "one more"}, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 429
    assert "try again a little later" in response.content.decode()
    assert Correction.objects.count() == 5
    assert client.post(url(meeting), {"message": "other place"}, REMOTE_ADDR="10.0.0.8").status_code == 302


def test_members_are_not_held_by_the_anonymous_limit(member_client, meeting):
    for n in range(7):
        assert member_client.post(url(meeting), {"message": f"note {n}"}).status_code == 302

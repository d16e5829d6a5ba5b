"""My people: a member asks, the other accepts or declines, either can let go; blocks are never revealed."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from accounts import connections
from accounts.models import Block, Connection, ConnectionRequest
from accounts.services import connect
from conftest import client_for, make_member
from journey.models import Share, today_for
from journey.services import counters
from notifications.models import Notification

pytestmark = pytest.mark.django_db

UNKNOWN = "No member has that username."


def without_tokens(html: str) -> str:
    """The page minus what differs on every response (CSRF tokens, CSP nonces)."""
    return re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', "", html)


def ask(client, username, message=""):
    return client.post("/me/people/request/", {"username": username, "message": message})


def test_people_page_explains_what_a_connection_means(member_client):
    page = member_client.get("/me/people/").content.decode()
    assert "My people" in page
    assert "my connections" in page and "share items of My recovery" in page and "when things are hard" in page
    assert 'name="username"' in page


def test_account_home_links_to_my_people(member_client):
    assert 'href="/me/people/"' in member_client.get("/me/").content.decode()


def test_request_notifies_with_the_senders_name_and_accepting_connects_both_ways(member_client, member, sponsor):
    response = ask(member_client, "@Sponsor", "From the Tuesday meeting")
    assert response.status_code == 302
    request = ConnectionRequest.objects.get()
    assert (request.from_user, request.to_user, request.status) == (member, sponsor, "pending")
    note = Notification.objects.get(user=sponsor)
    assert note.kind == "connection_request" and "Robin" in note.text and note.url == "/me/people/"
    assert "Tuesday" not in note.text  # who, never what

    sponsor_client = client_for(sponsor)
    page = sponsor_client.get("/me/people/").content.decode()
    assert "Robin asked to connect with you." in page and "From the Tuesday meeting" in page
    assert sponsor_client.post(f"/me/people/requests/{request.pk}/accept/").status_code == 302

    assert Connection.between(member, sponsor) and Connection.between(sponsor, member)
    request.refresh_from_db()
    assert request.status == "accepted" and request.decided_at is not None
    accepted = Notification.objects.get(user=member)
    assert accepted.kind == "connection_accepted" and "Sam" in accepted.text
    assert "Sam" in member_client.get("/me/people/").content.decode()
    assert "Robin" in sponsor_client.get("/me/people/").content.decode()


def test_asking_someone_who_already_asked_you_accepts_their_request(member, sponsor):
    theirs = connections.request_connection(sponsor, member)
    answer = connections.request_connection(member, sponsor)
    assert answer.pk == theirs.pk and answer.status == "accepted"
    assert Connection.between(member, sponsor)
    assert ConnectionRequest.objects.count() == 1


def test_declining_tells_no_one(member, sponsor):
    request = connections.request_connection(member, sponsor)
    Notification.objects.all().delete()
    assert client_for(sponsor).post(f"/me/people/requests/{request.pk}/decline/").status_code == 302
    request.refresh_from_db()
    assert request.status == "declined"
    assert not Notification.objects.exists()
    assert not Connection.between(member, sponsor)


def test_sender_can_withdraw_and_the_recipient_no_longer_sees_it(member_client, member, sponsor):
    request = connections.request_connection(member, sponsor)
    page = member_client.get("/me/people/").content.decode()
    assert f"/me/people/requests/{request.pk}/withdraw/" in page
    assert member_client.post(f"/me/people/requests/{request.pk}/withdraw/").status_code == 302
    request.refresh_from_db()
    assert request.status == "withdrawn"
    assert f"/me/people/requests/{request.pk}/accept/" not in client_for(sponsor).get("/me/people/").content.decode()
    assert client_for(sponsor).post(f"/me/people/requests/{request.pk}/accept/").status_code == 404


def test_either_side_can_remove_a_connection_and_nobody_is_told(member_client, member, sponsor):
    connect(member, sponsor)
    page = member_client.get("/me/people/").content.decode()
    assert "/me/people/sponsor/remove/" in page and "<details" in page  # a confirm step, without script
    assert member_client.post("/me/people/sponsor/remove/").status_code == 302
    assert not Connection.between(member, sponsor)
    assert not Notification.objects.exists()
    connect(member, sponsor)
    assert client_for(sponsor).post("/me/people/member/remove/").status_code == 302
    assert not Connection.between(member, sponsor)


def test_removing_someone_you_are_not_connected_with_is_404(member_client, sponsor):
    assert member_client.post("/me/people/sponsor/remove/").status_code == 404
    assert member_client.post("/me/people/nobody/remove/").status_code == 404


def test_asking_yourself_is_refused_next_to_the_field(member_client):
    page = ask(member_client, "member").content.decode()
    assert 'id="id_username_error"' in page and "That is you" in page
    assert not ConnectionRequest.objects.exists()


def test_asking_an_unknown_or_inactive_member_is_refused(member_client):
    assert UNKNOWN in ask(member_client, "nobody-here").content.decode()
    make_member("gone", is_active=False)
    assert UNKNOWN in ask(member_client, "gone").content.decode()
    assert not ConnectionRequest.objects.exists()


def test_asking_someone_already_connected_is_refused(member_client, member, sponsor):
    connect(member, sponsor)
    assert "already connected" in ask(member_client, "sponsor").content.decode()
    assert not ConnectionRequest.objects.exists()


def test_asking_twice_is_refused(member_client, member, sponsor):
    ask(member_client, "sponsor")
    assert "You already asked this member" in ask(member_client, "sponsor").content.decode()
    assert ConnectionRequest.objects.count() == 1
    assert Notification.objects.filter(user=sponsor).count() == 1


def test_a_message_over_300_characters_is_refused(member, sponsor):
    with pytest.raises(ValidationError) as error:
        connections.request_connection(member, sponsor, "x" * 301)
    assert "message" in error.value.message_dict


@pytest.mark.parametrize("who_blocked", ["sponsor blocked member", "member blocked sponsor"])
def test_a_block_either_way_is_answered_exactly_like_an_unknown_member(member_client, member, sponsor, who_blocked):
    blocker, blocked = (sponsor, member) if who_blocked.startswith("sponsor") else (member, sponsor)
    Block.objects.create(blocker=blocker, blocked=blocked)
    blocked_page = without_tokens(ask(member_client, "sponsor").content.decode())
    unknown_page = without_tokens(ask(member_client, "nobody-here").content.decode())
    assert UNKNOWN in blocked_page
    assert blocked_page.replace('value="sponsor"', 'value="nobody-here"') == unknown_page
    assert not ConnectionRequest.objects.exists()
    assert not Notification.objects.exists()


def test_a_request_from_someone_later_blocked_disappears(member, sponsor):
    request = connections.request_connection(member, sponsor)
    Block.objects.create(blocker=sponsor, blocked=member)
    sponsor_client = client_for(sponsor)
    assert "Robin" not in sponsor_client.get("/me/people/").content.decode()
    assert sponsor_client.post(f"/me/people/requests/{request.pk}/accept/").status_code == 404
    assert not Connection.between(member, sponsor)


def test_another_member_cannot_answer_or_withdraw_someone_elses_request(outsider_client, member, sponsor):
    request = connections.request_connection(member, sponsor)
    for action in ("accept", "decline", "withdraw"):
        assert outsider_client.post(f"/me/people/requests/{request.pk}/{action}/").status_code == 404, action
    # The sender cannot accept their own request, nor the recipient withdraw it.
    assert client_for(member).post(f"/me/people/requests/{request.pk}/accept/").status_code == 404
    assert client_for(sponsor).post(f"/me/people/requests/{request.pk}/withdraw/").status_code == 404
    request.refresh_from_db()
    assert request.status == "pending"


def test_services_refuse_the_wrong_member(member, sponsor, outsider):
    request = connections.request_connection(member, sponsor)
    for action in (connections.accept_request, connections.decline_request, connections.withdraw_request):
        with pytest.raises(ValidationError):
            action(outsider, request)
    with pytest.raises(ValidationError):
        connections.remove_connection(member, outsider)


def test_a_request_is_answered_once(member, sponsor):
    request = connections.request_connection(member, sponsor)
    connections.decline_request(sponsor, request)
    with pytest.raises(ValidationError):
        connections.accept_request(sponsor, request)
    assert not Connection.between(member, sponsor)


def test_after_a_decline_or_withdrawal_a_new_request_can_be_made(member, sponsor):
    connections.withdraw_request(member, connections.request_connection(member, sponsor))
    assert connections.request_connection(member, sponsor).status == "pending"


def test_anonymous_visitors_are_sent_to_log_in(client, member, sponsor):
    request = connections.request_connection(member, sponsor)
    gets = ["/me/people/"]
    posts = [
        "/me/people/request/",
        f"/me/people/requests/{request.pk}/accept/",
        f"/me/people/requests/{request.pk}/decline/",
        f"/me/people/requests/{request.pk}/withdraw/",
        "/me/people/sponsor/remove/",
    ]
    for url in gets + posts:
        response = client.post(url) if url in posts else client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    request.refresh_from_db()
    assert request.status == "pending"


def test_actions_need_post(member_client, member, sponsor):
    request = connections.request_connection(sponsor, member)
    assert member_client.get(f"/me/people/requests/{request.pk}/accept/").status_code == 405
    assert member_client.get("/me/people/request/").status_code == 405


def test_download_my_data_holds_requests_sent_and_received(member_client, member, sponsor, outsider):
    connections.request_connection(member, sponsor, "Hello from Robin")
    connections.decline_request(member, connections.request_connection(outsider, member))
    data = member_client.get("/me/data/download/").json()["data"]["account"]["connection_requests"]
    assert [(r["to"], r["status"], r["message"]) for r in data["sent"]] == [("Sam", "pending", "Hello from Robin")]
    assert [(r["from"], r["status"]) for r in data["received"]] == [("Olly", "declined")]
    assert data["received"][0]["decided_at"] is not None


# Sharing from My recovery with one of my people.


@pytest.fixture
def counter(member):
    today = today_for(member)
    return counters.create_counter(member, pathway="alcohol", start_date=today - timedelta(days=10), today=today)


def test_the_sharing_select_lists_only_my_connections(member_client, member, sponsor, outsider, counter):
    friend = make_member("friend", display_name="Frankie")
    connect(member, sponsor)
    connect(member, friend)
    connect(outsider, make_member("elsewhere", display_name="Elsewhere"))
    page = member_client.get(f"/me/recovery/share/counter/{counter.pk}/").content.decode()
    assert 'name="to_person"' in page
    assert '<option value="sponsor">Sam</option>' in page and '<option value="friend">Frankie</option>' in page
    assert 'value="outsider"' not in page and 'value="elsewhere"' not in page
    assert 'name="to_user"' in page  # the username field stays


def test_without_connections_the_sharing_page_has_no_select(member_client, counter):
    assert 'name="to_person"' not in member_client.get(f"/me/recovery/share/counter/{counter.pk}/").content.decode()


def test_sharing_with_one_of_my_people_shares_to_the_chosen_one(member_client, member, sponsor, counter):
    connect(member, sponsor)
    connect(member, make_member("friend", display_name="Frankie"))
    response = member_client.post(f"/me/recovery/share/counter/{counter.pk}/", {"to_person": "sponsor"})
    assert response.status_code == 302
    share = Share.objects.get()
    assert (share.owner, share.to_user) == (member, sponsor)


def test_sharing_refuses_someone_outside_my_people_in_the_select(member_client, member, sponsor, outsider, counter):
    connect(member, sponsor)
    page = member_client.post(f"/me/recovery/share/counter/{counter.pk}/", {"to_person": "outsider"})
    assert 'id="id_to_person_error"' in page.content.decode()
    assert not Share.objects.exists()


def test_sharing_takes_one_person_not_both_a_choice_and_a_username(member_client, member, sponsor, counter):
    connect(member, sponsor)
    make_member("friend")
    data = {"to_person": "sponsor", "to_user": "friend"}
    page = member_client.post(f"/me/recovery/share/counter/{counter.pk}/", data).content.decode()
    assert "not both" in page
    assert not Share.objects.exists()


def test_sharing_twice_with_one_of_my_people_says_so_next_to_the_select(member_client, member, sponsor, counter):
    connect(member, sponsor)
    member_client.post(f"/me/recovery/share/counter/{counter.pk}/", {"to_person": "sponsor"})
    page = member_client.post(f"/me/recovery/share/counter/{counter.pk}/", {"to_person": "sponsor"}).content.decode()
    assert 'id="id_to_person_error"' in page and "already shared" in page


def test_a_connection_who_keeps_their_display_name_to_themselves_is_shown_by_username(member_client, member, sponsor):
    sponsor.display_name_visibility = "only_me"
    sponsor.save(update_fields=["display_name_visibility"])
    connect(member, sponsor)
    page = member_client.get("/me/people/").content.decode()
    assert "Sam" not in page and "@sponsor" in page

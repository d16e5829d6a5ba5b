"""Sharing item by item: private until shared, visible to exactly the person or group chosen, withdrawn at once."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from conftest import make_member
from groups.models import Group, Membership
from journey.models import CheckIn, Share, today_for
from journey.services import counters
from journey.services.sharing import share_item, withdraw_share
from notifications.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def counter(member):
    return counters.create_counter(
        member, pathway="alcohol", start_date=today_for(member) - timedelta(days=45), today=today_for(member)
    )


@pytest.fixture
def circle(member):
    group = Group.objects.create(slug="circle", name="Thursday circle", kind="peer_led")
    Membership.objects.create(group=group, user=member)
    return group


def share_page(counter):
    return f"/me/recovery/share/counter/{counter.pk}/"


def test_a_new_counter_is_private(member, sponsor, counter, client):
    client.force_login(sponsor)
    assert client.get("/shared-with-me/").content.decode().count("/shared-with-me/") <= 1
    assert not Share.objects.exists()


def test_member_shares_a_counter_with_their_sponsor_by_username(member_client, member, sponsor, counter, client):
    response = member_client.post(share_page(counter), {"to_user": "@Sponsor", "message": "45 days today!"})
    assert response.status_code == 302
    share = Share.objects.get()
    assert (share.owner, share.to_user, share.item) == (member, sponsor, counter)
    note = Notification.objects.get(user=sponsor)
    assert note.url == f"/shared-with-me/{share.pk}/"
    assert "45 days today" not in note.text  # the notification says who, not what
    client.force_login(sponsor)
    listing = client.get("/shared-with-me/").content.decode()
    assert f"/shared-with-me/{share.pk}/" in listing
    page = client.get(f"/shared-with-me/{share.pk}/").content.decode()
    assert "45 days" in page and "45 days today!" in page
    assert f"/me/recovery/counters/{counter.pk}/" not in page  # no way into the owner's own pages


def test_someone_else_cannot_see_a_share_made_to_another(member, sponsor, outsider, counter, outsider_client):
    share = share_item(member, counter, to_user=sponsor)
    assert outsider_client.get(f"/shared-with-me/{share.pk}/").status_code == 404
    assert f"/shared-with-me/{share.pk}/" not in outsider_client.get("/shared-with-me/").content.decode()


def test_withdrawing_takes_effect_at_once(member, sponsor, counter):
    share = share_item(member, counter, to_user=sponsor)
    owner, viewer = Client(), Client()
    owner.force_login(member)
    viewer.force_login(sponsor)
    assert viewer.get(f"/shared-with-me/{share.pk}/").status_code == 200
    response = owner.post(f"/me/recovery/shares/{share.pk}/withdraw/")
    assert response.status_code == 302
    assert viewer.get(f"/shared-with-me/{share.pk}/").status_code == 404


def test_only_the_owner_can_withdraw(member, sponsor, counter, client):
    share = share_item(member, counter, to_user=sponsor)
    client.force_login(sponsor)
    assert client.post(f"/me/recovery/shares/{share.pk}/withdraw/").status_code == 404
    assert Share.objects.filter(pk=share.pk).exists()


def test_a_group_share_reaches_its_members_and_no_one_else(member, counter, circle, client, outsider):
    other = make_member("groupmate", display_name="Gale")
    Membership.objects.create(group=circle, user=other)
    share = share_item(member, counter, to_group=circle, message="Celebrating 30 days")
    client.force_login(other)
    assert client.get(f"/shared-with-me/{share.pk}/").status_code == 200
    client.force_login(outsider)
    assert client.get(f"/shared-with-me/{share.pk}/").status_code == 404
    # Leaving the group ends access too.
    Membership.objects.filter(group=circle, user=other).delete()
    client.force_login(other)
    assert client.get(f"/shared-with-me/{share.pk}/").status_code == 404


def test_a_member_can_share_only_with_a_group_they_belong_to(member, counter):
    elsewhere = Group.objects.create(slug="elsewhere", name="Elsewhere", kind="peer_led")
    with pytest.raises(ValidationError) as error:
        share_item(member, counter, to_group=elsewhere)
    assert "to_group" in error.value.message_dict


def test_a_check_in_goes_to_one_person_never_to_a_group(member, sponsor, circle):
    checkin = CheckIn.objects.create(user=member, date=date(2026, 3, 1), mood=2)
    with pytest.raises(ValidationError) as error:
        share_item(member, checkin, to_group=circle)
    assert "to_group" in error.value.message_dict
    assert share_item(member, checkin, to_user=sponsor).to_user == sponsor


def test_nobody_can_share_what_is_not_theirs(member, sponsor, counter):
    with pytest.raises(ValidationError):
        share_item(sponsor, counter, to_user=member)


def test_sharing_twice_with_the_same_person_is_refused_kindly(member, sponsor, counter):
    share_item(member, counter, to_user=sponsor)
    with pytest.raises(ValidationError) as error:
        share_item(member, counter, to_user=sponsor)
    assert "already" in str(error.value)


def test_share_page_shows_errors_next_to_the_field(member_client, counter):
    page = member_client.post(share_page(counter), {"to_user": "nobody-here"}).content.decode()
    assert "No member has that username." in page
    page = member_client.post(share_page(counter), {"to_user": "member"}).content.decode()
    assert "Choose another member." in page
    page = member_client.post(share_page(counter), {}).content.decode()
    assert "Choose one person or one group." in page
    assert not Share.objects.exists()


def test_share_page_of_another_members_item_is_404(outsider_client, counter):
    assert outsider_client.get(share_page(counter)).status_code == 404
    assert outsider_client.post(share_page(counter), {"to_user": "outsider"}).status_code == 404
    assert outsider_client.get("/me/recovery/share/nonsense/1/").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(client, counter, member, sponsor):
    share = share_item(member, counter, to_user=sponsor)
    for url in (share_page(counter), "/me/recovery/shares/", "/shared-with-me/", f"/shared-with-me/{share.pk}/"):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_deleting_the_item_withdraws_its_shares(member, sponsor, counter):
    share_item(member, counter, to_user=sponsor)
    counters.delete_counter(counter)
    assert not Share.objects.exists()


def test_my_shares_lists_what_i_share_and_lets_me_withdraw(member, member_client, sponsor, counter):
    share = share_item(member, counter, to_user=sponsor)
    page = member_client.get("/me/recovery/shares/").content.decode()
    assert f"/me/recovery/shares/{share.pk}/withdraw/" in page
    withdraw_share(share)
    assert "You share nothing" in member_client.get("/me/recovery/shares/").content.decode()


def test_share_link_says_private_until_shared(member, member_client, sponsor, counter):
    assert "(private)" in member_client.get("/me/recovery/counters/").content.decode()
    share_item(member, counter, to_user=sponsor)
    assert "(shared with 1)" in member_client.get("/me/recovery/counters/").content.decode()

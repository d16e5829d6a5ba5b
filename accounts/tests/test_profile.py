import pytest

from accounts.models import Visibility
from accounts.services import connect
from directory.models import Program

pytestmark = pytest.mark.django_db


def test_defaults_show_only_the_display_name_and_only_to_members(member):
    assert member.display_name_visibility == Visibility.MEMBERS
    for field in ("pronouns", "fellowships", "languages", "time_zone"):
        assert getattr(member, f"{field}_visibility") == Visibility.ONLY_ME


def test_member_edits_profile_and_who_sees_each_field(member_client, member):
    aa = Program.objects.get(slug="aa")
    response = member_client.post(
        "/me/profile/",
        {
            "display_name": "Robin B.",
            "display_name_visibility": "members",
            "pronouns": "she/her",
            "pronouns_visibility": "everyone",
            "fellowships": [aa.pk],
            "fellowships_visibility": "connections",
            "languages": ["en", "es"],
            "languages_visibility": "members",
            "time_zone": "Europe/Madrid",
            "time_zone_visibility": "only_me",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Robin B."
    assert member.pronouns_visibility == "everyone"
    assert list(member.fellowships.all()) == [aa]
    assert member.languages == ["en", "es"]
    assert member.time_zone == "Europe/Madrid"


def test_bad_profile_input_is_shown_next_to_the_field_and_nothing_is_saved(member_client, member):
    response = member_client.post(
        "/me/profile/",
        {
            "display_name": "   ",
            "display_name_visibility": "members",
            "pronouns_visibility": "nobody",
            "fellowships_visibility": "only_me",
            "languages_visibility": "only_me",
            "time_zone": "Mars/Olympus",
            "time_zone_visibility": "only_me",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_display_name_error"' in html
    assert 'id="id_time_zone_error"' in html
    assert 'id="id_pronouns_visibility_error"' in html
    member.refresh_from_db()
    assert member.display_name == "Robin"


def profile_seen_by(client, username):
    response = client.get(f"/members/{username}/")
    return response.status_code, response.content.decode()


def test_fields_show_only_to_the_people_the_member_chose(client, member, sponsor, outsider):
    member.pronouns = "she/her"
    member.time_zone = "Europe/Madrid"
    member.languages = ["es"]
    member.pronouns_visibility = Visibility.CONNECTIONS
    member.languages_visibility = Visibility.EVERYONE
    member.save()
    connect(member, sponsor)

    status, html = profile_seen_by(client, "member")
    assert status == 404, "display name is for members only, so an anonymous visitor sees nothing"

    client.force_login(outsider)
    status, html = profile_seen_by(client, "member")
    assert status == 200 and "Robin" in html
    assert "she/her" not in html and "Europe/Madrid" not in html
    assert "es" in html

    client.force_login(sponsor)
    status, html = profile_seen_by(client, "member")
    assert "she/her" in html
    assert "Europe/Madrid" not in html

    client.force_login(member)
    status, html = profile_seen_by(client, "member")
    assert "Europe/Madrid" in html


def test_a_member_who_shows_their_name_to_everyone_has_a_public_page(client, member):
    member.display_name_visibility = Visibility.EVERYONE
    member.save()
    assert client.get("/members/member/").status_code == 200


def test_only_me_hides_the_member_even_from_other_members(outsider_client, member):
    member.display_name_visibility = Visibility.ONLY_ME
    member.save()
    assert outsider_client.get("/members/member/").status_code == 404


def test_inactive_members_have_no_page(outsider_client, member):
    member.is_active = False
    member.save()
    assert outsider_client.get("/members/member/").status_code == 404


def test_visible_to_queryset_agrees_with_the_page(member, outsider, sponsor):
    from accounts.models import User

    member.display_name_visibility = Visibility.CONNECTIONS
    member.save()
    connect(member, sponsor)
    assert member not in User.objects.visible_to(outsider)
    assert member in User.objects.visible_to(sponsor)
    assert member in User.objects.visible_to(member)
    assert member not in User.objects.visible_to(None)


def test_times_are_shown_in_the_members_own_zone(member_client, member):
    member.time_zone = "Asia/Tokyo"
    member.save()
    response = member_client.get("/me/")
    assert response.context["TIME_ZONE"] == "Asia/Tokyo"

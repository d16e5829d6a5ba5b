"""The resource libraries' pages: who sees and adds what, filters, "this helped me", removing."""

import pytest

from conftest import count_queries
from groups.models import Guidelines, Resource, ResourceHelped
from groups.services import resources as services

from .helpers import login, make_resource

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]


# --- Who sees a library ----------------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_log_in_for_every_library_page(client, library_world):
    resource = make_resource(library_world.harbour, library_world.member)
    for path in [
        "/resources/",
        "/groups/harbour/resources/",
        f"/resources/{resource.pk}/",
        f"/resources/{resource.pk}/file/",
        "/resources/new/",
        "/groups/harbour/resources/new/",
    ]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path


def test_a_member_reads_their_groups_library_with_noindex(client, library_world):
    make_resource(library_world.harbour, library_world.gfac, title="Box breathing")
    response = login(client, library_world.member).get("/groups/harbour/resources/")
    html = response.content.decode()
    assert response.status_code == 200 and "Box breathing" in html
    assert '<meta name="robots" content="noindex, nofollow">' in html
    assert html.count("<h1") == 1


def test_a_member_of_another_group_and_an_outsider_get_404_for_a_members_only_library(client, library_world):
    resource = make_resource(library_world.harbour, library_world.member)
    for user in (library_world.other, library_world.outsider):
        login(client, user)
        assert client.get("/groups/harbour/resources/").status_code == 404
        assert client.get(f"/resources/{resource.pk}/").status_code == 404
        assert client.get(f"/resources/{resource.pk}/helped/").status_code in (404, 405)
        assert client.post(f"/resources/{resource.pk}/helped/", {"helped": "1"}).status_code == 404


def test_any_member_of_the_site_reads_a_library_opened_to_the_site(client, library_world):
    resource = make_resource(library_world.open_book, library_world.gfac, title="Sleep hygiene")
    login(client, library_world.outsider)
    assert "Sleep hygiene" in client.get("/groups/open-book/resources/").content.decode()
    assert client.get(f"/resources/{resource.pk}/").status_code == 200


def test_the_sites_library_is_for_every_logged_in_member_and_shows_only_site_resources(client, library_world):
    make_resource(None, library_world.gfac, title="HALT check")
    make_resource(library_world.harbour, library_world.member, title="Harbour secret")
    html = login(client, library_world.outsider).get("/resources/").content.decode()
    assert "HALT check" in html and "Harbour secret" not in html


def test_hidden_resources_are_not_listed_or_shown(client, library_world):
    resource = make_resource(library_world.harbour, library_world.gfac, title="Hidden one", status="hidden")
    login(client, library_world.member)
    assert "Hidden one" not in client.get("/groups/harbour/resources/").content.decode()
    assert client.get(f"/resources/{resource.pk}/").status_code == 404


# --- Filters ---------------------------------------------------------------------------------------------------


def test_filters_by_domain_need_kind_and_words_on_this_database(client, library_world):
    make_resource(None, library_world.gfac, title="Sleep diary", kind="tool", domains=["health"], needs=["sleep"])
    make_resource(
        None, library_world.gfac, title="Budget sheet", kind="tool", domains=["home", "purpose"], needs=["money"]
    )
    make_resource(
        None, library_world.gfac, title="Call a friend", domains=["community"], needs=["urges", "relationships"]
    )
    login(client, library_world.member)

    def titles(query):
        return [r.title for r in client.get("/resources/" + query).context["page"].object_list]

    assert titles("?domain=health") == ["Sleep diary"]
    assert titles("?domain=purpose") == ["Budget sheet"]
    assert titles("?need=relationships") == ["Call a friend"]
    assert titles("?need=urges&domain=community") == ["Call a friend"]
    assert titles("?need=sleep&domain=home") == []
    assert titles("?kind=tool&q=budget") == ["Budget sheet"]
    assert sorted(titles("?domain=nonsense")) == ["Budget sheet", "Call a friend", "Sleep diary"]


def test_the_domain_filter_matches_whole_values_not_parts_of_them(library_world):
    make_resource(None, library_world.gfac, title="Health", domains=["health"], needs=["health"])
    make_resource(None, library_world.gfac, title="Home", domains=["home"], needs=["housing"])
    found = services.find_resources(library_world.member, site_only=True, need="housing")
    assert [r.title for r in found] == ["Home"]
    assert [r.title for r in services.find_resources(library_world.member, site_only=True, domain="home")] == ["Home"]


def test_the_library_is_sorted_by_this_helped_me_then_newest(client, library_world):
    make_resource(None, library_world.gfac, title="Old and loved", helped_count=5)
    make_resource(None, library_world.gfac, title="New")
    make_resource(None, library_world.gfac, title="Newest")
    titles = [r.title for r in login(client, library_world.member).get("/resources/").context["page"].object_list]
    assert titles == ["Old and loved", "Newest", "New"]


def test_a_library_page_costs_a_fixed_number_of_queries(client, library_world):
    login(client, library_world.member)
    make_resource(library_world.harbour, library_world.gfac, title="Tip", domains=["health"], needs=["sleep"])
    few = count_queries(lambda: client.get("/groups/harbour/resources/"))
    for n in range(45):
        make_resource(library_world.harbour, library_world.gfac, title=f"Tip {n}", domains=["health"], needs=["sleep"])
    many = count_queries(lambda: client.get("/groups/harbour/resources/?page=2"))
    assert many == few <= 15
    assert len(client.get("/groups/harbour/resources/?page=3").context["page"].object_list) == 6


# --- Adding ----------------------------------------------------------------------------------------------------


def test_a_member_who_accepted_the_guidelines_adds_a_coping_strategy_to_their_group(client, library_world):
    login(client, library_world.member)
    response = client.post(
        "/groups/harbour/resources/new/",
        {
            "kind": "coping",
            "title": "Play the tape forward",
            "description": "Think it **through**.",
            "domains": ["health"],
            "needs": ["urges", "slips"],
        },
    )
    resource = Resource.objects.get(title="Play the tape forward")
    assert response.status_code == 302 and response["Location"] == f"/resources/{resource.pk}/"
    assert resource.group == library_world.harbour and resource.author == library_world.member
    assert resource.domains == ["health"] and resource.needs == ["urges", "slips"]
    page = client.get(f"/resources/{resource.pk}/").content.decode()
    assert "Play the tape forward" in page and "<script" not in resource.html


def test_a_member_who_has_not_accepted_new_guidelines_may_not_add(client, library_world):
    Guidelines.objects.create(group=library_world.harbour, version=2, text="New rules")
    login(client, library_world.member)
    assert client.get("/groups/harbour/resources/new/").status_code == 403
    assert client.post("/groups/harbour/resources/new/", {"kind": "coping", "title": "x"}).status_code == 403


def test_a_reader_of_an_open_group_who_is_not_a_member_may_not_add(client, library_world):
    login(client, library_world.outsider)
    assert client.get("/groups/open-book/resources/new/").status_code == 403
    assert not Resource.objects.exists()


def test_only_site_staff_add_to_the_sites_library(client, library_world, facilitator, moderator):
    login(client, library_world.member)
    assert client.get("/resources/new/").status_code == 403
    for staff in (facilitator, moderator):
        login(client, staff)
        response = client.post("/resources/new/", {"kind": "reading", "title": f"By {staff}", "description": "Read"})
        assert response.status_code == 302
    assert Resource.objects.filter(group=None).count() == 2


def test_a_new_member_cannot_add_links_yet_and_is_told_kindly(client, library_world):
    login(client, library_world.member)
    response = client.post(
        "/groups/harbour/resources/new/", {"kind": "link", "title": "A site", "url": "https://example.org/"}
    )
    assert response.status_code == 200 and "Thank you for waiting" in response.content.decode()
    assert not Resource.objects.exists()


def test_a_trusted_member_adds_a_link_shown_with_nofollow_ugc_and_no_preview(client, library_world, trusting):
    login(client, library_world.member)
    client.post("/groups/harbour/resources/new/", {"kind": "link", "title": "A site", "url": "https://example.org/a"})
    resource = Resource.objects.get()
    html = client.get(f"/resources/{resource.pk}/").content.decode()
    assert '<a href="https://example.org/a" rel="nofollow ugc noopener">' in html
    assert "<img" not in html and "<iframe" not in html


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/", "example.org", "https://", "data:text/html,hi", "http://a b"]
)
def test_links_must_be_web_addresses(client, library_world, trusting, url):
    login(client, library_world.member)
    response = client.post("/groups/harbour/resources/new/", {"kind": "link", "title": "Bad", "url": url})
    assert response.status_code == 200 and "https://" in response.content.decode()
    assert not Resource.objects.exists()


def test_bad_input_is_refused_with_the_field_named(client, library_world):
    login(client, library_world.member)
    response = client.post("/groups/harbour/resources/new/", {"kind": "nonsense", "title": "", "domains": ["moon"]})
    errors = response.context["form"].errors
    assert response.status_code == 200 and {"kind", "title", "domains"} <= set(errors)
    assert not Resource.objects.exists()


def test_a_script_in_a_description_is_inert(client, library_world):
    login(client, library_world.member)
    client.post(
        "/groups/harbour/resources/new/",
        {"kind": "coping", "title": "<script>alert(1)</script>", "description": "<img src=x onerror=alert(1)>"},
    )
    resource = Resource.objects.get()
    html = client.get(f"/resources/{resource.pk}/").content.decode()
    assert "<script>alert(1)" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# --- This helped me --------------------------------------------------------------------------------------------


def test_this_helped_me_counts_once_per_member_and_can_be_taken_back(client, library_world):
    resource = make_resource(library_world.harbour, library_world.gfac)
    login(client, library_world.member)
    for _ in range(2):
        assert client.post(f"/resources/{resource.pk}/helped/", {"helped": "1"}).status_code == 302
    resource.refresh_from_db()
    assert resource.helped_count == 1 and ResourceHelped.objects.filter(user=library_world.member).count() == 1
    assert 'aria-pressed="true"' in client.get(f"/resources/{resource.pk}/").content.decode()
    client.post(f"/resources/{resource.pk}/helped/", {"helped": "0"})
    client.post(f"/resources/{resource.pk}/helped/", {"helped": "0"})
    resource.refresh_from_db()
    assert resource.helped_count == 0 and not ResourceHelped.objects.exists()


def test_this_helped_me_is_a_post_only(client, library_world):
    resource = make_resource(library_world.harbour, library_world.gfac)
    assert login(client, library_world.member).get(f"/resources/{resource.pk}/helped/").status_code == 405


# --- Removing --------------------------------------------------------------------------------------------------


def test_the_author_removes_their_resource(client, library_world):
    resource = make_resource(library_world.harbour, library_world.member)
    login(client, library_world.member)
    assert client.get(f"/resources/{resource.pk}/delete/").status_code == 200
    response = client.post(f"/resources/{resource.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == "/groups/harbour/resources/"
    assert not Resource.objects.exists()


def test_a_group_facilitator_removes_any_resource_of_their_group(client, library_world):
    resource = make_resource(library_world.harbour, library_world.member)
    assert login(client, library_world.gfac).post(f"/resources/{resource.pk}/delete/").status_code == 302
    assert not Resource.objects.exists()


def test_another_member_may_not_remove_a_resource(client, library_world):
    resource = make_resource(library_world.harbour, library_world.gfac)
    login(client, library_world.member)
    assert client.get(f"/resources/{resource.pk}/delete/").status_code == 403
    assert client.post(f"/resources/{resource.pk}/delete/").status_code == 403
    assert "Remove" not in client.get(f"/resources/{resource.pk}/").content.decode()
    assert Resource.objects.exists()


def test_a_site_moderator_removes_a_site_resource_and_a_member_may_not(client, library_world, moderator, facilitator):
    resource = make_resource(None, facilitator)
    assert login(client, library_world.member).post(f"/resources/{resource.pk}/delete/").status_code == 403
    assert login(client, moderator).post(f"/resources/{resource.pk}/delete/").status_code == 302
    assert not Resource.objects.exists()

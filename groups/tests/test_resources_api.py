"""/api/v1/resources: the same visibility and rules as the pages."""

import pytest

from conftest import count_queries
from groups.models import Guidelines, Resource, ResourceHelped

from .helpers import Api, make_resource, titles

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]


def test_anonymous_callers_get_401(client, library_world):
    resource = make_resource(None, library_world.gfac)
    assert client.get("/api/v1/resources").status_code == 401
    assert client.get(f"/api/v1/resources/{resource.pk}").status_code == 401
    assert client.post("/api/v1/resources", {}, content_type="application/json").status_code == 401


def test_the_list_holds_the_sites_library_and_the_groups_the_caller_may_read(client, library_world):
    make_resource(None, library_world.gfac, title="Site tip")
    make_resource(library_world.harbour, library_world.gfac, title="Harbour tip")
    make_resource(library_world.open_book, library_world.gfac, title="Open tip")
    make_resource(library_world.elsewhere, library_world.other, title="Elsewhere tip")
    assert sorted(titles(Api(client, library_world.member).get("/resources"))) == [
        "Harbour tip",
        "Open tip",
        "Site tip",
    ]
    assert sorted(titles(Api(client, library_world.outsider).get("/resources"))) == ["Open tip", "Site tip"]
    assert sorted(titles(Api(client, library_world.other).get("/resources"))) == [
        "Elsewhere tip",
        "Open tip",
        "Site tip",
    ]


def test_a_group_the_caller_may_not_read_answers_404(client, library_world):
    make_resource(library_world.harbour, library_world.gfac, title="Harbour tip")
    api = Api(client, library_world.other)
    assert api.get("/resources", group=library_world.harbour.pk).status_code == 404
    assert titles(Api(client, library_world.member).get("/resources", group=library_world.harbour.pk)) == [
        "Harbour tip"
    ]
    hidden = Resource.objects.get()
    assert api.get(f"/resources/{hidden.pk}").status_code == 404
    assert api.post(f"/resources/{hidden.pk}/helped").status_code == 404
    assert api.delete(f"/resources/{hidden.pk}").status_code == 404


def test_filters_by_domain_need_kind_words_and_site(client, library_world):
    make_resource(None, library_world.gfac, title="Sleep diary", kind="tool", domains=["health"], needs=["sleep"])
    make_resource(
        library_world.harbour, library_world.gfac, title="Budget", kind="tool", domains=["home"], needs=["money"]
    )
    api = Api(client, library_world.member)
    assert titles(api.get("/resources", domain="health")) == ["Sleep diary"]
    assert titles(api.get("/resources", need="money")) == ["Budget"]
    assert titles(api.get("/resources", kind="tool", q="diary")) == ["Sleep diary"]
    assert titles(api.get("/resources", site="true")) == ["Sleep diary"]


@pytest.mark.parametrize(
    "params", [{"domain": "moon"}, {"need": "x"}, {"kind": "video"}, {"limit": 0}, {"limit": 1000}, {"page": 0}]
)
def test_bad_filters_answer_400(client, library_world, params):
    response = Api(client, library_world.member).get("/resources", **params)
    assert response.status_code == 400 and response.json()["message"].startswith("Invalid")


def test_pages_of_the_list_cost_a_fixed_number_of_queries(client, library_world):
    api = Api(client, library_world.member)
    make_resource(library_world.harbour, library_world.gfac, title="Tip")
    ResourceHelped.objects.create(resource=Resource.objects.get(), user=library_world.member)
    few = count_queries(lambda: api.get("/resources", limit=10))
    for n in range(24):
        resource = make_resource(library_world.harbour, library_world.gfac, title=f"Tip {n:02}")
        ResourceHelped.objects.create(resource=resource, user=library_world.member)
    assert count_queries(lambda: api.get("/resources", limit=10)) == few <= 12
    first = api.get("/resources", limit=10).json()
    assert len(first["items"]) == 10 and first["has_next"] and first["items"][0]["helped_by_me"]
    last = api.get("/resources", limit=10, page=3).json()
    assert len(last["items"]) == 5 and not last["has_next"]


def test_a_member_adds_a_coping_strategy_by_json(client, library_world):
    response = Api(client, library_world.member).post(
        "/resources",
        {
            "group": library_world.harbour.pk,
            "kind": "coping",
            "title": "Cold water",
            "description": "Splash *it*.",
            "domains": ["health"],
            "needs": ["urges"],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["group"] == library_world.harbour.pk and body["domains"] == ["health"] and body["author"] == "Robin"
    assert "<em>it</em>" in body["html"]


def test_adding_refuses_unknown_fields_and_names_bad_ones(client, library_world):
    api = Api(client, library_world.member)
    extra = api.post("/resources", {"group": library_world.harbour.pk, "kind": "coping", "title": "x", "colour": "red"})
    assert extra.status_code == 400
    bad = api.post(
        "/resources", {"group": library_world.harbour.pk, "kind": "coping", "title": "", "domains": ["moon"]}
    )
    assert bad.status_code == 400
    assert {e["field"] for e in bad.json()["errors"]} >= {"title", "domains"}
    files = api.post("/resources", {"group": library_world.harbour.pk, "kind": "file", "title": "x"})
    assert files.status_code == 400 and files.json()["errors"][0]["field"] == "kind"
    assert not Resource.objects.exists()


def test_who_may_add_where(client, library_world, facilitator):
    body = {"kind": "reading", "title": "Read", "description": "A good read"}
    assert (
        Api(client, library_world.member).post("/resources", body).status_code == 403
    )  # the site's library: staff only
    assert Api(client, facilitator).post("/resources", body).status_code == 201
    assert (
        Api(client, library_world.outsider)
        .post("/resources", {**body, "group": library_world.open_book.pk})
        .status_code
        == 403
    )
    assert (
        Api(client, library_world.other).post("/resources", {**body, "group": library_world.harbour.pk}).status_code
        == 404
    )
    Guidelines.objects.create(group=library_world.harbour, version=2, text="Newer")
    assert (
        Api(client, library_world.member).post("/resources", {**body, "group": library_world.harbour.pk}).status_code
        == 403
    )


def test_links_need_trust_and_a_web_address(client, library_world, settings):
    api = Api(client, library_world.member)
    body = {"group": library_world.harbour.pk, "kind": "link", "title": "Site", "url": "https://example.org/"}
    untrusted = api.post("/resources", body)
    assert untrusted.status_code == 400 and untrusted.json()["errors"][0]["field"] == "url"
    settings.TRUST_MIN_DAYS = settings.TRUST_MIN_POSTS = 0
    assert api.post("/resources", {**body, "url": "javascript:alert(1)"}).status_code == 400
    assert api.post("/resources", body).status_code == 201


def test_this_helped_me_by_api_counts_once(client, library_world):
    resource = make_resource(library_world.harbour, library_world.gfac)
    api = Api(client, library_world.member)
    assert api.post(f"/resources/{resource.pk}/helped").json() == {"helped_by_me": True, "helped_count": 1}
    assert api.post(f"/resources/{resource.pk}/helped").json() == {"helped_by_me": True, "helped_count": 1}
    assert api.get(f"/resources/{resource.pk}").json()["helped_by_me"] is True
    assert api.delete(f"/resources/{resource.pk}/helped").json() == {"helped_by_me": False, "helped_count": 0}
    assert not ResourceHelped.objects.exists()


def test_deleting_by_api_is_for_the_author_and_staff(client, library_world):
    resource = make_resource(library_world.harbour, library_world.gfac)
    assert Api(client, library_world.member).delete(f"/resources/{resource.pk}").status_code == 403
    assert Api(client, library_world.gfac).delete(f"/resources/{resource.pk}").status_code == 204
    assert not Resource.objects.exists()

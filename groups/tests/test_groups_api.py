"""/api/v1/groups: the same visibility and rules as the pages; 400 naming the field; 404 for what you may not see."""

import pytest

from accounts.services import create_api_token
from groups.models import Group, Guidelines, JoinRequest, Membership

from .helpers import add_member

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, client, user):
        self.client = client
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, name='t')[1]}"}

    def get(self, path, **params):
        return self.client.get(f"/api/v1{path}", params, **self.headers)

    def post(self, path, body=None):
        return self.client.post(
            f"/api/v1{path}", body if body is not None else {}, content_type="application/json", **self.headers
        )


@pytest.fixture
def api(client):
    return lambda user: Api(client, user)


@pytest.fixture
def unlisted(world):
    group = Group.objects.create(slug="hidden-cove", name="Hidden Cove", kind="peer_led", visibility="unlisted")
    add_member(group, world.gfac, "facilitator")
    return group


# ---- listing and reading ----------------------------------------------------------------------------------------


def test_anonymous_callers_get_401(client, world):
    assert client.get("/api/v1/groups").status_code == 401
    assert client.get(f"/api/v1/groups/{world.harbour.pk}").status_code == 401


def test_list_shows_listed_groups_and_the_callers_unlisted_ones(api, world, unlisted):
    names = [g["name"] for g in api(world.outsider).get("/groups").json()["items"]]
    assert names == ["Elsewhere", "Harbour"]
    body = api(world.gfac).get("/groups").json()
    assert [g["name"] for g in body["items"]] == ["Elsewhere", "Harbour", "Hidden Cove"]
    assert [g["is_member"] for g in body["items"]] == [False, True, True]


def test_list_filters_and_paginates(api, world):
    from directory.models import Program

    Group.objects.filter(pk=world.elsewhere.pk).update(program=Program.objects.get(slug="aa"))
    caller = api(world.member)
    assert [g["slug"] for g in caller.get("/groups", kind="smart").json()["items"]] == ["elsewhere"]
    assert [g["slug"] for g in caller.get("/groups", program="aa").json()["items"]] == ["elsewhere"]
    assert [g["slug"] for g in caller.get("/groups", q="calm").json()["items"]] == ["harbour"]
    assert [g["slug"] for g in caller.get("/groups", mine="true").json()["items"]] == ["harbour"]
    page = caller.get("/groups", limit=1).json()
    assert page["count"] == 2 and len(page["items"]) == 1 and page["next_page"] == 2
    page2 = caller.get("/groups", limit=1, page=2).json()
    assert page2["items"][0]["slug"] == "harbour" and page2["next_page"] is None


def test_bad_list_parameters_answer_400_naming_them(api, world):
    caller = api(world.member)
    for params, field in (({"kind": "nope"}, "kind"), ({"limit": 0}, "limit"), ({"page": "x"}, "page")):
        response = caller.get("/groups", **params)
        assert response.status_code == 400
        assert field in response.json()["message"]


def test_detail_of_a_group(api, world):
    body = api(world.member).get(f"/groups/{world.harbour.pk}").json()
    assert body["name"] == "Harbour" and body["member_count"] == 3
    assert body["guidelines_version"] == 1 and body["my_role"] == "member" and body["my_guidelines_version"] == 1
    outsider_view = api(world.outsider).get(f"/groups/{world.harbour.pk}").json()
    assert outsider_view["my_role"] is None and outsider_view["is_member"] is False


def test_unlisted_group_is_404_to_non_members_everywhere(api, world, unlisted):
    caller = api(world.outsider)
    for path in ("", "/members", "/guidelines"):
        assert caller.get(f"/groups/{unlisted.pk}{path}").status_code == 404, path
    assert caller.post(f"/groups/{unlisted.pk}/join", {"accept_guidelines_version": 0}).status_code == 404
    assert caller.post(f"/groups/{unlisted.pk}/requests", {"accept_guidelines_version": 0}).status_code == 404
    assert caller.get("/groups/999999").status_code == 404


# ---- members ----------------------------------------------------------------------------------------------------


def test_members_list_is_for_members_only(api, world):
    for who in (world.outsider, world.other):
        assert api(who).get(f"/groups/{world.harbour.pk}/members").status_code == 404
    Group.objects.filter(pk=world.harbour.pk).update(readable_by_site_members=True)
    assert api(world.outsider).get(f"/groups/{world.harbour.pk}/members").status_code == 404  # a reader, not a member
    body = api(world.member).get(f"/groups/{world.harbour.pk}/members").json()
    assert body["count"] == 3
    assert [(m["display_name"], m["role"]) for m in body["items"]] == [
        ("Gale", "facilitator"),
        ("Morgan", "moderator"),
        ("Robin", "member"),
    ]
    assert set(body["items"][0]) == {"display_name", "role", "joined_at", "by"}


def test_members_list_hides_private_names_and_people_in_a_block(api, world):
    from accounts.models import Block

    world.gmod.display_name_visibility = "only_me"
    world.gmod.save()
    Block.objects.create(blocker=world.member, blocked=world.gfac)
    names = [m["display_name"] for m in api(world.member).get(f"/groups/{world.harbour.pk}/members").json()["items"]]
    assert names == ["A member", "Robin"]


def test_members_list_paginates(api, world):
    body = api(world.member).get(f"/groups/{world.harbour.pk}/members", limit=2, page=2).json()
    assert [m["display_name"] for m in body["items"]] == ["Robin"] and body["next_page"] is None
    assert api(world.member).get(f"/groups/{world.harbour.pk}/members", limit=500).status_code == 400


# ---- joining, requests, leaving ---------------------------------------------------------------------------------


def test_join_an_open_group_accepting_the_current_version(api, world):
    caller = api(world.outsider)
    response = caller.post(f"/groups/{world.harbour.pk}/join", {"accept_guidelines_version": 1})
    assert response.status_code == 201
    assert response.json()["guidelines_version"] == 1 and response.json()["role"] == "member"
    assert Membership.objects.filter(group=world.harbour, user=world.outsider).exists()


def test_join_with_a_wrong_version_answers_400_naming_the_field(api, world):
    response = api(world.outsider).post(f"/groups/{world.harbour.pk}/join", {"accept_guidelines_version": 7})
    assert response.status_code == 400
    assert "accept_guidelines_version" in response.json()["message"]


def test_join_bad_bodies_answer_400(api, world):
    caller = api(world.outsider)
    url = f"/groups/{world.harbour.pk}/join"
    assert caller.post(url, {}).status_code == 400
    assert caller.post(url, {"accept_guidelines_version": "one"}).status_code == 400
    response = caller.post(url, {"accept_guidelines_version": 1, "role": "facilitator"})
    assert response.status_code == 400 and "role" in response.json()["message"]
    assert not Membership.objects.filter(group=world.harbour, user=world.outsider).exists()


def test_joining_twice_answers_400(api, world):
    response = api(world.member).post(f"/groups/{world.harbour.pk}/join", {"accept_guidelines_version": 1})
    assert response.status_code == 400 and "group" in response.json()["message"]


def test_request_to_join_a_request_group(api, world):
    Group.objects.filter(pk=world.harbour.pk).update(visibility="request")
    caller = api(world.outsider)
    response = caller.post(f"/groups/{world.harbour.pk}/requests", {"accept_guidelines_version": 1, "message": "Hello"})
    assert response.status_code == 201 and response.json()["status"] == "pending"
    assert JoinRequest.objects.get(user=world.outsider).message == "Hello"
    again = caller.post(f"/groups/{world.harbour.pk}/requests", {"accept_guidelines_version": 1})
    assert again.status_code == 400


def test_requests_to_an_open_group_are_refused(api, world):
    response = api(world.outsider).post(f"/groups/{world.harbour.pk}/requests", {"accept_guidelines_version": 1})
    assert response.status_code == 400


def test_request_message_too_long_is_400(api, world):
    Group.objects.filter(pk=world.harbour.pk).update(visibility="request")
    response = api(world.outsider).post(
        f"/groups/{world.harbour.pk}/requests", {"accept_guidelines_version": 1, "message": "x" * 5000}
    )
    assert response.status_code == 400 and "message" in response.json()["message"]


def test_leave_a_group(api, world):
    assert api(world.member).post(f"/groups/{world.harbour.pk}/leave").status_code == 204
    assert not Membership.objects.filter(group=world.harbour, user=world.member).exists()
    assert api(world.outsider).post(f"/groups/{world.harbour.pk}/leave").status_code == 404


def test_last_facilitator_leaves_only_naming_a_successor(api, world):
    caller = api(world.gfac)
    response = caller.post(f"/groups/{world.harbour.pk}/leave")
    assert response.status_code == 400 and "successor" in response.json()["message"]
    response = caller.post(f"/groups/{world.harbour.pk}/leave", {"successor_username": "nobody"})
    assert response.status_code == 400 and "successor_username" in response.json()["message"]
    assert caller.post(f"/groups/{world.harbour.pk}/leave", {"successor_username": "member"}).status_code == 204
    assert Membership.objects.get(group=world.harbour, user=world.member).role == "facilitator"


# ---- guidelines -------------------------------------------------------------------------------------------------


def test_guidelines_read_publish_and_accept(api, world):
    assert api(world.outsider).get(f"/groups/{world.harbour.pk}/guidelines").json()["version"] == 1
    response = api(world.gfac).post(f"/groups/{world.harbour.pk}/guidelines", {"text": "Version two"})
    assert response.status_code == 201 and response.json()["version"] == 2
    member = api(world.member)
    body = member.get(f"/groups/{world.harbour.pk}/guidelines").json()
    assert body["text"] == "Version two" and body["my_accepted_version"] == 1
    assert member.post(f"/groups/{world.harbour.pk}/guidelines/accept", {"version": 1}).status_code == 400
    response = member.post(f"/groups/{world.harbour.pk}/guidelines/accept", {"version": 2})
    assert response.status_code == 200 and response.json()["guidelines_version"] == 2


def test_only_facilitators_publish_guidelines(api, world):
    for who in (world.member, world.gmod, world.outsider):
        assert api(who).post(f"/groups/{world.harbour.pk}/guidelines", {"text": "mine"}).status_code == 403
    assert Guidelines.objects.filter(group=world.harbour).count() == 1


def test_publishing_empty_guidelines_is_400(api, world):
    response = api(world.gfac).post(f"/groups/{world.harbour.pk}/guidelines", {"text": ""})
    assert response.status_code == 400 and "text" in response.json()["message"]
    response = api(world.gfac).post(f"/groups/{world.harbour.pk}/guidelines", {"text": "   "})
    assert response.status_code == 400 and "text" in response.json()["message"]


def test_accepting_guidelines_of_a_group_you_are_not_in_is_404(api, world):
    assert api(world.outsider).post(f"/groups/{world.harbour.pk}/guidelines/accept", {"version": 1}).status_code == 404

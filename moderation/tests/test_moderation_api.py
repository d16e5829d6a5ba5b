"""/api/v1/reports, /api/v1/me/moderation and /api/v1/me/blocks obey the same rules as the pages."""

import pytest
from django.test import Client

from accounts.models import Block
from accounts.services import create_api_token
from conftest import make_member
from groups.models import ContentStatus, Post
from moderation.models import Appeal, ModerationAction, Report
from notifications.models import Notification

pytestmark = pytest.mark.django_db


class Api:
    def __init__(self, user):
        self.client = Client()
        self.headers = {"HTTP_AUTHORIZATION": f"Bearer {create_api_token(user, name='t')[1]}"}

    def get(self, url):
        return self.client.get(f"/api/v1{url}", **self.headers)

    def post(self, url, data):
        return self.client.post(f"/api/v1{url}", data, content_type="application/json", **self.headers)

    def delete(self, url):
        return self.client.delete(f"/api/v1{url}", **self.headers)


def test_member_reports_a_post_and_sees_only_its_status(member, group_world):
    api = Api(member)
    response = api.post("/reports", {"post_id": group_world.post.pk, "reason": "harassment", "detail": "Rude"})
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "open" and body["detail"] is None and body["reporter"] is None
    assert api.get(f"/reports/{body['id']}").json()["status"] == "open"
    listed = api.get("/reports").json()
    assert listed["count"] == 1 and listed["items"][0]["detail"] is None
    again = api.post("/reports", {"post_id": group_world.post.pk, "reason": "spam"})
    assert again.status_code == 409 and "already reported" in again.json()["message"]


def test_reports_of_what_the_caller_cannot_see_are_404(outsider, group_world):
    api = Api(outsider)
    assert api.post("/reports", {"post_id": group_world.post.pk, "reason": "spam"}).status_code == 404
    assert api.post("/reports", {"note_id": group_world.note.pk, "reason": "spam"}).status_code == 404
    assert api.post("/reports", {"member": "nobody", "reason": "spam"}).status_code == 404
    assert api.post("/reports", {"member": "writer", "group_id": 99999, "reason": "spam"}).status_code == 404
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    "payload",
    [
        {"reason": "spam"},
        {"post_id": 1, "note_id": 1, "reason": "spam"},
        {"member": "writer", "reason": "nonsense"},
        {"member": "writer", "reason": "spam", "surprise": 1},
        {"member": "writer", "reason": "spam", "detail": "x" * 5000},
        {"member": "member", "reason": "spam"},
        {"post_id": "abc", "reason": "spam"},
    ],
)
def test_bad_input_answers_400(member, group_world, payload):
    response = Api(member).post("/reports", payload)
    assert response.status_code == 400, response.content
    assert "message" in response.json()


def test_at_risk_report_through_the_api_alerts_and_reassures(member, group_world):
    response = Api(member).post(
        "/reports", {"member": "writer", "group_id": group_world.harbour.pk, "reason": "at_risk"}
    )
    assert response.status_code == 201
    # The group's staff first; the site's moderators when nobody takes it in time (test_risk_alerts).
    assert Notification.objects.filter(user=group_world.host, kind="at_risk_alert").exists()
    assert not Notification.objects.filter(user=group_world.moderator, kind="at_risk_alert").exists()
    told = Notification.objects.get(user=group_world.writer)
    assert "Robin" not in told.text and told.url == "/help/"


def test_moderators_see_their_queue_in_full_and_others_see_nothing_of_it(member, group_world):
    report = Report.objects.create(
        reporter=member,
        member=group_world.writer,
        post=group_world.post,
        group=group_world.harbour,
        reason="spam",
        detail="d",
    )
    for user in (group_world.moderator, group_world.host):
        body = Api(user).get("/reports").json()
        assert [i["id"] for i in body["items"]] == [report.pk]
        assert body["items"][0]["reporter"]["display_name"] == "Robin"
        assert body["items"][0]["content_html"] == "<p>Hello there</p>"
        assert Api(user).get(f"/reports/{report.pk}").json()["detail"] == "d"
    assert Api(group_world.other_host).get("/reports").json()["count"] == 0
    assert Api(group_world.other_host).get(f"/reports/{report.pk}").status_code == 404
    assert Api(group_world.reader).get(f"/reports/{report.pk}").status_code == 404
    assert Api(group_world.reader).get("/reports").json()["count"] == 0


def test_report_list_costs_a_fixed_number_of_queries(member, group_world, django_assert_max_num_queries):
    for i in range(40):
        Report.objects.create(
            reporter=make_member(f"u{i}"),
            member=group_world.writer,
            post=group_world.post,
            group=group_world.harbour,
            reason="spam",
        )
    api = Api(group_world.moderator)
    api.get("/reports")
    with django_assert_max_num_queries(8):
        body = api.get("/reports?limit=25&page=2").json()
    assert body["count"] == 40 and len(body["items"]) == 15


def test_actions_through_the_api(member, group_world):
    report = Report.objects.create(
        reporter=member, member=group_world.writer, post=group_world.post, group=group_world.harbour, reason="spam"
    )
    assert (
        Api(group_world.other_host).post(f"/reports/{report.pk}/actions", {"kind": "hide", "reason": "x"}).status_code
        == 404
    )
    assert Api(member).post(f"/reports/{report.pk}/actions", {"kind": "hide", "reason": "x"}).status_code == 404
    host = Api(group_world.host)
    assert host.post(f"/reports/{report.pk}/actions", {"kind": "hide", "reason": ""}).status_code == 400
    assert host.post(f"/reports/{report.pk}/actions", {"kind": "explode", "reason": "x"}).status_code == 400
    no_days = host.post(f"/reports/{report.pk}/actions", {"kind": "mute", "reason": "x"})
    assert no_days.status_code == 400 and no_days.json()["errors"][0]["field"] == "days"
    assert host.post(f"/reports/{report.pk}/actions", {"kind": "suspend", "reason": "x"}).status_code == 403
    response = host.post(f"/reports/{report.pk}/actions", {"kind": "hide", "reason": "Unkind."})
    assert response.status_code == 201 and response.json()["kind"] == "hide"
    group_world.post.refresh_from_db()
    assert group_world.post.status == ContentStatus.HIDDEN
    suspended = Api(group_world.moderator).post(
        f"/reports/{report.pk}/actions", {"kind": "suspend", "reason": "x", "days": 2}
    )
    assert suspended.status_code == 201 and suspended.json()["until"]


def test_dismiss_through_the_api(member, group_world):
    report = Report.objects.create(
        reporter=member, member=group_world.writer, post=group_world.post, group=group_world.harbour, reason="spam"
    )
    response = Api(group_world.moderator).post(f"/reports/{report.pk}/actions", {"kind": "dismiss"})
    assert response.status_code == 200 and response.json()["status"] == "dismissed"
    again = Api(group_world.moderator).post(f"/reports/{report.pk}/actions", {"kind": "dismiss"})
    assert again.status_code == 400


def test_my_moderation_and_appeal_through_the_api(member, group_world):
    action = ModerationAction.objects.create(
        moderator=group_world.moderator, member=member, kind="warn", reason="Be kind."
    )
    ModerationAction.objects.create(
        moderator=group_world.moderator, member=group_world.writer, kind="warn", reason="Other."
    )
    api = Api(member)
    mine = api.get("/me/moderation").json()
    assert [a["reason"] for a in mine] == ["Be kind."] and mine[0]["appeal_status"] is None
    assert api.post(f"/me/moderation/{action.pk}/appeal", {"text": ""}).status_code == 400
    response = api.post(f"/me/moderation/{action.pk}/appeal", {"text": "I meant well."})
    assert response.status_code == 201 and response.json()["status"] == "open"
    assert api.post(f"/me/moderation/{action.pk}/appeal", {"text": "Again"}).status_code == 400
    assert api.get("/me/moderation").json()[0]["appeal_status"] == "open"
    other = ModerationAction.objects.get(member=group_world.writer)
    assert api.post(f"/me/moderation/{other.pk}/appeal", {"text": "x"}).status_code == 404
    assert Appeal.objects.count() == 1


def test_blocks_through_the_api(member, group_world):
    api = Api(member)
    assert api.post("/me/blocks", {"username": "writer"}).status_code == 201
    assert api.post("/me/blocks", {"username": "writer"}).status_code == 201  # harmless twice
    assert [b["username"] for b in api.get("/me/blocks").json()] == ["writer"]
    assert not Post.objects.visible_to(member).filter(pk=group_world.post.pk).exists()
    assert api.post("/me/blocks", {"username": "member"}).status_code == 400
    # A name nobody has is blocked alike (kept for whoever takes it), so the answer tells no one who is a member.
    assert api.post("/me/blocks", {"username": "nobody"}).status_code == 201
    assert api.post("/me/blocks", {"username": "writer", "x": 1}).status_code == 400
    assert api.delete("/me/blocks/writer").status_code == 204
    assert api.delete("/me/blocks/writer").status_code == 404
    assert api.delete("/me/blocks/nobody").status_code == 204
    assert not Block.objects.exists()


def test_anonymous_callers_get_401(client, group_world):
    for url in ("/api/v1/reports", "/api/v1/me/blocks", "/api/v1/me/moderation"):
        assert client.get(url).status_code == 401

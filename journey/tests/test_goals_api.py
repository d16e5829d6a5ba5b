"""/api/v1/me/goals: goals and their steps for the member's own apps."""

from datetime import timedelta

import pytest
from django.test import Client

from accounts.services import create_api_token
from journey.models import Goal, GoalStep, today_for
from journey.services import goals as services

pytestmark = pytest.mark.django_db

URL = "/api/v1/me/goals"


class Caller:
    """The API as a member's phone app sees it."""

    def __init__(self, token):
        self.client, self.auth = Client(), f"Bearer {token}"

    def get(self, path):
        return self.client.get(path, HTTP_AUTHORIZATION=self.auth)

    def post(self, path, data):
        return self.client.post(path, data, content_type="application/json", HTTP_AUTHORIZATION=self.auth)

    def patch(self, path, data):
        return self.client.patch(path, data, content_type="application/json", HTTP_AUTHORIZATION=self.auth)

    def delete(self, path):
        return self.client.delete(path, HTTP_AUTHORIZATION=self.auth)


@pytest.fixture
def api(member):
    return Caller(create_api_token(member, name="phone")[1])


@pytest.fixture
def outsider_api(outsider):
    return Caller(create_api_token(outsider, name="phone")[1])


@pytest.fixture
def goal(member):
    return services.create_goal(member, today=today_for(member), domain="purpose", title="Finish the course")


def test_anonymous_callers_get_401_everywhere(client, goal):
    step = services.add_step(goal, text="Enrol")
    calls = [
        ("get", URL),
        ("post", URL),
        ("get", f"{URL}/{goal.pk}"),
        ("patch", f"{URL}/{goal.pk}"),
        ("delete", f"{URL}/{goal.pk}"),
        ("post", f"{URL}/{goal.pk}/steps"),
        ("patch", f"{URL}/{goal.pk}/steps/{step.pk}"),
        ("delete", f"{URL}/{goal.pk}/steps/{step.pk}"),
    ]
    for method, path in calls:
        response = getattr(client, method)(path, content_type="application/json")
        assert response.status_code == 401, (method, path)
    assert Goal.objects.count() == 1 and GoalStep.objects.count() == 1


def test_another_member_gets_404_for_my_goal_and_its_steps(outsider_api, goal):
    step = services.add_step(goal, text="Enrol")
    assert outsider_api.get(URL).json() == []
    assert outsider_api.get(f"{URL}/{goal.pk}").status_code == 404
    assert outsider_api.patch(f"{URL}/{goal.pk}", {"title": "Mine"}).status_code == 404
    assert outsider_api.delete(f"{URL}/{goal.pk}").status_code == 404
    assert outsider_api.post(f"{URL}/{goal.pk}/steps", {"text": "x"}).status_code == 404
    assert outsider_api.patch(f"{URL}/{goal.pk}/steps/{step.pk}", {"done": True}).status_code == 404
    assert outsider_api.delete(f"{URL}/{goal.pk}/steps/{step.pk}").status_code == 404
    response = outsider_api.get(f"{URL}/{goal.pk}")
    assert response.json() == {"message": "Not found."}
    assert Goal.objects.get(pk=goal.pk).title == "Finish the course" and GoalStep.objects.get(pk=step.pk).done is False


def test_a_step_must_belong_to_the_goal_in_the_path(api, member, goal):
    other = services.create_goal(member, today=today_for(member), domain="home", title="Other")
    step = services.add_step(other, text="Elsewhere")
    assert api.patch(f"{URL}/{goal.pk}/steps/{step.pk}", {"done": True}).status_code == 404
    assert api.delete(f"{URL}/{goal.pk}/steps/{step.pk}").status_code == 404


def test_create_list_and_read_a_goal(api, member):
    target = today_for(member) + timedelta(days=90)
    response = api.post(URL, {"domain": "health", "title": "Run 5k", "target_date": target.isoformat(), "why": "me"})
    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in ("domain", "title", "why", "target_date", "progress", "status")} == {
        "domain": "health",
        "title": "Run 5k",
        "why": "me",
        "target_date": target.isoformat(),
        "progress": 0,
        "status": "active",
    }
    assert body["steps"] == [] and (body["steps_done"], body["steps_total"]) == (0, 0)
    assert api.get(URL).json() == [body]
    assert api.get(f"{URL}/{body['id']}").json() == body


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": "t" * 121}, "title"),
        ({"domain": "money"}, "domain"),
        ({"target_date": "PAST"}, "target_date"),
        ({"target_date": "2026-02-30"}, "target_date"),
        ({"progress": 101}, "progress"),
        ({"progress": -1}, "progress"),
        ({"progress": True}, "progress"),
        ({"progress": "50"}, "progress"),
        ({"status": "done"}, "status"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_values_answer_400_naming_the_field(api, member, payload, field):
    body = {"domain": "home", "title": "Tidy up", **payload}
    if body.get("target_date") == "PAST":
        body["target_date"] = (today_for(member) - timedelta(days=1)).isoformat()
    response = api.post(URL, body)
    assert response.status_code == 400
    assert field in response.json()["message"]
    assert not Goal.objects.exists()


def test_patch_changes_only_what_is_sent_and_may_use_a_past_date(api, member, goal):
    past = today_for(member) - timedelta(days=3)
    response = api.patch(f"{URL}/{goal.pk}", {"target_date": past.isoformat(), "progress": 30})
    assert response.status_code == 200
    body = response.json()
    assert (body["title"], body["target_date"], body["progress"]) == ("Finish the course", past.isoformat(), 30)
    assert api.patch(f"{URL}/{goal.pk}", {"target_date": None}).json()["target_date"] is None
    for bad in ({"title": None}, {"progress": None}, {"status": "later"}, {"progress": 1000}, {"domain": "x"}):
        response = api.patch(f"{URL}/{goal.pk}", bad)
        assert response.status_code == 400 and next(iter(bad)) in response.json()["message"], bad


def test_marking_a_goal_done_sets_progress_to_100(api, goal):
    body = api.patch(f"{URL}/{goal.pk}", {"status": "done"}).json()
    assert (body["status"], body["progress"]) == ("done", 100)


def test_steps_drive_progress_and_can_be_reordered(api, goal):
    for text in ["Enrol", "Buy books", "Sit the exam"]:
        response = api.post(f"{URL}/{goal.pk}/steps", {"text": text})
        assert response.status_code == 201
    body = response.json()
    enrol, books, exam = body["steps"]
    assert [s["position"] for s in body["steps"]] == [0, 1, 2] and body["steps_total"] == 3
    body = api.patch(f"{URL}/{goal.pk}/steps/{enrol['id']}", {"done": True}).json()
    assert (body["progress"], body["steps_done"]) == (33, 1) and body["steps"][0]["done_at"]
    body = api.patch(f"{URL}/{goal.pk}/steps/{exam['id']}", {"position": 0, "text": "Pass the exam"}).json()
    assert [s["text"] for s in body["steps"]] == ["Pass the exam", "Enrol", "Buy books"]
    body = api.patch(f"{URL}/{goal.pk}/steps/{exam['id']}", {"position": 99}).json()
    assert [s["text"] for s in body["steps"]] == ["Enrol", "Buy books", "Pass the exam"]
    assert api.delete(f"{URL}/{goal.pk}/steps/{books['id']}").status_code == 204
    body = api.get(f"{URL}/{goal.pk}").json()
    assert body["progress"] == 50 and [s["text"] for s in body["steps"]] == ["Enrol", "Pass the exam"]


def test_bad_step_values_answer_400_naming_the_field(api, goal):
    step = services.add_step(goal, text="Enrol")
    for payload, field in [({"text": ""}, "text"), ({"text": "s" * 201}, "text"), ({"txt": "a"}, "txt")]:
        response = api.post(f"{URL}/{goal.pk}/steps", payload)
        assert response.status_code == 400 and field in response.json()["message"], payload
    for payload, field in [
        ({"position": -1}, "position"),
        ({"position": 1.5}, "position"),
        ({"done": None}, "done"),
        ({"done": "perhaps"}, "done"),
        ({"text": "  "}, "text"),
        ({"order": 1}, "order"),
    ]:
        response = api.patch(f"{URL}/{goal.pk}/steps/{step.pk}", payload)
        assert response.status_code == 400 and field in response.json()["message"], payload
    assert GoalStep.objects.get(pk=step.pk).text == "Enrol"


def test_the_31st_step_is_refused(api, goal):
    for n in range(30):
        services.add_step(goal, text=f"step {n}")
    response = api.post(f"{URL}/{goal.pk}/steps", {"text": "one more"})
    assert response.status_code == 400 and "text" in response.json()["message"]
    assert goal.steps.count() == 30


def test_deleting_a_goal(api, goal):
    services.add_step(goal, text="Enrol")
    assert api.delete(f"{URL}/{goal.pk}").status_code == 204
    assert not Goal.objects.exists() and not GoalStep.objects.exists()
    assert api.get(f"{URL}/{goal.pk}").status_code == 404


def test_a_new_goals_target_date_is_checked_in_the_members_time_zone(api, member):
    member.time_zone = "Pacific/Kiritimati"
    member.save(update_fields=["time_zone"])
    today = today_for(member)
    response = api.post(URL, {"domain": "home", "title": "Paint", "target_date": today.isoformat()})
    assert response.status_code == 201
    response = api.post(URL, {"domain": "home", "title": "Paint", "target_date": (today - timedelta(1)).isoformat()})
    assert response.status_code == 400 and "target_date" in response.json()["message"]

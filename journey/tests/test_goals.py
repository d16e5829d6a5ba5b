"""Goals pages (/me/recovery/goals/…) and the rules of `services.goals`, as a member would use them."""

import re
from datetime import timedelta

import pytest
from django.test import Client

from journey.models import Goal, GoalStatus, GoalStep, today_for
from journey.services import goals as services
from journey.services.sharing import share_item

pytestmark = pytest.mark.django_db

LIST = "/me/recovery/goals/"


@pytest.fixture
def goal(member):
    return services.create_goal(
        member, today=today_for(member), domain="health", title="Walk three times a week", why="For my heart"
    )


def _h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def _steps(goal, *texts):
    return [services.add_step(goal, text=text) for text in texts]


def _fresh(goal) -> Goal:
    return Goal.objects.get(pk=goal.pk)


# Who may see what


def test_anonymous_visitors_are_sent_to_log_in(client, goal):
    for path in [LIST, f"{LIST}{goal.pk}/", f"{LIST}{goal.pk}/delete/"]:
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path
    for path in [LIST, f"{LIST}{goal.pk}/", f"{LIST}{goal.pk}/delete/"]:
        assert client.post(path, {"title": "x", "domain": "home", "action": "save"}).status_code == 302, path
    assert Goal.objects.get(pk=goal.pk).title == "Walk three times a week"  # encrypted: compared in Python
    assert Goal.objects.count() == 1


def test_another_member_gets_404_for_my_goal_and_cannot_change_it(outsider_client, goal):
    (step,) = _steps(goal, "Buy shoes")
    for path in [f"{LIST}{goal.pk}/", f"{LIST}{goal.pk}/delete/"]:
        assert outsider_client.get(path).status_code == 404, path
    assert outsider_client.post(f"{LIST}{goal.pk}/delete/").status_code == 404
    for action in ["save", "add_step", "toggle", "delete_step", "up", "down", "reached"]:
        response = outsider_client.post(f"{LIST}{goal.pk}/", {"action": action, "step": step.pk, "title": "Mine"})
        assert response.status_code == 404, action
    assert _fresh(goal).title == "Walk three times a week" and GoalStep.objects.get(pk=step.pk).done is False
    assert f'href="{LIST}{goal.pk}/"' not in outsider_client.get(LIST).content.decode()


def test_a_step_of_someone_elses_goal_is_not_found_from_my_goal(member_client, outsider, goal):
    theirs = services.create_goal(outsider, today=today_for(outsider), domain="home", title="Theirs")
    (their_step,) = _steps(theirs, "Their step")
    for step in [their_step.pk, "", "abc"]:
        response = member_client.post(f"{LIST}{goal.pk}/", {"action": "toggle", "step": step})
        assert response.status_code == 404, step
    assert GoalStep.objects.get(pk=their_step.pk).done is False


# The list


def test_goals_are_grouped_by_domain_with_progress_target_and_steps(member_client, member, goal):
    target = today_for(member) + timedelta(days=20)
    other = services.create_goal(
        member, today=today_for(member), domain="community", title="Call Sam", target_date=target
    )
    _steps(goal, "Buy shoes", "First walk")
    services.toggle_step(goal.steps.first())
    response = member_client.get(LIST)
    html = response.content.decode()
    assert response.status_code == 200 and _h1_count(html) == 1 and 'href="/help/"' in html
    assert "<script>" not in html and "style=" not in html
    for domain in ["Health", "Home", "Purpose", "Community"]:
        assert f">{domain}</h2>" in html
    assert html.index(">Health</h2>") < html.index("Walk three times") < html.index(">Home</h2>")
    assert html.index(">Community</h2>") < html.index("Call Sam")
    assert f'<progress id="progress-{goal.pk}" max="100" value="50"' in html and "50% there" in html
    assert "1 of 2 steps done" in html
    assert f'href="/me/recovery/goals/{other.pk}/"' in html and "target " in html
    assert "No goal here yet." in html  # home and purpose


def test_adding_a_goal(member_client, member):
    target = today_for(member) + timedelta(days=30)
    response = member_client.post(
        LIST, {"title": "  Cook at home  ", "domain": "home", "target_date": target.isoformat(), "why": "Money"}
    )
    goal = Goal.objects.get(user=member)
    assert response.status_code == 302 and response["Location"] == f"{LIST}{goal.pk}/"
    assert (goal.title, goal.domain, goal.target_date, goal.progress, goal.status) == (
        "Cook at home",
        "home",
        target,
        0,
        GoalStatus.ACTIVE,
    )


def test_adding_a_goal_with_bad_values_shows_errors_next_to_the_fields(member_client, member):
    past = today_for(member) - timedelta(days=1)
    response = member_client.post(LIST, {"title": "   ", "domain": "money", "target_date": past.isoformat()})
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("title", "domain"):
        assert f'id="id_{field}_error"' in html, field
    assert not Goal.objects.exists()
    response = member_client.post(LIST, {"title": "Sleep", "domain": "health", "target_date": past.isoformat()})
    html = response.content.decode()
    assert 'id="id_target_date_error"' in html and "from today on" in html
    html = member_client.post(LIST, {"title": "t" * 121, "domain": "health"}).content.decode()
    assert 'id="id_title_error"' in html
    assert not Goal.objects.exists()


def test_the_target_date_is_checked_against_the_members_own_date(member):
    member.time_zone = "Pacific/Kiritimati"  # UTC+14: often a day ahead of UTC
    member.save(update_fields=["time_zone"])
    today = today_for(member)
    with pytest.raises(services.ValidationError) as error:
        services.create_goal(member, today=today, domain="home", title="x", target_date=today - timedelta(days=1))
    assert "target_date" in error.value.message_dict
    assert services.create_goal(member, today=today, domain="home", title="x", target_date=today).target_date == today


# One goal's page


def test_the_goal_page_shows_the_goal_its_steps_and_a_share_link(member_client, goal):
    _steps(goal, "Buy shoes")
    html = member_client.get(f"{LIST}{goal.pk}/").content.decode()
    assert _h1_count(html) == 1 and "<h1>Walk three times a week</h1>" in html
    assert "For my heart" in html and "Buy shoes" in html
    assert f'href="/me/recovery/share/goal/{goal.pk}/?next=' in html and "(private)" in html
    assert 'for="id_text"' in html and 'for="id_progress"' in html and 'for="id_status"' in html
    assert "<script>" not in html and "style=" not in html


def test_adding_ticking_moving_and_deleting_steps_from_the_page(member_client, goal):
    page = f"{LIST}{goal.pk}/"
    for text in ["Buy shoes", "Walk to the corner", "Walk to the park"]:
        response = member_client.post(page, {"action": "add_step", "text": text})
        assert response.status_code == 302 and response["Location"] == f"{page}#steps"
    first, second, third = goal.steps.all()
    member_client.post(page, {"action": "toggle", "step": first.pk})
    assert _fresh(goal).progress == 33
    member_client.post(page, {"action": "toggle", "step": second.pk})
    assert _fresh(goal).progress == 67
    member_client.post(page, {"action": "toggle", "step": second.pk})  # untick
    assert _fresh(goal).progress == 33 and GoalStep.objects.get(pk=second.pk).done_at is None
    member_client.post(page, {"action": "up", "step": third.pk})
    assert [s.text for s in _fresh(goal).steps.all()] == ["Buy shoes", "Walk to the park", "Walk to the corner"]
    member_client.post(page, {"action": "down", "step": first.pk})
    assert [s.text for s in _fresh(goal).steps.all()] == ["Walk to the park", "Buy shoes", "Walk to the corner"]
    member_client.post(page, {"action": "up", "step": second.pk})
    member_client.post(page, {"action": "up", "step": second.pk})
    member_client.post(page, {"action": "up", "step": second.pk})  # already first: stays
    assert [s.text for s in _fresh(goal).steps.all()] == ["Walk to the corner", "Walk to the park", "Buy shoes"]
    member_client.post(page, {"action": "delete_step", "step": second.pk})
    assert [s.text for s in _fresh(goal).steps.all()] == ["Walk to the park", "Buy shoes"]
    assert _fresh(goal).progress == 50
    html = member_client.get(page).content.decode()
    assert "1 of 2 steps done" in html and "Not done yet" in html


def test_an_empty_or_long_step_shows_the_error_next_to_it(member_client, goal):
    for text in ["   ", "s" * 201]:
        response = member_client.post(f"{LIST}{goal.pk}/", {"action": "add_step", "text": text})
        assert response.status_code == 200 and 'id="id_text_error"' in response.content.decode()
    assert not goal.steps.exists()


def test_a_goal_holds_at_most_30_steps(member_client, goal):
    _steps(goal, *[f"step {n}" for n in range(30)])
    html = member_client.post(f"{LIST}{goal.pk}/", {"action": "add_step", "text": "one more"}).content.decode()
    assert 'id="id_text_error"' in html and "up to 30 steps" in html
    assert goal.steps.count() == 30
    assert "the most it can hold" in member_client.get(f"{LIST}{goal.pk}/").content.decode()


def test_editing_a_goal_may_keep_a_target_date_that_has_passed(member_client, member, goal):
    past = today_for(member) - timedelta(days=10)
    response = member_client.post(
        f"{LIST}{goal.pk}/",
        {
            "action": "save",
            "title": "Walk twice a week",
            "domain": "health",
            "target_date": past.isoformat(),
            "why": "",
            "progress": "40",
            "status": "active",
        },
    )
    assert response.status_code == 302
    goal = _fresh(goal)
    assert (goal.title, goal.target_date, goal.progress, goal.why) == ("Walk twice a week", past, 40, "")


def test_editing_with_bad_values_shows_errors_and_saves_nothing(member_client, goal):
    response = member_client.post(
        f"{LIST}{goal.pk}/",
        {"action": "save", "title": "", "domain": "health", "progress": "140", "status": "maybe"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("title", "progress", "status"):
        assert f'id="id_{field}_error"' in html, field
    assert _fresh(goal).title == "Walk three times a week"


def test_progress_set_by_hand_holds_until_the_steps_change(member_client, member, goal):
    first, _second = _steps(goal, "a", "b")
    services.update_goal(goal, today=today_for(member), progress=80)
    assert _fresh(goal).progress == 80
    services.toggle_step(first)
    assert _fresh(goal).progress == 50


def test_reaching_a_goal_marks_it_done_at_100_percent(member_client, goal):
    _steps(goal, "a", "b")
    response = member_client.post(f"{LIST}{goal.pk}/", {"action": "reached"})
    assert response.status_code == 302
    goal = _fresh(goal)
    assert (goal.status, goal.progress) == (GoalStatus.DONE, 100)
    assert "You reached" in member_client.get(f"{LIST}{goal.pk}/").content.decode()
    services.toggle_step(goal.steps.first())  # ticking a step of a reached goal keeps it at 100
    assert _fresh(goal).progress == 100


def test_reopening_a_reached_goal_with_steps_follows_its_steps_again(member, goal):
    first, _second = _steps(goal, "a", "b")
    services.toggle_step(first)
    services.mark_reached(goal, today=today_for(member))
    services.update_goal(_fresh(goal), today=today_for(member), status=GoalStatus.ACTIVE)
    assert _fresh(goal).progress == 50


def test_every_change_moves_updated_at(member, goal):
    stamps = [_fresh(goal).updated_at]
    (step,) = _steps(goal, "a")
    stamps.append(_fresh(goal).updated_at)
    services.toggle_step(step)
    stamps.append(_fresh(goal).updated_at)
    services.update_goal(goal, today=today_for(member), title="b")
    stamps.append(_fresh(goal).updated_at)
    services.delete_step(step)
    stamps.append(_fresh(goal).updated_at)
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)


def test_deleting_a_goal_asks_first_then_deletes_it_with_its_steps(member_client, goal):
    _steps(goal, "a")
    page = member_client.get(f"{LIST}{goal.pk}/delete/")
    html = page.content.decode()
    assert page.status_code == 200 and _h1_count(html) == 1 and "set it aside" in html
    response = member_client.post(f"{LIST}{goal.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == LIST
    assert not Goal.objects.exists() and not GoalStep.objects.exists()


def test_a_shared_goal_shows_its_progress_read_only_to_the_person_it_is_shared_with(member, sponsor, goal):
    _steps(goal, "Buy shoes", "First walk")
    services.toggle_step(goal.steps.first())
    share = share_item(member, goal, to_user=sponsor)
    viewer = Client()
    viewer.force_login(sponsor)
    html = viewer.get(f"/shared-with-me/{share.pk}/").content.decode()
    assert "Walk three times a week" in html and 'value="50"' in html and "Buy shoes" in html
    assert "/me/recovery/goals/" not in html and '<form method="post"' not in html.split("<main")[-1]
    assert "For my heart" not in html  # the reasons stay private

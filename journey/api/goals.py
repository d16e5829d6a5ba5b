"""The member's goals at /api/v1/me/goals: the same access and service functions as the pages."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.errors import ValidationError
from ninja.responses import Status
from pydantic import StrictInt

from ..access import get_own
from ..models import Domain, Goal, GoalStatus, today_for
from ..services import goals as services

router = Router(tags=["my recovery"])


class StepOut(Schema):
    id: int
    text: str
    done: bool
    position: int
    done_at: datetime | None


class GoalOut(Schema):
    id: int
    domain: str = Field(..., description=f"One of {', '.join(Domain.values)}.")
    title: str
    why: str
    target_date: date | None
    progress: int = Field(..., description="0–100; follows the share of steps done when steps change.")
    status: str = Field(..., description=f"One of {', '.join(GoalStatus.values)}.")
    steps_done: int
    steps_total: int
    steps: list[StepOut]
    created_at: datetime
    updated_at: datetime


class GoalIn(Schema):
    model_config = {"extra": "forbid"}

    domain: str = Field(..., description=f"One of {', '.join(Domain.values)}.")
    title: str = Field(..., max_length=services.MAX_TITLE)
    why: str = Field("", max_length=services.MAX_TEXT)
    target_date: date | None = Field(None, description="Today or later, in the member's time zone.")
    progress: StrictInt = Field(0, ge=0, le=100)


class GoalPatch(Schema):
    model_config = {"extra": "forbid"}

    domain: str | None = None
    title: str | None = Field(None, max_length=services.MAX_TITLE)
    why: str | None = Field(None, max_length=services.MAX_TEXT)
    target_date: date | None = Field(None, description="May be in the past when editing; null clears it.")
    progress: StrictInt | None = Field(None, ge=0, le=100)
    status: str | None = Field(None, description=f"One of {', '.join(GoalStatus.values)}; done sets progress 100.")


class StepIn(Schema):
    model_config = {"extra": "forbid"}

    text: str = Field(..., max_length=services.MAX_STEP)


class StepPatch(Schema):
    model_config = {"extra": "forbid"}

    text: str | None = Field(None, max_length=services.MAX_STEP)
    done: bool | None = None
    position: StrictInt | None = Field(None, ge=0, description="Move the step to this place in the list (0 is first).")


def _goal_out(goal: Goal) -> dict:
    steps = list(goal.steps.all())
    return {
        "id": goal.pk,
        "domain": goal.domain,
        "title": goal.title,
        "why": goal.why,
        "target_date": goal.target_date,
        "progress": goal.progress,
        "status": goal.status,
        "steps_done": sum(1 for step in steps if step.done),
        "steps_total": len(steps),
        "steps": steps,
        "created_at": goal.created_at,
        "updated_at": goal.updated_at,
    }


def _own_goal(user, goal_id: int) -> Goal:
    return get_own(Goal.objects.prefetch_related("steps"), user, goal_id)


def _no_nulls(changes: dict, names: tuple[str, ...]) -> None:
    for name in names:
        if name in changes and changes[name] is None:
            raise ValidationError([{"loc": ("body", name), "msg": "must not be null"}])


@router.get("/me/goals", response=list[GoalOut], summary="My goals")
def list_goals(request):
    return [_goal_out(goal) for goal in services.goals_for(request.auth)]


@router.post("/me/goals", response={201: GoalOut}, summary="Set a goal")
def create_goal(request, payload: GoalIn):
    goal = services.create_goal(request.auth, today=today_for(request.auth), **payload.model_dump())
    return Status(201, _goal_out(_own_goal(request.auth, goal.pk)))


@router.get("/me/goals/{goal_id}", response=GoalOut, summary="One of my goals, with its steps")
def get_goal(request, goal_id: int):
    return _goal_out(_own_goal(request.auth, goal_id))


@router.patch("/me/goals/{goal_id}", response=GoalOut, summary="Change a goal (status done marks it reached)")
def update_goal(request, goal_id: int, payload: GoalPatch):
    goal = _own_goal(request.auth, goal_id)
    changes = payload.model_dump(exclude_unset=True)
    _no_nulls(changes, ("domain", "title", "progress", "status"))
    if "why" in changes and changes["why"] is None:
        changes["why"] = ""
    services.update_goal(goal, today=today_for(request.auth), **changes)
    return _goal_out(_own_goal(request.auth, goal_id))


@router.delete("/me/goals/{goal_id}", response={204: None}, summary="Delete a goal and its steps")
def delete_goal(request, goal_id: int):
    services.delete_goal(get_own(Goal, request.auth, goal_id))
    return Status(204, None)


@router.post("/me/goals/{goal_id}/steps", response={201: GoalOut}, summary="Add a step to a goal (at the end)")
def add_step(request, goal_id: int, payload: StepIn):
    goal = get_own(Goal, request.auth, goal_id)
    services.add_step(goal, text=payload.text)
    return Status(201, _goal_out(_own_goal(request.auth, goal_id)))


@router.patch(
    "/me/goals/{goal_id}/steps/{step_id}", response=GoalOut, summary="Change a step: its words, done, or its place"
)
def update_step(request, goal_id: int, step_id: int, payload: StepPatch):
    goal = get_own(Goal, request.auth, goal_id)
    step = get_object_or_404(goal.steps.all(), pk=step_id)
    changes = payload.model_dump(exclude_unset=True)
    _no_nulls(changes, ("text", "done", "position"))
    services.update_step(step, **changes)
    return _goal_out(_own_goal(request.auth, goal_id))


@router.delete("/me/goals/{goal_id}/steps/{step_id}", response={204: None}, summary="Delete a step")
def delete_step(request, goal_id: int, step_id: int):
    goal = get_own(Goal, request.auth, goal_id)
    services.delete_step(get_object_or_404(goal.steps.all(), pk=step_id))
    return Status(204, None)

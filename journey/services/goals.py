"""Every write to a member's goals and their steps, for the pages and the API alike.

Each function checks its own rules and raises `django.core.exceptions.ValidationError` keyed by field name. `today`
is the member's date (`today_for`), a parameter so that tests never patch the clock.

Progress, kept simple:
- A goal's progress is a whole percentage 0–100 that the member may set at any time.
- When steps change (added, ticked, unticked, deleted), progress becomes the share of steps done, rounded; a
  hand-set value holds until the steps next change.
- A reached goal (status "done") is at 100 whatever its steps say; reopening a goal that has steps puts its
  progress back to the share of steps done.
Every write to a goal or one of its steps moves the goal's `updated_at`.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Domain, Goal, GoalStatus, GoalStep

GOAL_FIELDS = ("domain", "title", "why", "target_date", "progress", "status")
MAX_TITLE = 120
MAX_STEP = 200
MAX_STEPS = 30
MAX_TEXT = 4000


def _clean(values: dict) -> dict:
    values["title"] = (values.get("title") or "").strip()
    values["why"] = (values.get("why") or "").strip()
    return values


def _check_goal(values: dict, *, today: date, editing: bool) -> None:
    errors: dict[str, str] = {}
    if not values["title"]:
        errors["title"] = _("Give your goal a short name.")
    elif len(values["title"]) > MAX_TITLE:
        errors["title"] = _("Keep the goal to %(count)d characters.") % {"count": MAX_TITLE}
    if values["domain"] not in Domain.values:
        errors["domain"] = _("Choose a domain from the list.")
    if values["status"] not in GoalStatus.values:
        errors["status"] = _("Choose a status from the list.")
    target = values["target_date"]
    # A goal being edited may keep (or be given) a date that has passed: life moves at its own pace.
    if target is not None and target < today and not editing:
        errors["target_date"] = _("Choose a target date from today on.")
    progress = values["progress"]
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        errors["progress"] = _("Progress is a number from 0 to 100.")
    if len(values["why"]) > MAX_TEXT:
        errors["why"] = _("Keep this to %(count)d characters.") % {"count": MAX_TEXT}
    if errors:
        raise ValidationError(errors)


def _share_done(goal: Goal) -> int | None:
    """The rounded percentage of the goal's steps that are done, or None without steps. One query."""
    steps = list(goal.steps.values_list("done", flat=True))
    if not steps:
        return None
    return round(100 * sum(steps) / len(steps))


def _forget_steps(goal: Goal) -> None:
    # The goal may carry prefetched steps; after a write they are stale.
    getattr(goal, "_prefetched_objects_cache", {}).pop("steps", None)


def _touch(goal: Goal, *, follow_steps: bool) -> None:
    """Save `updated_at` and, when the steps changed, progress as the share of steps done."""
    goal.updated_at = timezone.now()
    fields = ["updated_at"]
    if goal.status == GoalStatus.DONE:
        goal.progress = 100
        fields.append("progress")
    elif follow_steps:
        share = _share_done(goal)
        if share is not None:
            goal.progress = share
            fields.append("progress")
    goal.save(update_fields=fields)
    _forget_steps(goal)


def goals_for(user):
    """All the member's goals with their steps prefetched, in the model's order. Two queries."""
    return Goal.objects.owned_by(user).prefetch_related("steps")


def create_goal(
    user,
    *,
    today: date,
    domain: str,
    title: str,
    why: str = "",
    target_date: date | None = None,
    progress: int = 0,
) -> Goal:
    """A new goal the member is working on. Its target date, if any, is today or later."""
    values = _clean(
        {
            "domain": domain,
            "title": title,
            "why": why,
            "target_date": target_date,
            "progress": progress,
            "status": GoalStatus.ACTIVE,
        }
    )
    _check_goal(values, today=today, editing=False)
    return Goal.objects.create(user=user, **values)


def update_goal(goal: Goal, *, today: date, **changes) -> Goal:
    """Change some of a goal's fields. Status "done" sets progress to 100; see the module's note on progress."""
    unknown = set(changes) - set(GOAL_FIELDS)
    if unknown:
        raise ValueError(f"not goal fields: {sorted(unknown)}")
    values = _clean({**{name: getattr(goal, name) for name in GOAL_FIELDS}, **changes})
    _check_goal(values, today=today, editing=True)
    reopened = goal.status == GoalStatus.DONE and values["status"] != GoalStatus.DONE
    with transaction.atomic():
        for name in GOAL_FIELDS:
            setattr(goal, name, values[name])
        goal.save(update_fields=list(GOAL_FIELDS))
        _touch(goal, follow_steps=reopened and "progress" not in changes)
    return goal


def mark_reached(goal: Goal, *, today: date) -> Goal:
    return update_goal(goal, today=today, status=GoalStatus.DONE)


def delete_goal(goal: Goal) -> None:
    """Delete the goal with its steps (and withdraw anything shared of it)."""
    goal.delete()


def _check_step_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the step in a few words.")})
    if len(text) > MAX_STEP:
        raise ValidationError({"text": _("Keep a step to %(count)d characters.") % {"count": MAX_STEP}})
    return text


def add_step(goal: Goal, *, text: str) -> GoalStep:
    """A new step at the end of the goal's list (at most 30 steps). Progress follows the steps."""
    text = _check_step_text(text)
    with transaction.atomic():
        if goal.steps.count() >= MAX_STEPS:
            raise ValidationError({"text": _("A goal can have up to %(count)d steps.") % {"count": MAX_STEPS}})
        last = goal.steps.aggregate(last=Max("position"))["last"]
        step = GoalStep.objects.create(goal=goal, text=text, position=0 if last is None else last + 1)
        _touch(goal, follow_steps=True)
    return step


def _renumber(goal: Goal, ordered: list[GoalStep]) -> None:
    for position, step in enumerate(ordered):
        step.position = position
    GoalStep.objects.bulk_update(ordered, ["position"])


def update_step(step: GoalStep, *, text: str | None = None, done: bool | None = None, position: int | None = None):
    """Change a step's words, tick it done or not, or move it to `position` (0 is first, past the end is last)."""
    goal = step.goal
    with transaction.atomic():
        fields = []
        if text is not None:
            step.text = _check_step_text(text)
            fields.append("text")
        if done is not None and done != step.done:
            step.done = done
            step.done_at = timezone.now() if done else None
            fields += ["done", "done_at"]
        if fields:
            step.save(update_fields=fields)
        if position is not None:
            if position < 0:
                raise ValidationError({"position": _("The position is 0 or more.")})
            others = [s for s in goal.steps.all() if s.pk != step.pk]
            others.insert(min(position, len(others)), step)
            _renumber(goal, others)
        _touch(goal, follow_steps="done" in fields)
    return step


def toggle_step(step: GoalStep) -> GoalStep:
    return update_step(step, done=not step.done)


def move_step(step: GoalStep, offset: int) -> GoalStep:
    """Move a step up (-1) or down (+1) the list; nothing happens past either end."""
    ordered = list(step.goal.steps.all())
    index = next(i for i, s in enumerate(ordered) if s.pk == step.pk)
    return update_step(step, position=max(0, index + offset))


def delete_step(step: GoalStep) -> None:
    goal = step.goal
    with transaction.atomic():
        step.delete()
        _touch(goal, follow_steps=True)

"""Pages of My recovery: goals in the four domains, each with steps, a target date and progress."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from ..access import get_own
from ..forms.goals import GoalEditForm, GoalForm, StepForm, add_service_errors
from ..models import Domain, Goal, GoalStatus, today_for
from ..services import goals as services

STEP_ACTIONS = {"toggle", "delete_step", "up", "down"}


def _steps_done(goal: Goal) -> tuple[int, int]:
    steps = goal.steps.all()  # prefetched
    return sum(1 for step in steps if step.done), len(steps)


@login_required
def goal_list(request):
    today = today_for(request.user)
    form = GoalForm(request.POST or None, initial={"domain": request.GET.get("domain", Domain.HEALTH)})
    if request.method == "POST" and form.is_valid():
        try:
            goal = services.create_goal(request.user, today=today, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("Your goal “%(title)s” is set. Add its first step when you are ready.") % {"title": goal.title},
            )
            return redirect("journey:goal", goal.pk)
    goals = list(services.goals_for(request.user))
    domains = [
        (domain, [(goal, *_steps_done(goal)) for goal in goals if goal.domain == domain.value]) for domain in Domain
    ]
    return render(request, "journey/goals/list.html", {"domains": domains, "form": form, "today": today})


def _step_action(request, goal: Goal, action: str) -> str:
    step_id = request.POST.get("step", "")
    step = get_object_or_404(goal.steps.all(), pk=int(step_id) if step_id.isdigit() else 0)
    if action == "toggle":
        services.toggle_step(step)
        return _("Step ticked off. Well done.") if step.done else _("Step marked as not done yet.")
    if action == "delete_step":
        services.delete_step(step)
        return _("Step deleted.")
    services.move_step(step, -1 if action == "up" else 1)
    return _("Step moved.")


@login_required
def goal_detail(request, goal_id):
    goal = get_own(Goal.objects.prefetch_related("steps"), request.user, goal_id)
    today = today_for(request.user)
    action = request.POST.get("action", "save") if request.method == "POST" else None
    initial = {name: getattr(goal, name) for name in services.GOAL_FIELDS}
    form = GoalEditForm(request.POST if action == "save" else None, initial=initial)
    step_form = StepForm(request.POST if action == "add_step" else None)
    if action in STEP_ACTIONS:
        messages.success(request, _step_action(request, goal, action))
        return redirect(reverse("journey:goal", args=[goal.pk]) + "#steps")
    if action == "reached":
        services.mark_reached(goal, today=today)
        messages.success(
            request, _("You reached “%(title)s”. That took work: take a moment to enjoy it.") % {"title": goal.title}
        )
        return redirect("journey:goal", goal.pk)
    if action == "save" and form.is_valid():
        try:
            # Only what the member changed, so that an untouched progress may follow the steps (services.goals).
            changes = {name: value for name, value in form.cleaned_data.items() if value != initial[name]}
            services.update_goal(goal, today=today, **changes)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your goal is saved."))
            return redirect("journey:goal", goal.pk)
    if action == "add_step" and step_form.is_valid():
        try:
            services.add_step(goal, text=step_form.cleaned_data["text"])
        except ValidationError as error:
            add_service_errors(step_form, error)
        else:
            messages.success(request, _("Step added."))
            return redirect(reverse("journey:goal", args=[goal.pk]) + "#steps")
    steps = list(goal.steps.all())
    context = {
        "goal": goal,
        "form": form,
        "step_form": step_form,
        "steps": steps,
        "steps_done": sum(1 for step in steps if step.done),
        "can_add_step": len(steps) < services.MAX_STEPS,
        "max_steps": services.MAX_STEPS,
        "is_done": goal.status == GoalStatus.DONE,
        "today": today,
    }
    return render(request, "journey/goals/detail.html", context)


@login_required
def goal_delete(request, goal_id):
    goal = get_own(Goal, request.user, goal_id)
    if request.method == "POST":
        services.delete_goal(goal)
        messages.success(request, _("The goal “%(title)s” is deleted.") % {"title": goal.title})
        return redirect("journey:goals")
    return render(request, "journey/goals/delete.html", {"goal": goal})


urlpatterns = [
    path("me/recovery/goals/", goal_list, name="goals"),
    path("me/recovery/goals/<int:goal_id>/", goal_detail, name="goal"),
    path("me/recovery/goals/<int:goal_id>/delete/", goal_delete, name="goal_delete"),
]

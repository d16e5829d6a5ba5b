"""Pages of My recovery: the recovery plan (view, edit, print on one page, delete)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from safety.help import EVERY_COUNTRY, crisis_lines_by_country
from safety.models import LineKind

from ..forms import add_service_errors
from ..forms.plan import PersonFormSet, PlanForm, TriggerFormSet, rows_of
from ..services import plan as services


@login_required
def plan_view(request):
    plan = services.get_or_empty_plan(request.user)
    return render(request, "journey/plan/plan.html", {"plan": plan})


@login_required
def plan_edit(request):
    plan = services.get_or_empty_plan(request.user)
    data = request.POST or None
    form = PlanForm(data, initial={name: getattr(plan, name) for name in services.TEXT_FIELDS})
    triggers = TriggerFormSet(data, prefix="triggers", initial=plan.triggers or [])
    people = PersonFormSet(data, prefix="people", initial=plan.people or [])
    row_errors: dict[str, list[str]] = {}
    if request.method == "POST" and all([form.is_valid(), triggers.is_valid(), people.is_valid()]):
        try:
            services.save_plan(request.user, **form.cleaned_data, triggers=rows_of(triggers), people=rows_of(people))
        except ValidationError as error:
            by_field = dict(error.message_dict)  # a fresh dict each time it is read
            row_errors = {name: by_field.pop(name) for name in ("triggers", "people") if name in by_field}
            if by_field:
                add_service_errors(form, ValidationError(by_field))
        else:
            messages.success(request, _("Your recovery plan is saved."))
            return redirect("journey:plan")
    context = {"plan": plan, "form": form, "triggers": triggers, "people": people, "row_errors": row_errors}
    return render(request, "journey/plan/edit.html", context)


def _lines_for_print(chosen: str):
    """The crisis lines to print: the chosen (or the operator's) country and lines for everyone; else every
    country's emergency number, which fits on one line each."""
    countries, first = crisis_lines_by_country(chosen)
    if first:
        picked = [c for c in countries if c.code in (first, EVERY_COUNTRY)]
        return countries, first, picked, []
    emergency = [
        (c.name, line) for c in countries for line in c.lines if line.kind == LineKind.EMERGENCY and line.phone
    ]
    return countries, "", [c for c in countries if c.code == EVERY_COUNTRY], emergency


@login_required
def plan_print(request):
    plan = services.get_or_empty_plan(request.user)
    countries, first, picked, emergency = _lines_for_print(
        request.GET.get("country", "") or settings.HELP_DEFAULT_COUNTRY
    )
    context = {"plan": plan, "countries": countries, "first": first, "picked": picked, "emergency": emergency}
    return render(request, "journey/plan/print.html", context)


@login_required
def plan_delete(request):
    plan = services.get_or_empty_plan(request.user)
    if plan.pk is None:
        return redirect("journey:plan")
    if request.method == "POST":
        services.delete_plan(request.user)
        messages.success(request, _("Your recovery plan is deleted."))
        return redirect("journey:plan")
    return render(request, "journey/plan/delete.html", {"plan": plan})


urlpatterns = [
    path("me/recovery/plan/", plan_view, name="plan"),
    path("me/recovery/plan/edit/", plan_edit, name="plan_edit"),
    path("me/recovery/plan/print/", plan_print, name="plan_print"),
    path("me/recovery/plan/delete/", plan_delete, name="plan_delete"),
]

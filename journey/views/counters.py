from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from ..access import get_counter_for_owner
from ..forms.counters import CounterForm, SlipForm, add_service_errors
from ..models import Counter, RecoveryPlan, today_for
from ..services import counters as services


def _kind_words(total_days: int) -> str:
    return _("A slip doesn't erase your recovery: you have %(days)s days in total. Be gentle with yourself.") % {
        "days": total_days
    }


@login_required
def counter_list(request):
    today = today_for(request.user)
    form = CounterForm(request.POST or None, initial={"start_date": today})
    if request.method == "POST" and form.is_valid():
        try:
            counter = services.create_counter(request.user, today=today, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your counter “%(name)s” has started.") % {"name": counter.label})
            return redirect("journey:counters")
    listed = Counter.objects.owned_by(request.user).annotate(share_count=Count("shares"))
    counters = [(c, c.summary(today)) for c in listed]
    return render(request, "journey/counters.html", {"counters": counters, "form": form})


@login_required
def counter_edit(request, counter_id):
    counter = get_counter_for_owner(request.user, counter_id)
    today = today_for(request.user)
    summary = counter.summary(today)
    initial = {name: getattr(counter, name) for name in services.COUNTER_FIELDS if name != "start_date"}
    initial["start_date"] = summary.start_date
    form = CounterForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_counter(counter, today=today, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your counter is saved."))
            return redirect("journey:counters")
    context = {"counter": counter, "summary": summary, "form": form, "periods": counter.ordered_periods()}
    return render(request, "journey/counter_edit.html", context)


@login_required
def record_slip(request, counter_id):
    counter = get_counter_for_owner(request.user, counter_id)
    today = today_for(request.user)
    form = SlipForm(request.POST or None, initial={"slip_date": today})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_slip(counter, today=today, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _kind_words(counter.summary(today).total_days))
            return redirect("journey:counters")
    summary = counter.summary(today)
    plan = RecoveryPlan.objects.owned_by(request.user).first()
    context = {
        "counter": counter,
        "summary": summary,
        "form": form,
        "kind_words": _kind_words(summary.total_days),
        # The people the member wrote into their own plan: the first to call when it is hard.
        "people": [p for p in (plan.people if plan else []) if p.get("name")],
    }
    return render(request, "journey/slip.html", context)


@login_required
def counter_delete(request, counter_id):
    counter = get_counter_for_owner(request.user, counter_id)
    if request.method == "POST":
        services.delete_counter(counter)
        messages.success(request, _("The counter “%(name)s” is deleted.") % {"name": counter.label})
        return redirect("journey:counters")
    return render(request, "journey/counter_delete.html", {"counter": counter})


urlpatterns = [
    path("me/recovery/counters/", counter_list, name="counters"),
    path("me/recovery/counters/<int:counter_id>/", counter_edit, name="counter_edit"),
    path("me/recovery/counters/<int:counter_id>/slip/", record_slip, name="slip"),
    path("me/recovery/counters/<int:counter_id>/delete/", counter_delete, name="counter_delete"),
]

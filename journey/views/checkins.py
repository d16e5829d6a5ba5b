"""The daily check-in: today's form (or a past day's), the history, the triggers list and the reminder."""

from datetime import date as Date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from ..access import get_own
from ..forms.checkins import HALT, MOODS, CheckInForm, ReminderForm, TriggerForm
from ..models import CheckIn, CheckInReminder, Trigger, today_for, triggers_by_name
from ..services import checkins as services
from ..tasks import verified_email

PAGE_SIZE = 30


def _checkin_url(day: Date, today: Date, **params) -> str:
    if day != today:
        params = {"date": day.isoformat(), **params}
    return reverse("journey:checkin") + (f"?{urlencode(params)}" if params else "")


@login_required
def checkin(request):
    """Today's check-in (or `?date=` a past day's): a new one, or the day's one to edit."""
    today = today_for(request.user)
    day = today
    if request.GET.get("date"):
        try:
            day = Date.fromisoformat(request.GET["date"])
        except ValueError:
            day = None
        if day is None or day > today:
            messages.error(request, _("You can check in for today or a past day."))
            return redirect("journey:checkin")
    existing = CheckIn.objects.owned_by(request.user).filter(date=day).prefetch_related("triggers").first()
    trigger_names = [t.name for t in triggers_by_name(request.user)]
    initial = CheckInForm.initial_for(existing) if existing else {}
    form = CheckInForm(request.POST or None, initial=initial, trigger_names=trigger_names)
    if request.method == "POST" and form.is_valid():
        try:
            _saved, created = services.record_checkin(request.user, today=today, date=day, **form.service_values())
        except ValidationError as error:
            form.add_service_errors(error)
        else:
            text = _("Thank you for checking in.") if created else _("Your check-in is updated.")
            messages.success(request, text + " " + _("Showing up for yourself counts."))
            return redirect(_checkin_url(day, today, saved=1))
    context = {
        "form": form,
        "day": day,
        "today": today,
        "checkin": existing,
        "offer_support": bool(existing and request.GET.get("saved") and services.needs_support(existing)),
        "just_saved": bool(existing and request.GET.get("saved")),
    }
    return render(request, "journey/checkins/checkin.html", context)


@login_required
def checkin_list(request):
    """The member's check-ins, newest first, a page at a time."""
    queryset = (
        CheckIn.objects.owned_by(request.user)
        .prefetch_related("triggers")
        .annotate(share_count=Count("shares"))  # the share link of each row costs no query
        .order_by("-date")
    )
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    moods = dict(MOODS)
    rows = [
        (c, moods.get(c.mood, c.mood), [label for name, label in HALT if getattr(c, name)]) for c in page.object_list
    ]
    context = {"page": page, "rows": rows, "today": today_for(request.user)}
    return render(request, "journey/checkins/list.html", context)


@login_required
def checkin_delete(request, checkin_id):
    item = get_own(CheckIn, request.user, checkin_id)
    if request.method == "POST":
        services.delete_checkin(item)
        messages.success(request, _("The check-in is deleted."))
        return redirect("journey:checkins")
    return render(request, "journey/checkins/delete.html", {"checkin": item})


@login_required
def trigger_list(request):
    """The member's own list of triggers, to rename or take off."""
    rows = [(t, TriggerForm(initial={"name": t.name}, prefix=f"t{t.pk}")) for t in triggers_by_name(request.user)]
    return render(request, "journey/checkins/triggers.html", {"triggers": rows})


@login_required
def trigger_edit(request, trigger_id):
    trigger = get_own(Trigger, request.user, trigger_id)
    if request.method != "POST":
        return redirect("journey:checkin_triggers")
    if "delete" in request.POST:
        services.delete_trigger(trigger)
        messages.success(request, _("“%(name)s” is off your list.") % {"name": trigger.name})
        return redirect("journey:checkin_triggers")
    form = TriggerForm(request.POST, prefix=f"t{trigger.pk}")
    if form.is_valid():
        try:
            services.rename_trigger(trigger, form.cleaned_data["name"])
        except ValidationError as error:
            form.add_error("name", error.message_dict["name"])
        else:
            messages.success(request, _("The trigger is renamed."))
            return redirect("journey:checkin_triggers")
    rows = [
        (t, form if t.pk == trigger.pk else TriggerForm(initial={"name": t.name}, prefix=f"t{t.pk}"))
        for t in triggers_by_name(request.user)
    ]
    return render(request, "journey/checkins/triggers.html", {"triggers": rows})


@login_required
def reminder(request):
    """When to be reminded to check in, and whether by email too."""
    current = CheckInReminder.objects.owned_by(request.user).first()
    if current:
        initial = {"enabled": current.enabled, "time": current.time, "by_email": current.by_email}
    else:
        initial = {"enabled": True, "time": "20:00", "by_email": False}
    form = ReminderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.set_reminder(request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("time", error.message_dict.get("time"))
        else:
            if form.cleaned_data["enabled"]:
                messages.success(request, _("Your reminder is set."))
            else:
                messages.success(request, _("Your reminder is off."))
            return redirect("journey:checkin_reminder")
    context = {"form": form, "reminder": current, "email": verified_email(request.user), "zone": request.user.zone}
    return render(request, "journey/checkins/reminder.html", context)


@login_required
def today(request):
    """A neutral address for the reminder email (it names nothing about recovery): today's check-in."""
    return redirect("journey:checkin")


urlpatterns = [
    path("me/today/", today, name="today"),
    path("me/recovery/checkin/", checkin, name="checkin"),
    path("me/recovery/checkin/reminder/", reminder, name="checkin_reminder"),
    path("me/recovery/checkin/triggers/", trigger_list, name="checkin_triggers"),
    path("me/recovery/checkin/triggers/<int:trigger_id>/", trigger_edit, name="checkin_trigger"),
    path("me/recovery/checkins/", checkin_list, name="checkins"),
    path("me/recovery/checkins/<int:checkin_id>/delete/", checkin_delete, name="checkin_delete"),
]

"""Group pages: events (the site's and each group's), an event with its RSVP, its .ics, create, edit, cancel."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from directory.ics import ics_response, site_host

from ..access import get_event_for_reader, get_group_for_reader
from ..calendar import event_file
from ..forms.events import EventFilterForm, EventForm
from ..forms.resources import add_service_errors
from ..models import RSVP, EventStatus, RSVPStatus
from ..naming import group_bylines
from ..services import events as services

PER_PAGE = 20


def _calendar(request, group):
    past = request.GET.get("when") == "past"
    form = EventFilterForm(request.GET or None)
    kind = form.cleaned_data.get("kind", "") if form.is_bound and form.is_valid() else ""
    events = services.list_events(request.user, group=group, site_only=group is None, past=past, kind=kind)
    page = Paginator(events, PER_PAGE).get_page(request.GET.get("page"))
    for event in page.object_list:
        event.places_left = services.places_left(event, event.going_count)
    context = {
        "group": group,
        "page": page,
        "past": past,
        "form": form,
        "kind": kind,
        "may_add": bool(services.can_create(request.user, group)),
        "add_url": reverse("groups:event_new", args=[group.slug]) if group else reverse("groups:site_event_new"),
    }
    return render(request, "groups/events/list.html", context)


@login_required
def site_events(request):
    return _calendar(request, None)


@login_required
def group_events(request, slug):
    return _calendar(request, get_group_for_reader(request.user, slug))


def _create(request, group):
    permission = services.can_create(request.user, group)
    if not permission:
        raise PermissionDenied(getattr(permission, "reason", ""))
    form = EventForm(request.POST or None, member_zone=request.user.time_zone)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.create_event(request.user, group=group, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your event is on the calendar."))
            return redirect("groups:event", event_id=event.pk)
    return render(request, "groups/events/form.html", {"form": form, "group": group, "event": None})


@login_required
def site_event_new(request):
    return _create(request, None)


@login_required
def group_event_new(request, slug):
    return _create(request, get_group_for_reader(request.user, slug))


@login_required
def event_detail(request, event_id):
    event = get_event_for_reader(request.user, event_id)
    mine = services.rsvp_of(request.user, event)
    may_manage = services.can_manage(request.user, event)
    going = services.going_count(event)
    attendees = None
    if may_manage:
        attendees = list(
            RSVP.objects.filter(event=event, status__in=[RSVPStatus.GOING, RSVPStatus.WAITING]).select_related("user")
        )
        names = group_bylines(request.user, event.group_id, [entry.user for entry in attendees])
        for entry in attendees:
            entry.shown_name = names[entry.user_id]
    context = {
        "event": event,
        "group": event.group,
        "mine": mine,
        "position": services.waiting_position(mine),
        "going_count": going,
        "places_left": services.places_left(event, going),
        "may_manage": may_manage,
        "show_join": bool(event.join_url) and ((mine is not None and mine.status == RSVPStatus.GOING) or may_manage),
        "attendees": attendees,
        "is_over": event.ends_at <= timezone.now(),
        "cancelled": event.status == EventStatus.CANCELLED,
    }
    return render(request, "groups/events/detail.html", context)


@login_required
@require_POST
def event_rsvp(request, event_id):
    event = get_event_for_reader(request.user, event_id)
    going = request.POST.get("going") == "1"
    try:
        entry = services.rsvp(request.user, event, going)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("groups:event", event_id=event.pk)
    if entry.status == RSVPStatus.GOING:
        messages.success(request, _("You're going. See you there!"))
    elif entry.status == RSVPStatus.WAITING:
        messages.info(
            request,
            _("The event is full: you're number %(n)s on the waiting list. We'll tell you if a place opens up.")
            % {"n": services.waiting_position(entry)},
        )
    else:
        messages.success(request, _("Thanks for letting us know; your place can go to someone else."))
    return redirect("groups:event", event_id=event.pk)


@login_required
def event_edit(request, event_id):
    event = get_event_for_reader(request.user, event_id)
    if not services.can_manage(request.user, event) or event.status == EventStatus.CANCELLED:
        raise PermissionDenied
    initial = {
        "kind": event.kind,
        "title": event.title,
        "description": event.description,
        "time_zone": event.time_zone,
        "starts_local": services.utc_to_local(event.starts_at, event.time_zone),
        "ends_local": services.utc_to_local(event.ends_at, event.time_zone),
        "online": event.online,
        "join_url": event.join_url,
        "location": event.location,
        "capacity": event.capacity,
    }
    form = EventForm(request.POST or None, initial=initial, member_zone=request.user.time_zone)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_event(request.user, event, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The event is updated."))
            return redirect("groups:event", event_id=event.pk)
    return render(request, "groups/events/form.html", {"form": form, "group": event.group, "event": event})


@login_required
def event_cancel(request, event_id):
    event = get_event_for_reader(request.user, event_id)
    if not services.can_manage(request.user, event):
        raise PermissionDenied
    if request.method == "POST":
        services.cancel_event(request.user, event)
        messages.success(request, _("The event is cancelled; everyone going or waiting has been told."))
        return redirect("groups:event", event_id=event.pk)
    return render(request, "groups/events/cancel.html", {"event": event, "group": event.group})


@login_required
def event_ics(request, event_id):
    event = get_event_for_reader(request.user, event_id)
    page_url = request.build_absolute_uri(reverse("groups:event", args=[event.pk]))
    body = event_file(event, page_url=page_url, host=site_host(request))
    response = ics_response(body, filename=f"event-{event.pk}.ics")
    response["Cache-Control"] = "private"
    return response


urlpatterns = [
    path("events/", site_events, name="site_events"),
    path("events/new/", site_event_new, name="site_event_new"),
    path("events/<int:event_id>/", event_detail, name="event"),
    path("events/<int:event_id>.ics", event_ics, name="event_ics"),
    path("events/<int:event_id>/rsvp/", event_rsvp, name="event_rsvp"),
    path("events/<int:event_id>/edit/", event_edit, name="event_edit"),
    path("events/<int:event_id>/cancel/", event_cancel, name="event_cancel"),
    path("groups/<slug:slug>/events/", group_events, name="events"),
    path("groups/<slug:slug>/events/new/", group_event_new, name="event_new"),
]

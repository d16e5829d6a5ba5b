"""Data stewards: edit their sources' meetings and work through corrections."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import services
from ..access import (
    get_correction_for_steward,
    get_manual_source_for_steward,
    get_meeting_for_steward,
    is_steward,
    open_corrections_for_steward,
    stewarded_meetings,
    stewarded_sources,
)
from ..forms import MeetingForm
from ..models import FeedFormat

MEETINGS_SHOWN = 100


@login_required
def steward_home(request):
    if not is_steward(request.user):
        raise PermissionDenied(_("You do not keep any meeting listings."))
    query = request.GET.get("q", "").strip()
    meetings = stewarded_meetings(request.user).select_related("source").order_by("name", "day", "time")
    if query:
        meetings = meetings.filter(name__icontains=query)
    context = {
        "sources": stewarded_sources(request.user).select_related("program"),
        "corrections": open_corrections_for_steward(request.user),
        "meetings": meetings[:MEETINGS_SHOWN],
        "more_meetings": meetings.count() > MEETINGS_SHOWN,
        "query": query,
        "manual": FeedFormat.MANUAL,
    }
    return render(request, "directory/steward_home.html", context)


@login_required
def edit_meeting(request, meeting_id):
    meeting = get_meeting_for_steward(request.user, meeting_id)
    form = MeetingForm(request.POST or None, instance=meeting, language=get_language() or "en")
    if request.method == "POST" and form.is_valid():
        services.update_meeting(meeting, **form.meeting_fields())
        messages.success(request, _("The meeting is saved."))
        return redirect("directory:meeting", meeting_id=meeting.pk)
    imported = meeting.source is not None and meeting.source.format != FeedFormat.MANUAL
    return render(request, "directory/meeting_form.html", {"form": form, "meeting": meeting, "imported": imported})


@login_required
def new_meeting(request, source_slug):
    source = get_manual_source_for_steward(request.user, source_slug)
    form = MeetingForm(
        request.POST or None,
        program=source.program,
        language=get_language() or "en",
        initial={"timezone": source.default_timezone},
    )
    if request.method == "POST" and form.is_valid():
        program = source.program or form.cleaned_data["program"]
        meeting = services.create_meeting(source, program=program, **form.meeting_fields())
        messages.success(request, _("The meeting is added."))
        return redirect("directory:meeting", meeting_id=meeting.pk)
    return render(request, "directory/meeting_form.html", {"form": form, "source": source})


@login_required
@require_POST
def handle_correction(request, correction_id):
    correction = get_correction_for_steward(request.user, correction_id)
    action = request.POST.get("action")
    if action == "apply":
        services.apply_correction(correction, by=request.user)
        messages.success(request, _("Marked as applied. Thank you."))
    elif action == "dismiss":
        services.dismiss_correction(correction, by=request.user)
        messages.success(request, _("Correction dismissed."))
    else:
        return HttpResponseBadRequest(_("Choose apply or dismiss."))
    return redirect("directory:steward_home")

"""Saved meetings and the member's private calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .. import services
from ..access import get_meeting_for_viewer
from ..ics import ics_response, meetings_ics
from ..models import Attendance, CalendarFeed, Meeting, SavedMeeting
from ..times import occurrence_around


@login_required
@require_POST
def toggle_saved(request, meeting_id):
    meeting = get_meeting_for_viewer(request.user, meeting_id)
    if SavedMeeting.objects.filter(user=request.user, meeting=meeting).exists():
        services.unsave_meeting(request.user, meeting)
        saved = False
        message = _("Removed from your meetings.")
    else:
        services.save_meeting(request.user, meeting)
        saved = True
        message = _("Saved to your meetings.")
    if request.htmx:
        return render(request, "directory/_save_button.html", {"meeting": meeting, "saved": saved})
    messages.success(request, message)
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("directory:meeting", meeting_id=meeting.pk)


@never_cache
@login_required
def saved_meetings(request):
    now = timezone.now()
    rows = []
    saved = SavedMeeting.objects.filter(user=request.user).select_related("meeting", "meeting__program")
    for item in saved:
        meeting = item.meeting
        listed = meeting.is_active and meeting.attendance != Attendance.INACTIVE
        start = occurrence_around(meeting, now, include_in_progress=False)[0] if listed else None
        rows.append({"meeting": meeting, "next_start": start, "listed": listed})
    rows.sort(key=lambda row: (row["next_start"] is None, row["next_start"] or now))
    feed = services.calendar_feed_for(request.user)
    feed_url = request.build_absolute_uri(reverse("directory:calendar_feed", args=[feed.key]))
    context = {
        "rows": rows,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1],
    }
    return render(request, "directory/saved_meetings.html", context)


@login_required
@require_POST
def reset_calendar_link(request):
    services.reset_calendar_key(request.user)
    messages.success(request, _("Your calendar has a new link. The old link no longer works."))
    return redirect("directory:saved_meetings")


def calendar_feed(request, key):
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), key=key, user__is_active=True)
    meeting_ids = SavedMeeting.objects.filter(user=feed.user).values("meeting_id")
    meetings = Meeting.objects.active().filter(pk__in=meeting_ids).select_related("program")
    response = ics_response(
        meetings_ics(meetings, request, name=_("My meetings")), filename="my-meetings.ics", attachment=False
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "private, max-age=900"
    response["Referrer-Policy"] = "no-referrer"
    return response

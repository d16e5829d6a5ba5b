"""Who may see or steward which meetings, sources and corrections. Views and the API all ask here."""

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import Correction, FeedFormat, Meeting, Source


def is_site_admin(user) -> bool:
    return bool(user is not None and user.is_authenticated and (user.is_superuser or user.has_role("admin")))


def can_steward(user, source: Source | None) -> bool:
    """Stewards of a source keep its meetings right; site admins may steward every source."""
    if user is None or not user.is_authenticated:
        return False
    if is_site_admin(user):
        return True
    return source is not None and source.stewards.filter(pk=user.pk).exists()


def stewarded_sources(user) -> QuerySet[Source]:
    if is_site_admin(user):
        return Source.objects.all()
    if user is None or not user.is_authenticated:
        return Source.objects.none()
    return Source.objects.filter(stewards=user)


def is_steward(user) -> bool:
    return is_site_admin(user) or stewarded_sources(user).exists()


def stewarded_meetings(user) -> QuerySet[Meeting]:
    if is_site_admin(user):
        return Meeting.objects.all()
    return Meeting.objects.filter(source__in=stewarded_sources(user))


def open_corrections_for_steward(user) -> QuerySet[Correction]:
    """The corrections waiting for this steward, newest first."""
    return (
        Correction.objects.filter(status=Correction.Status.OPEN, meeting__in=stewarded_meetings(user))
        .select_related("meeting", "meeting__source")
        .order_by("-created_at", "-pk")
    )


def get_meeting_for_viewer(user, meeting_id: int) -> Meeting:
    """A meeting anyone may see; one its source no longer lists only for the source's stewards."""
    meeting = get_object_or_404(Meeting.objects.select_related("program", "source"), pk=meeting_id)
    if not meeting.is_active and not can_steward(user, meeting.source):
        raise Http404("No such meeting.")
    return meeting


def get_meeting_for_steward(user, meeting_id: int) -> Meeting:
    meeting = get_object_or_404(Meeting.objects.select_related("program", "source"), pk=meeting_id)
    if not can_steward(user, meeting.source):
        raise Http404("No such meeting.")
    return meeting


def get_manual_source_for_steward(user, slug: str) -> Source:
    """A source whose meetings are kept in PeerHaven (imported feeds get their meetings from the feed)."""
    source = get_object_or_404(Source.objects.select_related("program"), slug=slug, format=FeedFormat.MANUAL)
    if not can_steward(user, source):
        raise Http404("No such source.")
    return source


def get_correction_for_steward(user, correction_id: int) -> Correction:
    correction = get_object_or_404(Correction.objects.select_related("meeting", "meeting__source"), pk=correction_id)
    if not can_steward(user, correction.meeting.source):
        raise Http404("No such correction.")
    return correction

"""Saved meetings and the member's private calendar feed. (Being written.)"""

from django.http import Http404


def toggle_saved(request, meeting_id):
    raise Http404


def saved_meetings(request):
    raise Http404


def reset_calendar_link(request):
    raise Http404


def calendar_feed(request, key):
    raise Http404

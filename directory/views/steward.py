"""Data stewards: edit their sources' meetings and work through corrections. (Being written.)"""

from django.http import Http404


def steward_home(request):
    raise Http404


def edit_meeting(request, meeting_id):
    raise Http404


def new_meeting(request, source_slug):
    raise Http404


def handle_correction(request, correction_id):
    raise Http404

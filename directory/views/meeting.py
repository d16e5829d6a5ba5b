"""One meeting: its page, its calendar file, and "report a correction". (Being written.)"""

from django.http import Http404


def meeting_detail(request, meeting_id):
    raise Http404


def meeting_ics(request, meeting_id):
    raise Http404


def report_correction(request, meeting_id):
    raise Http404

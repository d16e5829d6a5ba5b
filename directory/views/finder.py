from django.shortcuts import get_object_or_404, render

from directory.models import Meeting, Program


def meeting_list(request):
    meetings = Meeting.objects.active().select_related("program")
    program = None
    if slug := request.GET.get("program"):
        program = get_object_or_404(Program, slug=slug)
        meetings = meetings.filter(program=program)
    return render(
        request,
        "directory/meeting_list.html",
        {"meetings": meetings, "programs": Program.objects.all(), "program": program},
    )


def meeting_detail(request, meeting_id):
    meeting = get_object_or_404(Meeting.objects.active().select_related("program"), pk=meeting_id)
    return render(request, "directory/meeting_detail.html", {"meeting": meeting})

"""GET /api/v1/meeting-guide.json: our directory (or one source) as a Meeting Guide feed, for any app."""

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Router

from .export import meeting_guide_feed
from .models import Meeting, Source

router = Router(tags=["meeting feeds"])


@router.get(
    "/meeting-guide.json",
    auth=None,
    summary="Meetings as a Meeting Guide feed",
    description=(
        "A JSON array in the Meeting Guide format (code4recovery/spec) of every meeting still listed, or only "
        "those of one source with `?source=<slug>`. Type codes belong to each record's `program`."
    ),
)
def meeting_guide(request, source: str | None = None):
    meetings = Meeting.objects.filter(is_active=True).select_related("source", "program")
    if source is not None:
        try:
            chosen = get_object_or_404(Source, slug=source)
        except Http404:
            raise Http404(f"No source {source!r}.") from None
        meetings = meetings.filter(source=chosen)
    feed = meeting_guide_feed(
        meetings.order_by("source_id", "source_key", "day", "pk"),
        base_url=request.build_absolute_uri("/"),
        per_source=source is not None,
    )
    return JsonResponse(feed, safe=False, json_dumps_params={"ensure_ascii": False})

"""The finder page: the same search as GET /api/v1/meetings, for people, working without JavaScript.

The search lives in the URL (shareable, bookmarkable). "In progress" and "starting soon" come first when the
person has not asked for a particular time. A location is used only for this one request: it is never stored,
and the serving set-up keeps no access log of it (peerhaven.serve).
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import QueryDict
from django.shortcuts import render
from django.utils.translation import gettext as _

from directory.derived import TIME_OF_DAY, canonical_zone
from directory.models import Attendance, MeetingType, Program, Weekday
from directory.places import PlaceNotFound, resolve_place
from directory.query import QueryError, parse_query
from directory.search import search

RADIUS_CHOICES = [
    ("", _("Any distance")),
    ("2", "2 km"),
    ("5", "5 km"),
    ("10", "10 km"),
    ("25", "25 km"),
    ("50", "50 km"),
    ("100", "100 km"),
]
# Codes offered as chips; their labels come from the chosen program's vocabulary (AA's by default).
CHIP_CODES = ["O", "C", "BE", "W", "M", "LGBTQ", "Y", "A", "SP", "D", "MED", "X"]
# The finder's own parameters that the search takes as they are ("place" and "tz" are the page's).
SEARCH_PARAMS = (
    "q",
    "near",
    "radius_km",
    "day",
    "time_of_day",
    "attendance",
    "program",
    "types",
    "language",
    "region",
    "sort",
    "in_progress",
    "starts_within",
    "source",
    "offset",
    "at",
    "include_inactive",
)
# Parameters that ask about a time, so the "in progress" and "starting soon" sections are not shown.
TIME_PARAMS = ("day", "time_of_day", "in_progress", "starts_within", "at")


def meeting_list(request):
    params = request.GET.copy()
    if len(params.getlist("types")) > 1:  # the chips post one "types" per box; the search takes a comma list
        params["types"] = ",".join(params.getlist("types"))
    errors: dict[str, str] = {}
    if place := params.get("place", "").strip():
        try:
            latitude, longitude = resolve_place(place)
            params["near"] = f"{latitude:.4f},{longitude:.4f}"
        except PlaceNotFound as problem:
            errors["place"] = str(problem)
    search_params = _search_params(params)
    sections, result, query = [], None, None
    try:
        query = parse_query(search_params)
    except QueryError as error:
        errors[error.parameter] = error.message
    if query is not None and not errors:
        result = search(query)
        if not any(params.get(name) for name in TIME_PARAMS) and query.offset == 0:
            sections = _soon_sections(search_params)
    viewer_zone = _viewer_zone(request)
    program = Program.objects.filter(slug=params.get("program")).first()
    context = {
        "params": params,
        "errors": errors,
        "result": result,
        "query": query,
        "sections": sections,
        "viewer_zone": viewer_zone,
        "programs": Program.objects.all(),
        "program": program,
        "chips": _active_chips(params),
        "type_choices": _type_choices(program, params.get("types", "")),
        "radius_choices": RADIUS_CHOICES,
        "day_choices": [(str(value), label) for value, label in Weekday.choices],
        "time_of_day_choices": [(name, _time_of_day_label(name)) for name in TIME_OF_DAY],
        "attendance_choices": [(value, label) for value, label in Attendance.choices if value != "inactive"],
        "next_url": _next_url(params, result, query),
        "map_tiles": settings.MAP_TILE_URL,
        "map_attribution": settings.MAP_TILE_ATTRIBUTION,
    }
    status = 400 if errors else 200
    return render(request, "directory/meeting_list.html", context, status=status)


def _search_params(params: QueryDict) -> QueryDict:
    search_params = QueryDict(mutable=True)
    for name in SEARCH_PARAMS:
        if value := params.get(name, "").strip():
            search_params[name] = value
    if search_params.get("near") and not search_params.get("radius_km") and not search_params.get("sort"):
        search_params["sort"] = "distance"
    return search_params


def _soon_sections(search_params: QueryDict) -> list[dict]:
    sections = []
    for title, extra in (
        (_("In progress now"), {"in_progress": "true", "limit": "10"}),
        (_("Starting in the next two hours"), {"starts_within": "120", "limit": "20"}),
    ):
        section_params = search_params.copy()
        section_params.pop("offset", None)
        section_params.update(extra)
        section_params["sort"] = "time"
        hits = search(parse_query(section_params)).hits
        if "starts_within" in extra:
            hits = [hit for hit in hits if not hit.in_progress]
        sections.append({"title": title, "hits": hits, "id": "in-progress" if "in_progress" in extra else "soon"})
    return sections


def _viewer_zone(request) -> str:
    """The zone to show times in: the member's own, else the one their browser told us (?tz=)."""
    if request.user.is_authenticated:
        return request.user.time_zone
    return canonical_zone(request.GET.get("tz")) or ""


def _active_chips(params: QueryDict) -> list[dict]:
    labels = {
        "q": _("Words"),
        "place": _("Near"),
        "near": _("Near"),
        "radius_km": _("Within (km)"),
        "day": _("Day"),
        "time_of_day": _("Time of day"),
        "attendance": _("Attendance"),
        "program": _("Fellowship"),
        "types": _("Types"),
        "language": _("Language"),
        "region": _("Region"),
        "source": _("Source"),
    }
    chips = []
    for name, label in labels.items():
        value = params.get(name, "").strip()
        if not value or (name == "near" and params.get("place")):
            continue
        remaining = params.copy()
        remaining.pop(name, None)
        remaining.pop("offset", None)
        if name == "place":
            remaining.pop("near", None)
        shown = dict(Weekday.choices).get(int(value), value) if name == "day" and value.isdigit() else value
        chips.append({"label": label, "value": shown, "remove_url": "?" + remaining.urlencode()})
    return chips


def _type_choices(program, selected: str) -> list[dict]:
    chosen = set(filter(None, selected.split(",")))
    vocabulary = {
        t.code: t
        for t in MeetingType.objects.filter(program=program or Program.objects.get(slug="aa"), code__in=CHIP_CODES)
    }
    from django.utils.translation import get_language

    language = get_language() or "en"
    return [
        {"code": code, "label": vocabulary[code].label(language), "checked": code in chosen}
        for code in CHIP_CODES
        if code in vocabulary
    ]


def _time_of_day_label(name: str) -> str:
    return {"morning": _("Morning"), "afternoon": _("Afternoon"), "evening": _("Evening"), "night": _("Night")}[name]


def _next_url(params: QueryDict, result, query) -> str | None:
    if result is None or result.next_offset is None:
        return None
    following = params.copy()
    following["offset"] = str(result.next_offset)
    following["at"] = query.at.isoformat()
    return "?" + urlencode(sorted(following.items()))

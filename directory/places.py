"""Turn what a person types ("Springfield", "Woodlyn PA", "39.95,-75.16") into a point, without a geocoder.

PeerHaven makes no request to another service, so a place is looked up in the directory itself: the middle
of the in-person meetings whose address or region mentions every word typed.
"""

import re
from statistics import median

from .derived import search_words
from .models import Meeting
from .search import matches_words


class PlaceNotFound(ValueError):
    pass


def resolve_place(text: str) -> tuple[float, float]:
    match = re.fullmatch(r"\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*", text)
    if match:
        latitude, longitude = float(match.group(1)), float(match.group(2))
        if -90 <= latitude <= 90 and -180 <= longitude <= 180:
            return latitude, longitude
    words = search_words(text)[:6]
    if not words:
        raise PlaceNotFound("Type a town, a neighbourhood or an address.")
    qs = Meeting.objects.active().filter(matches_words(words), latitude__isnull=False, approximate=False)
    points = list(qs.values_list("latitude", "longitude")[:500])
    if not points:
        raise PlaceNotFound(
            "We couldn't find that place among the meetings we list. Try a nearby town, or use your location."
        )
    return median(p[0] for p in points), median(p[1] for p in points)

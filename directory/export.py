"""Our meetings as a Meeting Guide feed (code4recovery/spec; shared/notes/meeting-data.md §1.2).

One record per source meeting: rows of one source meeting on several days become one record with a day
array. Slugs are unique within the feed: the source's own key for a one-source feed, "{source}-{key}" for
the whole directory, "peerhaven-{id}" for meetings kept in PeerHaven. Unknown keys are ignored by consumers,
so "program" (the slug whose vocabulary the type codes belong to) rides along.
"""

from collections import defaultdict
from datetime import UTC

from .models import LISTING_FIELDS

# Fields that must agree for rows to be one record with several days. Left out: the day itself, the types
# (merged across the rows), what follows from other fields (duration, languages) and our own page's url.
SAME_MEETING = (
    "program_id",
    *(name for name in LISTING_FIELDS if name not in {"day", "duration_minutes", "types", "languages", "url"}),
)


def _hhmm(value) -> str:
    return value.strftime("%H:%M")


def _record(rows: list, slug: str, base_url: str) -> dict:
    meeting = rows[0]
    days = sorted({row.day for row in rows})
    updated = max((row.source_updated or row.updated_at) for row in rows if row.source_updated or row.updated_at)
    types: list[str] = []
    for row in rows:
        types.extend(code for code in row.types if code not in types)
    record = {
        "name": meeting.name,
        "slug": slug,
        "day": days[0] if len(days) == 1 else days,
        "time": _hhmm(meeting.time),
        "timezone": meeting.timezone,
        "formatted_address": meeting.formatted_address,
        "approximate": "yes" if meeting.approximate else "no",
        "location": meeting.location_name,
        "location_notes": meeting.location_notes,
        "regions": meeting.regions,
        "group": meeting.group_name,
        "group_notes": meeting.group_notes,
        "conference_url": meeting.conference_url,
        "conference_url_notes": meeting.conference_url_notes,
        "conference_phone": meeting.conference_phone,
        "conference_phone_notes": meeting.conference_phone_notes,
        "types": types,
        "notes": meeting.notes,
        "updated": updated.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S") if updated else "",
        "url": f"{base_url.rstrip('/')}/meetings/{meeting.pk}/",
        "feedback_url": meeting.feedback_url,
        "attendance_option": meeting.attendance,
        "program": meeting.program.slug,
    }
    if meeting.end_time is not None:
        record["end_time"] = _hhmm(meeting.end_time)
    if meeting.latitude is not None and meeting.longitude is not None:
        record["latitude"] = round(meeting.latitude, 6)
        record["longitude"] = round(meeting.longitude, 6)
    return record


def meeting_guide_feed(meetings, *, base_url: str, per_source: bool) -> list[dict]:
    """A Meeting Guide feed (a list of records) of the active meetings among `meetings`."""
    groups: dict[tuple, list] = defaultdict(list)
    for meeting in meetings:
        if not meeting.is_active:
            continue
        if meeting.source_id and meeting.source_key:
            key = (meeting.source_id, meeting.source_key)
        else:
            key = ("peerhaven", meeting.pk)
        groups[key].append(meeting)

    feed, used = [], set()
    for key, rows in groups.items():
        rows.sort(key=lambda row: (row.day, row.pk))
        # Rows edited apart (another time on one day) stay separate records.
        variants: dict[tuple, list] = defaultdict(list)
        for row in rows:
            variants[tuple(getattr(row, name) for name in SAME_MEETING)].append(row)
        for index, variant in enumerate(variants.values()):
            first = variant[0]
            if key[0] == "peerhaven":
                slug = f"peerhaven-{first.pk}"
            else:
                slug = first.source_key if per_source else f"{first.source.slug}-{first.source_key}"
                if index:
                    slug = f"{slug}-{'-'.join(str(row.day) for row in variant)}"
            while slug in used:
                slug = f"{slug}-{first.pk}"
            used.add(slug)
            feed.append(_record(variant, slug, base_url))
    return feed

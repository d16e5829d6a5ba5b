"""OIAA "central" JSON (Online Intergroup of AA): a MongoDB export of online meetings.

Values may be MongoDB extended JSON ({"$oid": …}, {"$date": …}). Records carry `timezone` (legacy aliases
are canonicalised by the importer), `day` (1 = Monday … 6 = Saturday, Sunday as 7 or 0), `time`, `duration`
in minutes, ISO 639-1 `languages` and AA `types`. Archived meetings are skipped with a reason. A groups file
links `groupID` to a group name.
"""

from datetime import UTC, datetime

from ..records import RecordProblem
from . import FeedError
from .meeting_guide import load_json, records_of

COPIED = (
    "slug",
    "name",
    "timezone",
    "day",
    "time",
    "end_time",
    "duration",
    "types",
    "languages",
    "notes",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "location",
    "formatted_address",
    "latitude",
    "longitude",
    "url",
    "feedback_url",
)


def plain(value):
    """Extended JSON -> plain values: {"$oid": x} -> x, {"$date": …} -> "YYYY-MM-DD HH:MM:SS" (UTC)."""
    if isinstance(value, dict):
        if "$oid" in value:
            return str(value["$oid"])
        if "$date" in value:
            date = value["$date"]
            if isinstance(date, dict) and "$numberLong" in date:
                date = int(date["$numberLong"])
            if isinstance(date, (int, float)):
                return datetime.fromtimestamp(date / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M:%S")
            return str(date)
        if "$numberInt" in value or "$numberLong" in value:
            return int(value.get("$numberInt") or value.get("$numberLong"))
        if "$numberDouble" in value:
            return float(value["$numberDouble"])
    return value


def load_groups(content) -> dict[str, dict]:
    data = load_json(content) if isinstance(content, str) else content
    if not isinstance(data, list):
        raise FeedError("an OIAA groups file is a JSON array of groups")
    return {plain(g.get("_id")): g for g in data if isinstance(g, dict) and g.get("_id")}


def convert(meeting: dict, groups: dict[str, dict]) -> dict:
    if not isinstance(meeting, dict):
        raise RecordProblem("not a meeting object")
    slug = str(plain(meeting.get("slug")) or plain(meeting.get("_id")) or "").strip()
    if meeting.get("archived") is True:
        raise RecordProblem("archived in the source", slug)
    record = {key: plain(meeting[key]) for key in COPIED if key in meeting}
    record["slug"] = slug
    if isinstance(record.get("day"), (int, str)) and str(record["day"]).strip() == "7":
        record["day"] = 0  # central numbers days as ISO weekdays (7 = Sunday), its startDateUTC confirms it
    updated = plain(meeting.get("updatedAt") or meeting.get("updated"))
    if updated:
        record["updated"] = updated
    group = groups.get(plain(meeting.get("groupID")) or "")
    if group:
        record["group"] = group.get("name") or ""
        if group.get("notes"):
            record["group_notes"] = group["notes"]
    return record


def parse(content: str, *, groups: dict[str, dict] | None = None):
    for index, meeting in enumerate(records_of(load_json(content), "an OIAA meetings file"), start=1):
        try:
            yield f"record {index}", convert(meeting, groups or {})
        except RecordProblem as problem:
            yield f"record {index}", problem

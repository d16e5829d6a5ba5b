"""BMLT semantic JSON (Narcotics Anonymous): GetSearchResults output -> Meeting Guide-shaped records.

Every value is a string. `weekday_tinyint` is 1 = Sunday … 7 = Saturday; `start_time` and `duration_time`
are "HH:MM:SS" and the end wraps past midnight. `venue_type` is 1 in person, 2 virtual, 3 hybrid (older
servers have none; then the VM/HYBR formats say). Virtual meetings carry the server's default centre as
coordinates, so those are dropped and the address is marked approximate. Format keys are server-local and
per language: they are mapped to the NAWS world codes (our NA vocabulary) through a GetFormats list when one
is given (in the same file, or a separate file), else passed through as they are.
"""

import re

from ..records import RecordProblem
from ..vocabularies import NA_LANGUAGES, NA_TYPES
from . import FeedError
from .meeting_guide import load_json, records_of

# NAWS world id -> our NA code; None means "derived from other fields, not a type".
WORLD_TO_NA = {"OPEN": "O", "CLOSED": "C", "WCHR": "X", "VM": None, "HYBR": None, "HY": None}
# Key strings passed through when no formats list is given.
KEY_TO_NA = {"OPEN": "O", "CLOSED": "C", "WCHR": "X", "VM": None, "HY": None, "HYBR": None}
VIRTUAL, HYBRID = "2", "3"


def load_formats(content) -> list[dict]:
    """A GetFormats list from text or parsed JSON: a list, or {"formats": [...]} (GetSearchResults too)."""
    data = load_json(content) if isinstance(content, str) else content
    if isinstance(data, dict):
        data = data.get("formats")
    if not isinstance(data, list):
        raise FeedError("a BMLT formats file is a JSON array of formats (GetFormats)")
    return [item for item in data if isinstance(item, dict)]


def load_service_bodies(content) -> list[dict]:
    data = load_json(content) if isinstance(content, str) else content
    if isinstance(data, dict):
        data = data.get("service_bodies") or data.get("serviceBodies")
    if not isinstance(data, list):
        raise FeedError("a BMLT service bodies file is a JSON array (GetServiceBodies)")
    return [item for item in data if isinstance(item, dict)]


class FormatMap:
    """Server format id or key string -> (type code or None, language or None)."""

    def __init__(self, formats: list[dict]):
        self.by_id: dict[str, tuple] = {}
        self.by_key: dict[str, tuple] = {}
        for item in formats:
            mapped = self._map(item)
            fid = str(item.get("id") or "").strip()
            key = str(item.get("key_string") or "").strip()
            if fid and (fid not in self.by_id or item.get("lang") == "en"):
                self.by_id[fid] = mapped
            if key and key not in self.by_key:
                self.by_key[key] = mapped

    @staticmethod
    def _map(item: dict) -> tuple:
        world = str(item.get("world_id") or "").strip().upper()
        key = str(item.get("key_string") or "").strip()
        if world == "LANG" or str(item.get("format_type_enum") or "").upper() == "LANG":
            language = key.lower() if re.fullmatch(r"[A-Za-z]{2}", key) else None
            code = key.upper() if key.upper() in NA_LANGUAGES else None
            return code, language
        if world in WORLD_TO_NA:
            return WORLD_TO_NA[world], None
        if world in NA_TYPES:
            return world, None
        return (world or key or None), None

    def __bool__(self) -> bool:
        return bool(self.by_id or self.by_key)


def _types(meeting: dict, formats: FormatMap) -> tuple[list[str], list[str], set[str]]:
    """(type codes, languages, world-ish markers such as VM/HYBR) of one meeting."""
    keys = [k.strip() for k in str(meeting.get("formats") or "").split(",") if k.strip()]
    ids = [i.strip() for i in str(meeting.get("format_shared_id_list") or "").split(",") if i.strip()]
    markers = {k.upper() for k in keys} & {"VM", "HY", "HYBR", "TC"}
    codes, languages = [], []
    if formats:
        pairs = [formats.by_id[i] for i in ids if i in formats.by_id] if ids else []
        if not pairs:
            pairs = [formats.by_key.get(k, (k, None)) for k in keys]
    else:
        pairs = [(KEY_TO_NA[k.upper()], None) if k.upper() in KEY_TO_NA else (k, None) for k in keys]
    for code, language in pairs:
        if code and code not in codes:
            codes.append(code)
        if language and language not in languages:
            languages.append(language)
    return codes, languages, markers


def _hms_minutes(value: str, what: str) -> int | None:
    value = (value or "").strip()
    if not value:
        return None
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", value)
    if not match:
        raise RecordProblem(f"{what} {value!r} is not a time like 19:30:00")
    return int(match.group(1)) * 60 + int(match.group(2))


def _regions(body_id: str, bodies: dict[str, dict]) -> list[str]:
    chain, seen = [], set()
    while body_id and body_id in bodies and body_id not in seen:
        seen.add(body_id)
        body = bodies[body_id]
        chain.append(str(body.get("name") or "").strip())
        body_id = str(body.get("parent_id") or "").strip()
    chain = [name for name in reversed(chain) if name]
    return chain[1:] if len(chain) > 1 else chain  # the root (the region itself) is shared by every meeting


def convert(meeting: dict, formats: FormatMap, bodies: dict[str, dict]) -> dict:
    """One BMLT meeting -> a Meeting Guide-shaped record (or RecordProblem)."""
    if not isinstance(meeting, dict):
        raise RecordProblem("not a meeting object")
    meeting_id = str(meeting.get("id_bigint") or "").strip()
    if not meeting_id:
        raise RecordProblem("no id_bigint (is this a BMLT meeting search result?)")
    root = str(meeting.get("root_server_id") or "").strip()
    slug = f"{root}-{meeting_id}" if root else meeting_id
    if str(meeting.get("published", "1")).strip() == "0":
        raise RecordProblem("not published in BMLT", slug)
    weekday = str(meeting.get("weekday_tinyint") or "").strip()
    if weekday not in {"1", "2", "3", "4", "5", "6", "7"}:
        raise RecordProblem(f"weekday_tinyint {weekday!r} is not between 1 (Sunday) and 7 (Saturday)", slug)
    start = _hms_minutes(str(meeting.get("start_time") or ""), "start_time")
    if start is None:
        raise RecordProblem("no start_time", slug)
    if start >= 1440:
        start = 0
    duration = _hms_minutes(str(meeting.get("duration_time") or ""), "duration_time")

    codes, languages, markers = _types(meeting, formats)
    venue = str(meeting.get("venue_type") or "").strip()
    if not venue:
        venue = HYBRID if markers & {"HY", "HYBR"} else VIRTUAL if "VM" in markers else "1"
    virtual = venue == VIRTUAL
    street = str(meeting.get("location_street") or "").strip()
    address = ", ".join(
        part
        for part in [
            street,
            str(meeting.get("location_municipality") or "").strip(),
            " ".join(
                p
                for p in [
                    str(meeting.get("location_province") or "").strip(),
                    str(meeting.get("location_postal_code_1") or "").strip(),
                ]
                if p
            ),
            str(meeting.get("location_nation") or "").strip(),
        ]
        if part
    )
    record = {
        "slug": slug,
        "name": meeting.get("meeting_name") or "",
        "day": int(weekday) - 1,
        "time": f"{start // 60:02d}:{start % 60:02d}",
        "timezone": meeting.get("time_zone") or "",
        "location": meeting.get("location_text") or "",
        "location_notes": meeting.get("location_info") or "",
        "notes": meeting.get("comments") or "",
        "formatted_address": address,
        "approximate": "yes" if virtual or not street else "no",
        "types": codes,
        "languages": languages,
        "conference_url": meeting.get("virtual_meeting_link") or "",
        "conference_url_notes": meeting.get("virtual_meeting_additional_info") or "",
        "conference_phone": meeting.get("phone_meeting_number") or "",
    }
    if duration:
        end = (start + duration) % 1440
        record["end_time"] = f"{end // 60:02d}:{end % 60:02d}"
    if not virtual:
        record["latitude"] = meeting.get("latitude") or None
        record["longitude"] = meeting.get("longitude") or None
    regions = _regions(str(meeting.get("service_body_bigint") or "").strip(), bodies)
    if regions:
        record["regions"] = regions
    return record


def parse(content: str, *, formats: list[dict] | None = None, service_bodies: list[dict] | None = None):
    data = load_json(content)
    found = data.get("formats") if isinstance(data, dict) else None
    embedded: list = found if isinstance(found, list) else []
    format_map = FormatMap([*embedded, *(formats or [])])
    bodies = {str(b.get("id")): b for b in service_bodies or [] if isinstance(b, dict) and b.get("id")}
    for index, meeting in enumerate(records_of(data, "a BMLT meeting search result"), start=1):
        try:
            yield f"record {index}", convert(meeting, format_map, bodies)
        except RecordProblem as problem:
            yield f"record {index}", problem

"""One feed record's fields turned into clean Meeting values: days, times, zones, types, addresses, links.

`clean_record()` takes one Meeting Guide-shaped dict (every format's parser in `directory/feeds/` makes
those) and returns the Meeting field values, one dict per weekday, or raises RecordProblem with a reason in
plain words. Nothing here writes to the database; `directory.importing` does the upsert.
"""

import html
import re
from collections.abc import Callable
from datetime import UTC, datetime, time
from functools import lru_cache

from .derived import canonical_zone, clean_phone, duration_of
from .models import MeetingType, Program

DAY_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("sunday", "sun", "domingo", "dimanche", "sonntag"),
            ("monday", "mon", "lunes", "lundi", "montag"),
            ("tuesday", "tue", "tues", "martes", "mardi", "dienstag"),
            ("wednesday", "wed", "miércoles", "miercoles", "mercredi", "mittwoch"),
            ("thursday", "thu", "thur", "thurs", "jueves", "jeudi", "donnerstag"),
            ("friday", "fri", "viernes", "vendredi", "freitag"),
            ("saturday", "sat", "sábado", "sabado", "samedi", "samstag"),
        ]
    )
    for name in names
}
# Types that are derived from the conference fields, never trusted from a feed.
DERIVED_TYPES = {"ONL"}


class RecordProblem(Exception):
    """A record that cannot be imported; `reason` says why in plain words."""

    def __init__(self, reason: str, record_id: str = ""):
        super().__init__(reason)
        self.reason = reason
        self.record_id = record_id


# How clean_record reports what it dropped: (position, message, record id); ImportReport.warn fits.
Warn = Callable[[object, str, str], None]


# ---- one field -----------------------------------------------------------------------------------------


def text(value) -> str:
    """Plain text: HTML stripped (line breaks kept), entities decoded, surrounding space and quotes trimmed."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    value = str(value)
    value = re.sub(r"(?i)<br\s*/?>", "\n", value)
    value = re.sub(r"<[^>]+>", "", value)
    value = html.unescape(value).strip().strip('"').strip()
    return "" if value.lower() in {"null", "none"} else value


def parse_days(value) -> list[int]:
    """A weekday (0 = Sunday) or several: int, numeric string, name, or a list of those."""
    if value is None or value == "":
        raise RecordProblem("no day (by-appointment meetings are not weekly meetings)")
    items = value if isinstance(value, list) else [value]
    days = []
    for item in items:
        if isinstance(item, bool):
            raise RecordProblem(f"day {item!r} is not a weekday")
        if isinstance(item, int) or (isinstance(item, str) and item.strip().isdigit()):
            number = int(item)
            if not 0 <= number <= 6:
                raise RecordProblem(f"day {item!r} is not between 0 (Sunday) and 6 (Saturday)")
            days.append(number)
        elif isinstance(item, str) and item.strip().lower() in DAY_NAMES:
            days.append(DAY_NAMES[item.strip().lower()])
        else:
            raise RecordProblem(f"day {item!r} is not a weekday")
    if not days:
        raise RecordProblem("no day (by-appointment meetings are not weekly meetings)")
    return sorted(set(days))


def parse_time(value, what: str = "time") -> time:
    """ "H:MM", "HH:MM", "HH:MM:SS" or "6:00 PM" -> time."""
    raw = text(value)
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?", raw)
    if not match:
        raise RecordProblem(f"{what} {raw!r} is not a time like 19:30")
    hour, minute = int(match.group(1)), int(match.group(2))
    meridiem = (match.group(4) or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            raise RecordProblem(f"{what} {raw!r} is not a time like 7:30 PM")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if hour == 24 and minute == 0:
        hour = 0
    if hour > 23 or minute > 59:
        raise RecordProblem(f"{what} {raw!r} is not a time of day")
    return time(hour, minute)


def parse_updated(value):
    """The source's "updated" (UTC); None, with no complaint, when absent or in a shape we cannot read."""
    raw = text(value)
    if not raw:
        return None
    for pattern in (
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S.%fZ",
        "%Y-%m-%dT%H:%M:%SZ",
        "%Y-%m-%d%H:%M:%S",
        "%m/%d/%Y %I:%M:%S %p",
        "%Y-%m-%d",
    ):
        try:
            return datetime.strptime(raw, pattern).replace(tzinfo=UTC)
        except ValueError:
            continue
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def parse_coordinate(value, low: float, high: float):
    if value in (None, ""):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def parse_types(value) -> list[str]:
    """A list, a comma string, or the malformed "[open]" -> raw codes or names, in feed order."""
    if value is None:
        return []
    if isinstance(value, str):
        value = [part for part in re.split(r"[,;]", value.strip().strip("[]")) if part.strip()]
    if not isinstance(value, list):
        return []
    return [str(item).strip().strip("'\"") for item in value if str(item).strip()]


@lru_cache(maxsize=64)
def vocabulary(program_id: int) -> tuple[dict, dict, dict]:
    """(code -> code, folded label -> code, code -> language) for a program, from MeetingType."""
    codes, labels, languages = {}, {}, {}
    for meeting_type in MeetingType.objects.filter(program_id=program_id):
        codes[meeting_type.code.upper()] = meeting_type.code
        for label in meeting_type.names.values():
            labels[label.casefold()] = meeting_type.code
        if meeting_type.language:
            languages[meeting_type.code] = meeting_type.language
    return codes, labels, languages


def resolve_types(raw_types: list[str], program: Program) -> tuple[list[str], list[str], list[str]]:
    """(codes of this program, languages they name, what we could not recognise)."""
    codes, labels, languages = vocabulary(program.pk)
    found, unknown = [], []
    for item in raw_types:
        code = codes.get(item.upper()) or labels.get(item.casefold())
        if item.upper() in DERIVED_TYPES:
            continue
        if code is None:
            unknown.append(item)
        elif code not in found:
            found.append(code)
    if "C" in found and "O" in found:
        found.remove("O")  # a meeting that says both is closed (TSML's rule)
    return found, [languages[c] for c in found if c in languages], unknown


def formatted_address(record: dict) -> str:
    given = text(record.get("formatted_address")) or text(record.get("address"))
    if text(record.get("formatted_address")):
        return given
    parts = [text(record.get("address"))]
    parts.append(text(record.get("city")))
    parts.append(" ".join(filter(None, [text(record.get("state")), text(record.get("postal_code"))])))
    parts.append(text(record.get("country")))
    joined = ", ".join(p for p in parts if p)
    return joined.split("@")[0].strip(", ")


def is_approximate(record: dict, address: str) -> bool:
    flag = record.get("approximate")
    if isinstance(flag, bool):
        return flag
    if isinstance(flag, str) and flag.strip().lower() in {"yes", "no", "true", "false", "1", "0"}:
        return flag.strip().lower() in {"yes", "true", "1"}
    # The Meeting Guide's rule when a feed does not say: fewer than four address parts is only an area.
    return len([part for part in address.split(",") if part.strip()]) < 4


def regions_of(record: dict) -> list[str]:
    regions = record.get("regions")
    if isinstance(regions, list) and regions:
        return [text(r) for r in regions if text(r)]
    return [text(record.get(key)) for key in ("region", "sub_region", "sub_sub_region") if text(record.get(key))]


# ---- one record ---------------------------------------------------------------------------------------


class ZoneFinder:
    """Time zone of a coordinate, from the timezonefinder package's bundled data (no network)."""

    _finder = None

    @classmethod
    def zone_at(cls, latitude: float, longitude: float) -> str | None:
        if cls._finder is None:
            from timezonefinder import TimezoneFinder

            cls._finder = TimezoneFinder()
        return canonical_zone(cls._finder.timezone_at(lat=latitude, lng=longitude))


def clean_record(record, *, program: Program, default_timezone: str, warn: Warn, position) -> list[dict]:
    """Meeting field values, one dict per weekday, for one Meeting Guide-shaped record.

    Raises RecordProblem when the record cannot be imported; calls `warn(position, message, record_id)` for
    what is dropped or kept out of filters. Reads the program's MeetingType rows once (cached in vocabulary).
    """
    if not isinstance(record, dict):
        raise RecordProblem("not a meeting object")
    slug = text(record.get("slug")) or text(record.get("id"))
    if not slug:
        raise RecordProblem("no slug (the meeting's id in the feed)")
    name = text(record.get("name")) or text(record.get("location"))
    if not name:
        raise RecordProblem("no name")
    days = parse_days(record.get("day"))
    start = parse_time(record.get("time"))
    end = None
    if text(record.get("end_time")):
        end = parse_time(record.get("end_time"), "end_time")
    duration = duration_of(start, end) if end else _duration(record)

    address = formatted_address(record)
    approximate = is_approximate(record, address)
    latitude = parse_coordinate(record.get("latitude"), -90, 90)
    longitude = parse_coordinate(record.get("longitude"), -180, 180)
    if latitude is None or longitude is None or (latitude == 0 and longitude == 0):
        latitude = longitude = None

    zone = canonical_zone(record.get("timezone"))
    if zone is None and text(record.get("timezone")):
        warn(position, f"time zone {text(record.get('timezone'))!r} is not an IANA zone", slug)
    if zone is None and latitude is not None and not approximate:
        zone = ZoneFinder.zone_at(latitude, longitude)
    if zone is None:
        zone = canonical_zone(default_timezone)
    if zone is None:
        raise RecordProblem("no time zone: none in the record, no exact coordinates, and no --timezone")

    raw_types = parse_types(record.get("types"))
    types, languages, unknown = resolve_types(raw_types, program)
    if unknown:
        warn(position, f"unknown {program.short_name} types kept out of filters: {', '.join(unknown)}", slug)
    for language in record.get("languages") or []:
        if isinstance(language, str) and re.fullmatch(r"[a-z]{2}", language) and language not in languages:
            languages.append(language)

    conference_url = text(record.get("conference_url")) or text(record.get("video_conference_url"))
    conference_url = re.sub(r"\s+", "", conference_url)  # a URL has no spaces; feeds paste some in
    if conference_url and not re.match(r"(?i)^https?://[^\s/]+\.[^\s]+$", conference_url):
        warn(position, f"conference_url {conference_url!r} is not a web address; dropped", slug)
        conference_url = ""
    phone_raw = text(record.get("conference_phone"))
    phone = clean_phone(phone_raw)
    if phone_raw and not phone:
        warn(position, f"conference_phone {phone_raw!r} has fewer than 10 digits; dropped", slug)

    values = {
        "source_key": slug,
        "program": program,
        "name": name[:255],
        "time": start,
        "end_time": end,
        "duration_minutes": duration,
        "timezone": zone,
        "location_name": text(record.get("location"))[:255],
        "formatted_address": address[:500],
        "latitude": latitude,
        "longitude": longitude,
        "approximate": approximate,
        "location_notes": text(record.get("location_notes")),
        "region_path": "|" + "|".join(r.replace("|", "/") for r in regions_of(record)) + "|"
        if regions_of(record)
        else "",
        "group_name": text(record.get("group"))[:255],
        "group_notes": text(record.get("group_notes")),
        "conference_url": conference_url[:1000],
        "conference_url_notes": text(record.get("conference_url_notes")) if conference_url else "",
        "conference_phone": phone[:80],
        "conference_phone_notes": text(record.get("conference_phone_notes")) if phone else "",
        "types": types,
        "languages": languages,
        "notes": text(record.get("notes")),
        "url": text(record.get("url"))[:1000] if re.match(r"(?i)^https?://", text(record.get("url"))) else "",
        "feedback_url": text(record.get("feedback_url"))[:1000],
        "source_updated": parse_updated(record.get("updated")),
        "raw": record,
    }
    return [{**values, "day": day} for day in days]


def _duration(record: dict) -> int:
    try:
        minutes = int(record.get("duration") or 60)
    except (TypeError, ValueError):
        return 60
    return minutes if 5 <= minutes <= 1440 else 60

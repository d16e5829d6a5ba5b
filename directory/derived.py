"""Values derived from a meeting's own fields: attendance, conference provider, search text, filter keys.

These are recomputed on every save (Meeting.save), so a meeting edited by a steward and one imported from a
feed follow the same rules. The rules are the Meeting Guide's (shared/notes/meeting-data.md §1.5):
online = a conference URL or a dial-in phone; in person = not temporarily closed (TC) and not approximate;
both = hybrid; neither = inactive.

The small rules they rest on (a canonical zone name, a dialable phone number, accent-folded words) are used
by the import and the forms as well. This module was `directory.normalize`; an import cleans a feed record in
`directory.records` instead.
"""

import re
import unicodedata
import zoneinfo
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

# Conference host suffix -> the label on the join button (the list TSML and TSML UI share, plus Jitsi).
CONFERENCE_PROVIDERS = {
    "zoom.us": "Zoom",
    "zoom.com": "Zoom",
    "meet.google.com": "Google Meet",
    "teams.microsoft.com": "Microsoft Teams",
    "teams.live.com": "Microsoft Teams",
    "webex.com": "Webex",
    "goto.com": "GoTo",
    "gotomeet.me": "GoTo",
    "gotomeeting.com": "GoTo",
    "bluejeans.com": "BlueJeans",
    "discord.gg": "Discord",
    "discord.com": "Discord",
    "freeconference.com": "FreeConference",
    "freeconferencecall.com": "FreeConferenceCall",
    "meet.jit.si": "Jitsi",
    "meetings.dialpad.com": "Dialpad",
    "signal.group": "Signal",
    "skype.com": "Skype",
    "zoho.com": "Zoho Meeting",
    "horizon.meta.com": "Virtual Reality",
    "maps.secondlife.com": "Virtual Reality",
    "slurl.com": "Virtual Reality",
    "vrchat.com": "Virtual Reality",
}

# Legacy IANA names that zoneinfo still accepts, and the names tzdata uses now.
ZONE_ALIASES = {
    "Europe/Kiev": "Europe/Kyiv",
    "America/Montreal": "America/Toronto",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "America/Indianapolis": "America/Indiana/Indianapolis",
    "America/Fort_Wayne": "America/Indiana/Indianapolis",
    "America/Louisville": "America/Kentucky/Louisville",
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "Pacific/Truk": "Pacific/Chuuk",
    "US/Eastern": "America/New_York",
    "US/Central": "America/Chicago",
    "US/Mountain": "America/Denver",
    "US/Pacific": "America/Los_Angeles",
    "US/Alaska": "America/Anchorage",
    "US/Hawaii": "Pacific/Honolulu",
    "US/Arizona": "America/Phoenix",
    "Canada/Eastern": "America/Toronto",
    "Canada/Central": "America/Winnipeg",
    "Canada/Mountain": "America/Edmonton",
    "Canada/Pacific": "America/Vancouver",
    "GB": "Europe/London",
    "UTC": "UTC",
    "Etc/UTC": "UTC",
    "GMT": "UTC",
}

MINUTES_PER_WEEK = 7 * 24 * 60
TIME_OF_DAY = {
    # Local start times; night wraps past midnight.
    "morning": ((4, 0), (11, 59)),
    "afternoon": ((12, 0), (16, 59)),
    "evening": ((17, 0), (20, 59)),
    "night": ((21, 0), (3, 59)),
}


def canonical_zone(name: str | None) -> str | None:
    """The canonical IANA name for `name`, or None when it is not a zone (offsets like "-04:00" are not)."""
    if not name or not isinstance(name, str):
        return None
    name = name.strip()
    if name in ZONE_ALIASES:
        return ZONE_ALIASES[name]
    if not re.fullmatch(r"[A-Za-z_]+(/[A-Za-z0-9_+\-]+)*", name):
        return None
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None
    return name


def provider_for(url: str) -> str:
    """The conference provider's name for the join button; "" for a host we do not know."""
    host = (urlsplit(url).hostname or "").lower()
    for suffix, label in CONFERENCE_PROVIDERS.items():
        if host == suffix or host.endswith("." + suffix):
            return label
    return ""


def clean_phone(value: str) -> str:
    """Keep what one-tap dialling needs (digits, +, comma, *, #); "" unless there are at least 10 digits."""
    cleaned = re.sub(r"[^0-9+,*#]", "", value or "")
    return cleaned if sum(ch.isdigit() for ch in cleaned) >= 10 else ""


def fold(text: str) -> str:
    """Lower case without accents: what text search compares ("Sobriété" and "sobriete" are equal)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def search_words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def key_of(values) -> str:
    """ "|a|b|" for filtering with a plain substring match on every database."""
    values = [v for v in values if v]
    return "|" + "|".join(values) + "|" if values else ""


@lru_cache(maxsize=1024)
def standard_offset_minutes(zone_name: str) -> int:
    """The smallest UTC offset the zone uses in this year and the next (its offset without daylight saving).

    Sampled every few days, not by season: some zones step back for a few weeks only (Morocco in Ramadan).
    """
    zone = zoneinfo.ZoneInfo(zone_name)
    start = datetime(datetime.now().year, 1, 1, 12, tzinfo=UTC)
    offsets = {
        int((start + timedelta(days=day)).astimezone(zone).utcoffset().total_seconds() // 60)
        for day in range(0, 2 * 366, 3)
    }
    return min(offsets)


def utc_week_minute(day: int, hour: int, minute: int, zone_name: str) -> int:
    """Minutes after Sunday 00:00 UTC at which the meeting starts, at its zone's standard offset.

    The real start is between 0 and 60 minutes earlier while daylight saving is on; searches widen their
    windows by that much and then compute the exact moment (directory.times).
    """
    local = day * 1440 + hour * 60 + minute
    return (local - standard_offset_minutes(zone_name)) % MINUTES_PER_WEEK


def duration_of(start, end) -> int:
    """Minutes from a local start to a local end time; an end at or before the start crosses midnight."""
    if end is None:
        return 60
    start_minutes = start.hour * 60 + start.minute
    end_minutes = end.hour * 60 + end.minute
    if end_minutes <= start_minutes:
        end_minutes += 1440
    return end_minutes - start_minutes


def attendance_for(*, conference_url: str, conference_phone: str, types, approximate: bool, address: str) -> str:
    online = bool(conference_url) or bool(clean_phone(conference_phone))
    in_person = bool(address) and not approximate and "TC" not in {str(t).upper() for t in types}
    if online and in_person:
        return "hybrid"
    if online:
        return "online"
    if in_person:
        return "in_person"
    return "inactive"


def derived_fields(meeting) -> dict:
    fields = {
        "type_key": key_of(meeting.types),
        "language_key": key_of(meeting.languages),
        "conference_provider": provider_for(meeting.conference_url) if meeting.conference_url else "",
        "duration_minutes": duration_of(meeting.time, meeting.end_time)
        if meeting.end_time
        else (meeting.duration_minutes or 60),
        "attendance": attendance_for(
            conference_url=meeting.conference_url,
            conference_phone=meeting.conference_phone,
            types=meeting.types,
            approximate=meeting.approximate,
            address=meeting.formatted_address,
        ),
        "search_text": " "
        + " ".join(
            search_words(
                " ".join(
                    [
                        meeting.name,
                        meeting.location_name,
                        meeting.formatted_address,
                        meeting.group_name,
                        meeting.notes,
                        meeting.location_notes,
                        meeting.region_path.replace("|", " "),
                    ]
                )
            )
        )
        + " ",
    }
    start = meeting.time
    fields["utc_week_minute"] = utc_week_minute(meeting.day, start.hour, start.minute, meeting.timezone)
    return fields

"""Which feed format a file is, from the shape of its data (the file name only breaks ties)."""

import json
import re

from . import FeedError

FORMATS = ("meeting-guide", "bmlt", "tsml-csv", "oiaa")
BMLT_KEYS = {"id_bigint", "weekday_tinyint", "service_body_bigint", "meeting_name", "start_time"}
OIAA_KEYS = {"_id", "groupID", "accountID", "archived", "createdAt", "updatedAt", "startDateUTC"}


def _is_extended_json(record: dict) -> bool:
    return any(isinstance(v, dict) and ("$oid" in v or "$date" in v) for v in record.values())


def format_of_records(records: list) -> str:
    sample = [r for r in records[:50] if isinstance(r, dict)]
    if any(BMLT_KEYS & r.keys() for r in sample):
        return "bmlt"
    if any(_is_extended_json(r) or len(OIAA_KEYS & r.keys()) >= 2 for r in sample):
        return "oiaa"
    return "meeting-guide"


def detect_format(path_or_name, content: str) -> str:
    name = str(path_or_name or "").lower()
    head = content.lstrip("\ufeff \t\r\n")[:1]
    if head in ("[", "{"):
        try:
            data = json.loads(content)
        except json.JSONDecodeError:
            return "meeting-guide"  # its parser reports where the JSON breaks
        if isinstance(data, dict):
            if isinstance(data.get("meetings"), list):
                return format_of_records(data["meetings"])
            return "bmlt" if "formats" in data else "meeting-guide"
        if isinstance(data, list):
            return format_of_records(data)
        return "meeting-guide"
    first_line = content.lstrip("\ufeff").split("\n", 1)[0].lower()
    cells = {re.sub(r"[^a-z]", "", cell) for cell in re.split(r"[,;\t]", first_line)}
    if {"day", "time"} <= cells or name.endswith(".csv"):
        return "tsml-csv"
    if name.endswith(".json"):
        return "meeting-guide"
    raise FeedError("cannot tell the feed format: not JSON and not a CSV with Day and Time columns; give --format")

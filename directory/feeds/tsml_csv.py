"""The 12 Step Meeting List CSV (its import template, and the Google Sheets "table format").

Header names are plain-language keys ("Conference URL", "End Time"); days are names, times "6:00 PM",
types full names ("Open, Wheelchair Access"), which the importer resolves by label. A row's position is its
line in the file, the header being line 1.
"""

import csv
import io
import re
from typing import Any

from django.utils.text import slugify

from ..records import RecordProblem
from . import FeedError

# Header (folded: lower case, letters and digits only) -> Meeting Guide key.
COLUMNS = {
    "time": "time",
    "starttime": "time",
    "endtime": "end_time",
    "day": "day",
    "name": "name",
    "meetingname": "name",
    "location": "location",
    "address": "address",
    "formattedaddress": "formatted_address",
    "city": "city",
    "state": "state",
    "postalcode": "postal_code",
    "zip": "postal_code",
    "country": "country",
    "region": "region",
    "subregion": "sub_region",
    "subsubregion": "sub_sub_region",
    "regions": "regions",
    "types": "types",
    "notes": "notes",
    "locationnotes": "location_notes",
    "timezone": "timezone",
    "group": "group",
    "groupnotes": "group_notes",
    "conferenceurl": "conference_url",
    "conferenceurlnotes": "conference_url_notes",
    "conferencephone": "conference_phone",
    "conferencephonenotes": "conference_phone_notes",
    "slug": "slug",
    "id": "slug",
    "updated": "updated",
    "latitude": "latitude",
    "longitude": "longitude",
    "approximate": "approximate",
    "url": "url",
    "feedbackurl": "feedback_url",
}
# Names the TSML importer accepts besides the type labels.
TYPE_ALIASES = {
    "sign language": "ASL",
    "outdoor meeting": "OUT",
    "step meeting": "ST",
    "online meeting": "ONL",
    "temporary closure": "TC",
}


def _fold(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", header.lower())


def _types(value: str) -> list[str]:
    items = [item.strip() for item in re.split(r"[,;]", value or "") if item.strip()]
    return [TYPE_ALIASES.get(item.casefold(), item) for item in items]


def convert(row: dict) -> dict:
    record: dict[str, Any] = {
        key: value.strip() for key, value in row.items() if isinstance(value, str) and value.strip()
    }
    if "types" in record:
        record["types"] = _types(record["types"])
    if "regions" in record:
        record["regions"] = [part.strip() for part in record["regions"].split(">") if part.strip()]
    if "day" in record and "," in record["day"]:
        record["day"] = [part.strip() for part in record["day"].split(",") if part.strip()]
    if "address" in record and not any(k in record for k in ("city", "state", "postal_code", "country")):
        record["formatted_address"] = record.pop("address")
    if not record.get("slug"):
        base = slugify(" ".join(str(record.get(k, "")) for k in ("name", "location", "day", "time")))
        if not base:
            raise RecordProblem("no slug and no name")
        record["slug"] = base
    return record


def parse(content: str):
    if content.startswith("\ufeff"):
        content = content[1:]
    try:
        dialect = csv.Sniffer().sniff(content[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(content, newline=""), dialect)
    try:
        header = next(reader, None)
    except csv.Error as error:
        raise FeedError(f"not readable CSV at line {reader.line_num}: {error}") from None
    if not header:
        raise FeedError("the CSV file is empty")
    keys = [COLUMNS.get(_fold(name)) for name in header]
    missing = [name for name, key in (("Day", "day"), ("Time", "time"), ("Name", "name")) if key not in keys]
    if missing:
        raise FeedError(f"line 1: the header has no {', '.join(missing)} column (is this a 12 Step Meeting List CSV?)")
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FeedError(f"not readable CSV at line {line}: {error}") from None
        if not any(cell.strip() for cell in row):
            continue
        position = f"line {line}"
        if len(row) > len(header):
            yield position, RecordProblem(f"{len(row)} fields but the header has {len(header)}")
            continue
        values = {}
        for key, cell in zip(keys, row, strict=False):
            if key and cell.strip() and key not in values:
                values[key] = cell
        try:
            yield position, convert(values)
        except RecordProblem as problem:
            yield position, problem

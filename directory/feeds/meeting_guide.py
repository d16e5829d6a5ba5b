"""Meeting Guide JSON: a plain array of meeting objects (code4recovery/spec)."""

import json

from . import FeedError


def load_json(content: str):
    try:
        return json.loads(content)
    except json.JSONDecodeError as error:
        raise FeedError(f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None


def records_of(data, what: str = "a Meeting Guide feed") -> list:
    """The list of meeting objects: the array itself, or the "meetings" array of an envelope."""
    if isinstance(data, dict) and isinstance(data.get("meetings"), list):
        data = data["meetings"]
    if not isinstance(data, list):
        raise FeedError(f"{what} is a JSON array of meetings")
    return data


def parse(content: str):
    for index, record in enumerate(records_of(load_json(content)), start=1):
        yield f"record {index}", record

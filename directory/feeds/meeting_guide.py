"""Meeting Guide JSON: a plain array of meeting objects (code4recovery/spec)."""

import json

from . import FeedError


def load_json(content: str):
    try:
        return json.loads(content)
    except json.JSONDecodeError as error:
        raise FeedError(f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}") from None


def parse(content: str):
    data = load_json(content)
    if isinstance(data, dict) and isinstance(data.get("meetings"), list):
        data = data["meetings"]
    if not isinstance(data, list):
        raise FeedError("a Meeting Guide feed is a JSON array of meetings")
    for index, record in enumerate(data, start=1):
        yield f"record {index}", record

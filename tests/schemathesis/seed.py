"""Give member B things of their own through the API (a counter, a journal entry, a goal, a group with a thread…),
and write B's ids by path parameter name as JSON, so the fuzz run as A can try B's ids (they must answer 404).

Usage: python tests/schemathesis/seed.py BASE_URL MEMBERS_JSON IDS_JSON
"""

import json
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any


def call(base: str, token: str, method: str, path: str, body: dict | None = None) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path,
        data=data,
        method=method,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
    except urllib.error.HTTPError as error:
        print(f"seed: {method} {path} answered {error.code}: {error.read()[:300]!r}", file=sys.stderr)
        return None
    return json.loads(text) if text else None


def main(base: str, members_file: str, ids_file: str) -> None:
    members = json.loads(Path(members_file).read_text())
    b = members["b"]["token"]
    api = base.rstrip("/") + "/api/v1"
    ids: dict[str, list[Any]] = {"username": [members["b"]["username"]], **members.get("b_ids", {})}

    def keep(name: str, answer: Any, key: str = "id") -> None:
        if isinstance(answer, dict) and key in answer:
            ids.setdefault(name, []).append(answer[key])

    keep("counter_id", call(api, b, "POST", "/me/counters", {"pathway": "alcohol", "start_date": "2026-01-01"}))
    keep("entry_id", call(api, b, "POST", "/me/journal", {"title": "B's", "body": "Only B reads this."}))
    goal = call(api, b, "POST", "/me/goals", {"title": "Walk daily", "domain": "health"})
    keep("goal_id", goal)
    if goal:
        keep("step_id", call(api, b, "POST", f"/me/goals/{goal['id']}/steps", {"text": "Shoes by the door"}))
    keep("attendance_id", call(api, b, "POST", "/me/attendance", {"name": "Tuesday circle"}))
    tokens = call(api, b, "GET", "/me/tokens")
    for token in tokens if isinstance(tokens, list) else []:
        keep("token_id", token)
    Path(ids_file).write_text(json.dumps(ids, indent=2))
    print(f"seed: B's ids {json.dumps({k: len(v) for k, v in ids.items()})}")


if __name__ == "__main__":
    main(*sys.argv[1:4])

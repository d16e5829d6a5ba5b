"""What the page benchmarks (groups_bench.py, discussion_bench.py) share: a throwaway SQLite database migrated in
one subprocess, the bench itself run again as a --worker subprocess in it, and in that worker a list of GET requests
timed through the Django test client with their SQL queries counted, printed as one table.

A bench imports this module first (it puts the project on sys.path and names the settings), builds its own data and
its own cases, and leaves the rest here. A case is (label, user, url, needs_token): `user` is logged in with
force_login unless None; `needs_token` sends the API token given to measure() as a Bearer header.
"""

import argparse
import json
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerhaven.settings")

# Settings for a bench run: never the real secrets, database or cache.
BENCH_ENV = {
    "SECRET_KEY": "bench-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "testserver",
    "DATA_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWtleS0wMTIzNDU2Nzg5YWJjZGVmZ2g=",
    "SECURE_SSL_REDIRECT": "0",
}


# ---- the parent process ----------------------------------------------------------------------------------------


def main(argv, script: str, doc: str, db_path: Path, *, size: tuple[str, int], worker, title: str) -> None:
    """A page bench's command line. With --worker (in the subprocess): print `worker(args)`, a dict with the size,
    "requests" and "rows" from measure(), as one line of JSON. Without: run_in_fresh_db() on `script`, then print
    table() under `title`, formatted with that dict. `size` is the bench's own option and its default, e.g.
    ("members", 20_000) for --members. Costs what run_in_fresh_db() does."""
    name, default = size
    args = parse_args(argv, doc, db_path, f"--{name}", default)
    if args.worker:
        print(json.dumps(worker(args)))
        return
    worker_argv = [f"--{name}", str(getattr(args, name)), "--requests", str(args.requests)]
    result = run_in_fresh_db(script, db_path, worker_argv, keep=args.keep)
    print(table(title.format(**result), result["rows"]))


def parse_args(argv, doc: str, db_path: Path, size_option: str, size_default: int) -> argparse.Namespace:
    """The command line every page bench has: its own size option (e.g. --members), then --requests, --keep and
    the hidden --worker. Costs nothing."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument(size_option, type=int, default=size_default)
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--keep", action="store_true", help=f"keep {db_path.relative_to(ROOT)} afterwards")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def bench_env(db_path: Path) -> dict:
    """The environment of the subprocesses: this one's, with BENCH_ENV and SQLite at `db_path`, and without
    DATABASE_URL or REDIS_URL (so PostgreSQL and Redis are never touched). Costs nothing."""
    env = {**os.environ, **BENCH_ENV, "SQLITE_PATH": str(db_path)}
    env.pop("DATABASE_URL", None)
    env.pop("REDIS_URL", None)
    return env


def run_in_fresh_db(script: str, db_path: Path, worker_argv: list[str], keep: bool) -> dict:
    """Delete `db_path`, migrate it afresh (`manage.py migrate`, a subprocess of a few seconds), run `script
    --worker *worker_argv` in it (a subprocess; its stderr passes through) and return the JSON object on the last
    line of its stdout. The database file is deleted at the end, even on failure, unless `keep`."""
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.unlink(missing_ok=True)
    env = bench_env(db_path)
    try:
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "--skip-checks"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        out = subprocess.run(
            [sys.executable, script, "--worker", *worker_argv],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
    finally:
        if not keep:
            db_path.unlink(missing_ok=True)
    return json.loads(out.strip().splitlines()[-1])


def table(title: str, rows: list[dict]) -> str:
    """The printed result: `title`, then one line per row of measure() (request, median ms, p95 ms, queries).
    Costs nothing."""
    head = f"{'request':32} {'median ms':>10} {'p95 ms':>8} {'queries':>8}"
    lines = [title, head, "-" * len(head)]
    for row in rows:
        lines.append(f"{row['request']:32} {row['median_ms']:10.1f} {row['p95_ms']:8.1f} {row['queries']:8d}")
    return "\n".join(lines)


# ---- the worker ------------------------------------------------------------------------------------------------


def setup_django() -> None:
    """django.setup(), and plain static files storage: pages link their CSS through it and the bench has no
    collected manifest. Costs the setup (well under a second); call it before importing models."""
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import override_settings

    plain = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    override_settings(STORAGES=plain).enable()


def keep_one_connection() -> None:
    """As under the test runner: keep one database connection across requests, so that timings are not of
    reconnecting (Django otherwise closes it at the end of each request). Costs nothing."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)


def percentile(samples: list[float], p: float) -> float:
    """The nearest-rank `p`th percentile of `samples`. Sorts a copy: O(n log n)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


class QueryCounter:
    """An execute wrapper that counts the SQL statements run through it. Counted this way, not with
    connection.queries, because the request_started signal empties connection.queries_log mid-capture."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def count_queries(get) -> int:
    """How many SQL statements one call of `get` runs. Costs that one call."""
    from django.db import connection

    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        get()
    return counter.count


def time_ms(get, requests: int) -> list[float]:
    """The wall time in ms of each of `requests` calls of `get`, one after the other. Costs those calls."""
    times = []
    for _ in range(requests):
        started = time.perf_counter()
        get()
        times.append((time.perf_counter() - started) * 1000)
    return times


def measure_case(label: str, user, url: str, needs_token: bool, token: str, requests: int) -> dict:
    """One row of the table for GET `url`: a fresh test client (logged in as `user` unless None, which writes a
    session), one warm-up request that must answer 200, one request whose queries are counted, then `requests`
    timed ones: `requests` + 2 requests in all."""
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if needs_token else {}
    response = client.get(url, **headers)  # warm-up
    assert response.status_code == 200, (label, response.status_code)

    def get():
        return client.get(url, **headers)

    queries = count_queries(get)
    times = time_ms(get, requests)
    return {
        "request": label,
        "median_ms": statistics.median(times),
        "p95_ms": percentile(times, 95),
        "queries": queries,
    }


def measure(cases: list[tuple], token: str, requests: int) -> list[dict]:
    """measure_case() for each (label, user, url, needs_token) of `cases`, in order, printing each median to
    stderr as it goes: (`requests` + 2) requests per case."""
    rows = []
    for label, user, url, needs_token in cases:
        rows.append(measure_case(label, user, url, needs_token, token, requests))
        print(f"{label}: {rows[-1]['median_ms']:.1f} ms", file=sys.stderr, flush=True)
    return rows

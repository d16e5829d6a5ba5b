"""How fast the meeting finder answers its typical queries at world scale, and whether it answers right.

For each database (SQLite and PostgreSQL, each in its own subprocess because settings pick one database) and
for each typical query, over --points seeded random points/moments:
  engine  `directory.search.search(directory.query.parse_query(params))`, the code behind the finder and the API;
  raw     hand-written SQL using the same indexes (lat/lon box, utc_week_minute range, LIKE on
          search_text), then the same exact Python work (haversine, occurrence in the meeting's zone);
  scan    brute force over every row, loaded into Python lists before timing (linear in the directory;
          a cheap conservative arithmetic bound per row, then directory.times.occurrence_around and
          haversine on the rows the bound cannot rule out), which also gives the exact answer.
The engine's result ids must equal the scan's (same set; same order, since every query here is sorted).

Queries:
  a  near=<populated point>&radius_km=25&starts_within=120&types=O      (sorted by distance)
  b  in_progress=true&limit=50                                          (worldwide, sorted by start)
  c  q=<a common word>&limit=50                                         (sorted by start)
  d  near=<point>&nearest=20                                            (sorted by distance)
Then the import rate of a --import-count Meeting Guide feed through directory.importing.import_feed.

Run (see bench/README.md):  .venv/bin/python bench/directory_bench.py [--count 500000] [--points 200]
The data must have been generated first (bench/directory_gen.py) in both databases; --generate does it.
"""

import argparse
import bisect
import hashlib
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time as clock
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peerhaven.settings")

W = 7 * 1440
EARTH_RADIUS_KM = 6371.0088
DST = 60
WORDS = ["hope", "serenity", "group", "recovery", "step", "morning", "freedom", "gratitude", "women", "main"]
QUERIES = {
    "a": "near+radius25+starts_within120+types=O",
    "b": "in_progress worldwide, limit 50",
    "c": "text q=<common word>, limit 50",
    "d": "nearest=20",
}
BASE_ENV = {
    "SECRET_KEY": "bench-only-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "testserver",
    "DATA_ENCRYPTION_KEYS": "dGVzdC1vbmx5LWtleS0wMTIzNDU2Nzg5YWJjZGVmZ2g=",
    "SECURE_SSL_REDIRECT": "0",
}
DATABASES = {
    "sqlite": {"SQLITE_PATH": str(ROOT / "var" / "bench-directory.sqlite3")},
    "postgres": {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/peerhaven_bench"},
}


# ---- shared exact helpers ------------------------------------------------------------------------------


def haversine_km(lat1, lon1, lat2, lon2):
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


class Row:
    """The columns occurrence_around and the checks need; `zone` is a shared ZoneInfo."""

    __slots__ = (
        "approximate",
        "attendance",
        "day",
        "duration_minutes",
        "end_time",
        "latitude",
        "local",
        "longitude",
        "name",
        "omax",
        "omin",
        "pk",
        "search_text",
        "time",
        "timezone",
        "type_key",
        "zone",
    )


ZONES: dict = {}


def zone_bounds(name):
    """(ZoneInfo, min offset, max offset) in minutes, sampled daily over 2025-2027."""
    if name not in ZONES:
        from zoneinfo import ZoneInfo

        zone = ZoneInfo(name)
        offsets = set()
        day = datetime(2025, 1, 1, 12, tzinfo=UTC)
        for _ in range(3 * 366):
            offsets.add(int(day.astimezone(zone).utcoffset().total_seconds() // 60))
            day += timedelta(days=1)
        ZONES[name] = (zone, min(offsets), max(offsets))
    return ZONES[name]


def make_row(pk, name, day, start, end, duration, tz, lat, lon, approximate, attendance, type_key="", search_text=""):
    r = Row()
    r.pk, r.name, r.day, r.time, r.end_time, r.duration_minutes = pk, name, day, start, end, duration
    r.timezone = tz
    r.zone, r.omin, r.omax = zone_bounds(tz)
    r.latitude, r.longitude, r.approximate, r.attendance = lat, lon, bool(approximate), attendance
    r.type_key, r.search_text = type_key or "", search_text or ""
    r.local = day * 1440 + start.hour * 60 + start.minute
    return r


def has_distance(r):
    return r.latitude is not None and r.longitude is not None and not r.approximate and r.attendance != "online"


def week_minute(at):
    utc = at.astimezone(UTC)
    return (utc.isoweekday() % 7) * 1440 + utc.hour * 60 + utc.minute


def lower_bound(r, now):
    """Minutes from `now` to the row's next start at the earliest, or None when it may be in progress/wrap.

    The start's UTC week minute is local - offset with offset in [omin, omax]; 2 minutes of margin.
    """
    d = (r.local - r.omax - now - 1) % W
    if d + (r.omax - r.omin) + 2 >= W - ((r.duration_minutes or 60) + 62):
        return None
    return d


def minutes_after(start, at):
    return (start.astimezone(UTC) - at).total_seconds() / 60


def top_by_time(rows, at, k, occurrence_around, only_in_progress=False):
    """The k rows first by (start of the current-or-next occurrence, name, pk): exact, with early stop."""
    now = week_minute(at)
    unknown, bounded = [], []
    for r in rows:
        lb = lower_bound(r, now)
        if lb is None:
            unknown.append(r)
        elif not only_in_progress:
            bounded.append((lb, r.pk, r))

    def evaluate(r):
        start, end = occurrence_around(r, at)
        s_utc, e_utc = start.astimezone(UTC), end.astimezone(UTC)
        if only_in_progress and not (s_utc <= at < e_utc):
            return None
        return (s_utc, r.name, r.pk)

    best = sorted(item for r in unknown if (item := evaluate(r)))[:k]
    if not only_in_progress:
        bounded.sort(key=lambda t: t[0])
        for lb, _pk, r in bounded:
            if len(best) >= k and lb - 2 > minutes_after(best[k - 1][0], at):
                break
            item = evaluate(r)
            bisect.insort(best, item)
            del best[k:]
    return [key[2] for key in best]


def starts_within_filter(rows, at, minutes, occurrence_around):
    """Rows whose next start (not one in progress) is within `minutes` of `at`: the engine's _hit rule."""
    now = week_minute(at)
    limit = at + timedelta(minutes=minutes)
    kept = []
    for r in rows:
        lb = lower_bound(r, now)
        if lb is not None and lb - 2 > minutes:
            continue
        start, end = occurrence_around(r, at)
        upcoming, _ = occurrence_around(r, at, include_in_progress=False)
        if upcoming.astimezone(UTC) > limit:
            continue
        kept.append((r, start if start.astimezone(UTC) <= at < end.astimezone(UTC) else upcoming))
    return kept


def box(lat, lon, radius_km):
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM) * 1.0001
    widest = min(89.9, max(abs(lat + dlat), abs(lat - dlat)))
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * math.cos(math.radians(widest)))) * 1.0001
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


# ---- the worker: one database ----------------------------------------------------------------------------


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def worker(args):
    import django

    django.setup()
    from django.db import connection

    from directory.models import Meeting, Source
    from directory.query import parse_query
    from directory.search import search
    from directory.times import occurrence_around

    vendor = connection.vendor
    source = Source.objects.get(slug="bench-world")
    t0 = clock.perf_counter()
    columns = (
        "pk",
        "name",
        "day",
        "time",
        "end_time",
        "duration_minutes",
        "timezone",
        "latitude",
        "longitude",
        "approximate",
        "attendance",
        "type_key",
        "search_text",
    )
    everything = [
        make_row(*values)
        for values in Meeting.objects.active().order_by("pk").values_list(*columns).iterator(chunk_size=20000)
    ]
    total = Meeting.objects.count()
    bench_rows = Meeting.objects.filter(source=source).count()
    load_s = clock.perf_counter() - t0
    print(
        f"[{vendor}] {total} meetings ({bench_rows} bench, {len(everything)} active) loaded for the scan in "
        f"{load_s:.1f} s",
        file=sys.stderr,
        flush=True,
    )
    max_duration = max(r.duration_minutes or 60 for r in everything)  # what raw SQL may cache per import
    placed = [r for r in everything if has_distance(r)]

    rng = random.Random(args.seed)
    year_start = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
    moments = [
        datetime.fromtimestamp(year_start + rng.uniform(0, 365 * 86400), UTC).replace(microsecond=0)
        for _ in range(args.points)
    ]
    points_a = [(r.latitude, r.longitude) for r in (rng.choice(placed) for _ in range(args.points))]
    points_d = [
        (round(r.latitude + rng.gauss(0, 0.3), 5), round(r.longitude + rng.gauss(0, 0.3), 5))
        for r in (rng.choice(placed) for _ in range(args.points))
    ]
    words = [rng.choice(WORDS) for _ in range(args.points)]
    cols = (
        "id, name, day, time, end_time, duration_minutes, timezone, latitude, longitude, approximate, "
        "attendance, type_key"
    )
    active_sql = "is_active = %s AND attendance <> 'inactive'"

    def fetch(sql, params):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        out = []
        for values in fetched:
            values = list(values)
            if isinstance(values[3], str):  # SQLite returns times as text through a raw cursor
                from datetime import time as dtime

                values[3] = dtime.fromisoformat(values[3])
                values[4] = dtime.fromisoformat(values[4]) if values[4] else None
            out.append(make_row(*values))
        return out

    def window_sql(start, length):
        start %= W
        end = start + length
        if end < W:
            return "utc_week_minute BETWEEN %s AND %s", [start, end]
        return "(utc_week_minute >= %s OR utc_week_minute <= %s)", [start, end - W]

    # -- query a -----------------------------------------------------------------------------------------
    def engine_a(i):
        lat, lon = points_a[i]
        res = search(
            parse_query(
                {
                    "near": f"{lat},{lon}",
                    "radius_km": "25",
                    "starts_within": "120",
                    "types": "O",
                    "at": moments[i].isoformat(),
                }
            )
        )
        return [h.meeting.pk for h in res.hits]

    def sort_a(kept, lat, lon):
        keyed = [(haversine_km(lat, lon, r.latitude, r.longitude), start.astimezone(UTC), r.pk) for r, start in kept]
        keyed.sort()
        return [pk for _d, _s, pk in keyed[:50]]

    def raw_a(i):
        lat, lon = points_a[i]
        s, n, w, e = box(lat, lon, 25)
        wsql, wparams = window_sql(week_minute(moments[i]) - 1, 120 + DST + 2)
        rows = fetch(
            f"SELECT {cols} FROM directory_meeting WHERE {active_sql} AND latitude BETWEEN %s AND %s "
            f"AND longitude BETWEEN %s AND %s AND type_key LIKE %s AND {wsql}",
            [True, s, n, w, e, "%|O|%", *wparams],
        )
        near = [r for r in rows if has_distance(r) and haversine_km(lat, lon, r.latitude, r.longitude) <= 25]
        return sort_a(starts_within_filter(near, moments[i], 120, occurrence_around), lat, lon)

    def scan_a(i):
        lat, lon = points_a[i]
        dlat = math.degrees(25 / EARTH_RADIUS_KM) * 1.001
        near = [
            r
            for r in placed
            if abs(r.latitude - lat) <= dlat
            and "|O|" in r.type_key
            and haversine_km(lat, lon, r.latitude, r.longitude) <= 25
        ]
        return sort_a(starts_within_filter(near, moments[i], 120, occurrence_around), lat, lon)

    # -- query b -----------------------------------------------------------------------------------------
    def engine_b(i):
        res = search(parse_query({"in_progress": "true", "limit": "50", "at": moments[i].isoformat()}))
        return [h.meeting.pk for h in res.hits]

    def raw_b(i):
        now = week_minute(moments[i])
        wsql, wparams = window_sql(now - max_duration - 1, max_duration + 1 + DST + 1)
        rows = fetch(f"SELECT {cols} FROM directory_meeting WHERE {active_sql} AND {wsql}", [True, *wparams])
        return top_by_time(rows, moments[i], 50, occurrence_around, only_in_progress=True)

    def scan_b(i):
        return top_by_time(everything, moments[i], 50, occurrence_around, only_in_progress=True)

    # -- query c -----------------------------------------------------------------------------------------
    def engine_c(i):
        res = search(parse_query({"q": words[i], "limit": "50", "at": moments[i].isoformat()}))
        return [h.meeting.pk for h in res.hits]

    def raw_c(i):
        rows = fetch(
            f"SELECT {cols} FROM directory_meeting WHERE {active_sql} AND search_text LIKE %s", [True, f"% {words[i]}%"]
        )
        return top_by_time(rows, moments[i], 50, occurrence_around)

    def scan_c(i):
        needle = " " + words[i]
        return top_by_time([r for r in everything if needle in r.search_text], moments[i], 50, occurrence_around)

    # -- query d -----------------------------------------------------------------------------------------
    def engine_d(i):
        lat, lon = points_d[i]
        res = search(parse_query({"near": f"{lat},{lon}", "nearest": "20", "at": moments[i].isoformat()}))
        return [h.meeting.pk for h in res.hits]

    def raw_d(i):
        lat, lon = points_d[i]
        for radius in (5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 20100):
            s, n, w, e = box(lat, lon, radius)
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT id, latitude, longitude FROM directory_meeting WHERE is_active = %s AND attendance "
                    "NOT IN ('inactive', 'online') AND approximate = %s AND latitude BETWEEN %s AND %s AND "
                    "longitude BETWEEN %s AND %s",
                    [True, False, s, n, w, e],
                )
                found = [(d, pk) for pk, la, lo in cursor.fetchall() if (d := haversine_km(lat, lon, la, lo)) <= radius]
            if len(found) >= 20:
                return [pk for _d, pk in sorted(found)[:20]]
        return [pk for _d, pk in sorted(found)[:20]]

    def scan_d(i):
        lat, lon = points_d[i]
        band = 1.0
        while True:
            found = sorted(
                (haversine_km(lat, lon, r.latitude, r.longitude), r.pk) for r in placed if abs(r.latitude - lat) <= band
            )
            if (len(found) >= 20 and found[19][0] <= math.radians(band) * EARTH_RADIUS_KM) or band >= 180:
                return [pk for _d, pk in found[:20]]
            band *= 2

    if args.explain:
        return explain(connection, {"a": engine_a, "b": engine_b, "c": engine_c, "d": engine_d}, args)
    plan = {
        "a": (engine_a, raw_a, scan_a),
        "b": (engine_b, raw_b, scan_b),
        "c": (engine_c, raw_c, scan_c),
        "d": (engine_d, raw_d, scan_d),
    }
    results = {"vendor": vendor, "meetings": total, "active": len(everything), "points": args.points, "queries": {}}
    for key in args.queries:
        engine, raw, scan = plan[key]
        times = {"engine": [], "raw": [], "scan": []}
        mismatches, raw_mismatches, sizes = [], 0, []
        engine(0)  # warm caches (zoneinfo, program lookups)
        for i in range(args.points):
            got = {}
            for label, fn in (("engine", engine), ("raw", raw), ("scan", scan)):
                started = clock.perf_counter()
                got[label] = fn(i)
                times[label].append((clock.perf_counter() - started) * 1000)
            sizes.append(len(got["scan"]))
            if got["engine"] != got["scan"]:
                same_set = set(got["engine"]) == set(got["scan"])
                first = next(
                    (j for j, (x, y) in enumerate(zip(got["engine"], got["scan"], strict=False)) if x != y),
                    min(len(got["engine"]), len(got["scan"])),
                )
                mismatches.append(
                    {
                        "i": i,
                        "same_set": same_set,
                        "first_diff_at": first,
                        "engine_only": sorted(set(got["engine"]) - set(got["scan"]))[:5],
                        "scan_only": sorted(set(got["scan"]) - set(got["engine"]))[:5],
                        "engine_n": len(got["engine"]),
                        "scan_n": len(got["scan"]),
                        "at": moments[i].isoformat(),
                        "point": (points_a if key == "a" else points_d)[i] if key in "ad" else None,
                        "word": words[i] if key == "c" else None,
                    }
                )
            if got["raw"] != got["scan"]:
                raw_mismatches += 1
        summary = {label: {"median": statistics.median(v), "p95": percentile(v, 95)} for label, v in times.items()}
        results["queries"][key] = {
            "times": summary,
            "mismatches": len(mismatches),
            "examples": mismatches[:3],
            "raw_mismatches": raw_mismatches,
            "mean_hits": statistics.mean(sizes),
        }
        print(
            f"[{vendor}] {key}: engine p50 {summary['engine']['median']:.1f} ms p95 {summary['engine']['p95']:.1f}"
            f" | raw p50 {summary['raw']['median']:.1f} | scan p50 {summary['scan']['median']:.1f}"
            f" | mismatches {len(mismatches)}/{args.points}",
            file=sys.stderr,
            flush=True,
        )

    if args.import_count:
        results["import"] = measure_import(args)
    print(json.dumps(results, default=str))


def explain(connection, engines, args):
    """The SQL each engine query runs, its plan, and where the Python time goes (cProfile)."""
    import cProfile
    import io
    import pstats

    from django.test.utils import CaptureQueriesContext

    for key in args.queries:
        with CaptureQueriesContext(connection) as captured:
            started = clock.perf_counter()
            engines[key](1)
            elapsed = (clock.perf_counter() - started) * 1000
        print(f"==== {key} {QUERIES[key]}: {len(captured.captured_queries)} SQL queries, {elapsed:.1f} ms")
        for q in captured.captured_queries:
            print(f"-- {q['time']} s: {q['sql'][:600]}")
            if not q["sql"].startswith("SELECT"):
                continue
            with connection.cursor() as cursor:
                if connection.vendor == "sqlite":
                    cursor.execute("EXPLAIN QUERY PLAN " + q["sql"])
                    print("   plan: " + " | ".join(row[-1] for row in cursor.fetchall()))
                else:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + q["sql"])
                    print("   " + "\n   ".join(row[0] for row in cursor.fetchall()))
        profile = cProfile.Profile()
        profile.enable()
        for i in range(5):
            engines[key](i)
        profile.disable()
        stream = io.StringIO()
        pstats.Stats(profile, stream=stream).sort_stats("tottime").print_stats(12)
        print("\n".join(stream.getvalue().splitlines()[6:22]))


def measure_import(args):
    from directory_gen import generate, meeting_guide_record
    from django.db import connection

    from directory.feeds import meeting_guide
    from directory.importing import import_feed
    from directory.models import FeedFormat, Meeting, Program, Source

    aa = Program.objects.get(slug="aa")
    records = [
        meeting_guide_record(r) for r in generate(args.import_count * 2, args.seed + 1, {}) if r["program"] == "aa"
    ][: args.import_count]
    text = json.dumps(records, ensure_ascii=False)
    Source.objects.filter(slug="bench-import").delete()
    source = Source.objects.create(
        slug="bench-import", name="Benchmark import", format=FeedFormat.MEETING_GUIDE, program=aa
    )
    started = clock.perf_counter()
    report = import_feed(source, meeting_guide.parse(text))
    first = clock.perf_counter() - started
    started = clock.perf_counter()
    again = import_feed(source, meeting_guide.parse(text))  # a re-import: nothing changed
    second = clock.perf_counter() - started
    written = Meeting.objects.filter(source=source).count()
    old = Meeting.objects.filter(source=source)
    old._raw_delete(old.db)
    source.delete()
    out = {
        "records": len(records),
        "mb": len(text.encode()) / 1e6,
        "rows": written,
        "first_s": first,
        "first_rate": len(records) / first,
        "reimport_s": second,
        "reimport_rate": len(records) / second,
        "problems": len(report.problems),
        "created": report.created,
        "unchanged_again": again.unchanged,
    }
    print(
        f"[{connection.vendor}] import {len(records)} records: {first:.1f} s ({out['first_rate']:,.0f}/s); "
        f"re-import {second:.1f} s ({out['reimport_rate']:,.0f}/s)",
        file=sys.stderr,
        flush=True,
    )
    return out


# ---- the driver --------------------------------------------------------------------------------------------


def file_hash(path):
    return hashlib.sha256((ROOT / path).read_bytes()).hexdigest()[:10]


def table(all_results):
    lines = []
    head = (
        f"{'db':9} {'query':42} {'engine p50':>10} {'p95':>8} {'raw p50':>8} {'p95':>7} {'scan p50':>8} "
        f"{'p95':>7} {'eng/raw':>7} {'eng/scan':>8} {'hits':>5} {'== scan':>9}"
    )
    lines += [head, "-" * len(head)]
    for res in all_results:
        for key, q in res["queries"].items():
            t = q["times"]
            ok = "ok" if q["mismatches"] == 0 else f"{q['mismatches']} DIFF"
            lines.append(
                f"{res['vendor']:9} {key + ' ' + QUERIES[key]:42} {t['engine']['median']:10.2f} "
                f"{t['engine']['p95']:8.2f} {t['raw']['median']:8.2f} {t['raw']['p95']:7.2f} "
                f"{t['scan']['median']:8.2f} {t['scan']['p95']:7.2f} "
                f"{t['engine']['median'] / t['raw']['median']:7.1f} {t['engine']['median'] / t['scan']['median']:8.2f} "
                f"{q['mean_hits']:5.1f} {ok:>9}"
            )
    lines.append("times in ms; ratios are of medians; '== scan' compares the engine's ids and order with the scan's.")
    for res in all_results:
        for key, q in res["queries"].items():
            if q["raw_mismatches"]:
                lines.append(f"note: {res['vendor']} {key}: raw SQL differed from the scan {q['raw_mismatches']} times")
            for example in q["examples"][:1]:
                lines.append(f"mismatch {res['vendor']} {key}: {json.dumps(example, default=str)}")
    for res in all_results:
        if imp := res.get("import"):
            lines.append(
                f"import {res['vendor']}: {imp['records']} Meeting Guide records ({imp['mb']:.1f} MB) -> "
                f"{imp['rows']} rows in {imp['first_s']:.1f} s = {imp['first_rate']:,.0f} meetings/s; "
                f"unchanged re-import {imp['reimport_s']:.1f} s = {imp['reimport_rate']:,.0f}/s; "
                f"problems {imp['problems']}"
            )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--points", type=int, default=200)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--queries", default="abcd")
    parser.add_argument("--import-count", type=int, default=50_000, help="0 to skip the import measurement")
    parser.add_argument("--generate", type=int, metavar="COUNT", help="first (re)generate COUNT meetings")
    parser.add_argument("--json-out", default=str(ROOT / "var" / "bench-directory.json"))
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--explain", action="store_true", help="print SQL, plans and a profile; no timing")
    args = parser.parse_args(argv)
    if args.worker:
        return worker(args)

    names = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    print(
        f"directory/search.py {file_hash('directory/search.py')}, directory/importing.py "
        f"{file_hash('directory/importing.py')}, directory/models.py {file_hash('directory/models.py')}"
    )
    all_results = []
    for name in names:
        env = {**os.environ, **BASE_ENV, **DATABASES[name]}
        env.pop("DATABASE_URL" if name == "sqlite" else "SQLITE_PATH", None)
        if name == "sqlite":
            Path(DATABASES["sqlite"]["SQLITE_PATH"]).parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "--skip-checks"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        if args.generate:
            subprocess.run(
                [
                    sys.executable,
                    str(ROOT / "bench" / "directory_gen.py"),
                    "--count",
                    str(args.generate),
                    "--seed",
                    str(args.seed),
                ],
                env=env,
                check=True,
            )
        out = subprocess.run(
            [
                sys.executable,
                __file__,
                "--worker",
                "--points",
                str(args.points),
                "--seed",
                str(args.seed),
                "--queries",
                args.queries,
                "--import-count",
                str(args.import_count),
            ],
            env=env,
            check=True,
            stdout=subprocess.PIPE,
            text=True,
        ).stdout
        all_results.append(json.loads(out.strip().splitlines()[-1]))
    Path(args.json_out).write_text(json.dumps(all_results, indent=1, default=str))
    print(table(all_results))


if __name__ == "__main__":
    main()

"""Our directory as a Meeting Guide feed: valid, lossless on re-import, served at /api/v1/meeting-guide.json."""

import json
import re
from datetime import time
from io import StringIO

import pytest
from django.core.management import call_command

from directory.export import meeting_guide_feed
from directory.models import Meeting, Program, Source

pytestmark = pytest.mark.django_db

HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
UPDATED = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")


def validate(feed) -> list[str]:
    """Errors against the Meeting Guide spec (shared/notes/meeting-data.md §1.2, §1.5); [] when valid."""
    errors = []
    if not isinstance(feed, list):
        return ["a feed is a JSON array"]
    slugs = set()
    for index, record in enumerate(feed):
        where = f"record {index + 1}"
        for key in ("name", "slug", "day", "time", "timezone", "types", "approximate"):
            if key not in record:
                errors.append(f"{where}: no {key}")
        if not isinstance(record.get("name"), str) or not record.get("name") or len(record["name"]) > 255:
            errors.append(f"{where}: bad name")
        slug = record.get("slug")
        if not isinstance(slug, str) or not slug or len(slug) > 255 or slug in slugs:
            errors.append(f"{where}: slug {slug!r} missing or not unique")
        slugs.add(slug)
        days = record.get("day") if isinstance(record.get("day"), list) else [record.get("day")]
        if not days or any(not isinstance(d, int) or isinstance(d, bool) or not 0 <= d <= 6 for d in days):
            errors.append(f"{where}: day {record.get('day')!r}")
        if isinstance(record.get("day"), list) and len(set(days)) != len(days):
            errors.append(f"{where}: repeated day")
        for key in ("time", "end_time"):
            if key in record and not HHMM.match(str(record[key])):
                errors.append(f"{where}: {key} {record[key]!r}")
        if not isinstance(record.get("types"), list) or not all(isinstance(t, str) for t in record["types"]):
            errors.append(f"{where}: types must be a list of codes")
        if record.get("approximate") not in ("yes", "no"):
            errors.append(f"{where}: approximate must be yes or no")
        if ("latitude" in record) != ("longitude" in record):
            errors.append(f"{where}: latitude without longitude")
        if "latitude" in record and not (-90 <= record["latitude"] <= 90 and -180 <= record["longitude"] <= 180):
            errors.append(f"{where}: coordinates out of range")
        if record.get("updated") and not UPDATED.match(record["updated"]):
            errors.append(f"{where}: updated {record['updated']!r}")
        if not isinstance(record.get("regions", []), list):
            errors.append(f"{where}: regions must be a list")
        if not str(record.get("url", "")).startswith(("http://", "https://")):
            errors.append(f"{where}: url must be absolute")
        if record.get("conference_url") and not record["conference_url"].startswith(("http://", "https://")):
            errors.append(f"{where}: conference_url")
        if record.get("attendance_option") not in ("in_person", "online", "hybrid", "inactive"):
            errors.append(f"{where}: attendance_option")
    return errors


def run(path, *options) -> str:
    out = StringIO()
    call_command("import_meetings", str(path), *options, stdout=out)
    return out.getvalue()


FIELDS = (
    "name",
    "day",
    "time",
    "end_time",
    "timezone",
    "formatted_address",
    "latitude",
    "longitude",
    "approximate",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "types",
    "notes",
    "group_name",
    "group_notes",
    "region_path",
    "location_name",
    "location_notes",
    "attendance",
    "program_id",
)


def snapshot(source) -> dict:
    rows = {}
    for meeting in Meeting.objects.filter(source=source, is_active=True):
        values = {name: getattr(meeting, name) for name in FIELDS}
        for name in ("latitude", "longitude"):
            values[name] = round(values[name], 6) if values[name] is not None else None
        rows[(meeting.source_key, meeting.day)] = values
    return rows


ROUND_TRIPS = [
    ("meeting-guide/sepa-philadelphia-aa.json", ["--timezone", "America/New_York"]),
    ("meeting-guide/edmonton-aa-day-arrays.json", ["--timezone", "America/Edmonton"]),
    ("meeting-guide/massachusetts-al-anon.json", ["--program", "al-anon", "--timezone", "America/New_York"]),
    ("bmlt/bread-berlin-meetings.json", ["--timezone", "Europe/Berlin"]),
    ("csv/tsml-import-template-san-jose.csv", []),
    ("oiaa-central/oiaa-online-meetings.json", ["--timezone", "America/New_York"]),
]


@pytest.mark.parametrize(("name", "options"), ROUND_TRIPS)
def test_import_export_import_loses_nothing(shared_dir, tmp_path, name, options):
    run(shared_dir / "data/meeting-feeds" / name, "--source", "original", *options)
    original = Source.objects.get(slug="original")
    feed = meeting_guide_feed(
        Meeting.objects.filter(source=original).order_by("source_key", "day"),
        base_url="https://peerhaven.example",
        per_source=True,
    )
    assert validate(feed) == []
    program = original.program.slug
    (tmp_path / "export.json").write_text(json.dumps(feed))
    output = run(tmp_path / "export.json", "--source", "copy", "--program", program, "--format", "meeting-guide")
    assert "problems: 0" in output
    assert snapshot(Source.objects.get(slug="copy")) == snapshot(original)


def test_several_days_become_one_record_and_slugs_are_namespaced(shared_dir):
    feeds = shared_dir / "data/meeting-feeds"
    run(feeds / "meeting-guide/edge-times-string-days.json", "--source", "times", "--timezone", "America/New_York")
    run(feeds / "meeting-guide/edge-timezones.json", "--source", "zones")
    na = Program.objects.get(slug="na")
    Meeting.objects.create(program=na, name="Kept here", day=2, time=time(19), timezone="Europe/Berlin")
    source = Source.objects.get(slug="times")
    first = Meeting.objects.filter(source=source).first()
    copy = Meeting.objects.get(pk=first.pk)
    copy.pk, copy.day = None, (first.day + 3) % 7
    copy.save()  # the same source meeting on a second day
    Meeting.objects.filter(source__slug="zones").update(is_active=False)
    feed = meeting_guide_feed(Meeting.objects.all(), base_url="https://x.example/", per_source=False)
    assert validate(feed) == []
    slugs = {record["slug"] for record in feed}
    assert f"times-{first.source_key}" in slugs
    assert not any(slug.startswith("zones-") for slug in slugs)
    kept = next(r for r in feed if r["slug"].startswith("peerhaven-"))
    assert kept["program"] == "na" and kept["day"] == 2 and kept["time"] == "19:00"
    both = next(r for r in feed if r["slug"] == f"times-{first.source_key}")
    assert both["day"] == sorted({first.day, (first.day + 3) % 7})
    assert both["url"] == f"https://x.example/meetings/{first.pk}/"


@pytest.fixture
def two_sources(shared_dir):
    feeds = shared_dir / "data/meeting-feeds"
    run(feeds / "meeting-guide/sussex-delaware-aa.json", "--source", "sussex", "--timezone", "America/New_York")
    run(feeds / "bmlt/yap-meeting-search-42.867970-day2.json", "--source", "upstate")


def test_api_serves_the_whole_directory(client, two_sources):
    response = client.get("/api/v1/meeting-guide.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    feed = response.json()
    assert validate(feed) == []
    assert len(feed) == 123 + 53
    assert {r["slug"].split("-")[0] for r in feed} == {"sussex", "upstate"}
    assert all(r["url"].startswith("http://testserver/meetings/") for r in feed)


def test_api_serves_one_source_and_404s_an_unknown_one(client, two_sources):
    feed = client.get("/api/v1/meeting-guide.json?source=upstate").json()
    assert validate(feed) == []
    assert len(feed) == 53
    assert {r["program"] for r in feed} == {"na"}
    response = client.get("/api/v1/meeting-guide.json?source=nowhere")
    assert response.status_code == 404
    assert "message" in response.json()

"""manage.py import_meetings against every real feed in shared/data/meeting-feeds, and its failure modes."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from directory.models import Meeting, MeetingType, Source

pytestmark = pytest.mark.django_db

# (file under meeting-feeds, options, records, rows created, problems)
FEEDS = [
    ("meeting-guide/sepa-philadelphia-aa.json", ["--timezone", "America/New_York"], 2038, 2038, 0),
    ("meeting-guide/sf-marin-aa.json", [], 658, 658, 0),
    (
        "meeting-guide/massachusetts-al-anon.json",
        ["--program", "al-anon", "--timezone", "America/New_York"],
        360,
        360,
        0,
    ),
    (
        "meeting-guide/eating-disorders-anonymous.json",
        ["--program", "eda", "--timezone", "America/New_York"],
        185,
        185,
        0,
    ),
    ("meeting-guide/edmonton-aa-day-arrays.json", ["--timezone", "America/Edmonton"], 315, 315, 0),
    ("meeting-guide/sussex-delaware-aa.json", ["--timezone", "America/New_York"], 123, 123, 0),
    ("meeting-guide/kansas-city-aa.json", ["--timezone", "America/Chicago"], 206, 206, 0),
    ("meeting-guide/northwest-texas-aa-malformed.json", ["--timezone", "America/Chicago"], 613, 613, 0),
    ("meeting-guide/edge-timezones.json", [], 2, 2, 0),
    ("meeting-guide/edge-appointment.json", ["--timezone", "America/New_York"], 2, 1, 1),
    ("meeting-guide/edge-times-string-days.json", ["--timezone", "America/New_York"], 9, 8, 1),
    ("bmlt/bmlt-gnyr-sample-meetings.json", ["--timezone", "America/New_York"], 1555, 1513, 42),
    ("bmlt/bread-berlin-meetings.json", ["--timezone", "Europe/Berlin"], 108, 108, 0),
    ("bmlt/yap-meeting-search-42.867970-day2.json", [], 53, 53, 0),
    ("bmlt/yap-meeting-search-42.867970-day3.json", [], 54, 54, 0),
    ("bmlt/yap-meeting-search-42.867970-day4.json", [], 62, 62, 0),
    ("csv/tsml-import-template-san-jose.csv", [], 36, 36, 0),
    ("oiaa-central/oiaa-online-meetings.json", ["--timezone", "America/New_York"], 160, 150, 10),
]


def run(path, *options) -> str:
    out = StringIO()
    call_command("import_meetings", str(path), *options, stdout=out)
    return out.getvalue()


def counts(output: str) -> dict:
    line = next(line for line in output.splitlines() if line.startswith("records:"))
    return {k.strip(): int(v) for k, v in (part.split(":") for part in line.split(","))}


@pytest.fixture
def feeds(shared_dir):
    return shared_dir / "data" / "meeting-feeds"


@pytest.mark.parametrize(("name", "options", "records", "created", "problems"), FEEDS)
def test_every_feed_imports_with_its_problems_reported(feeds, name, options, records, created, problems):
    output = run(feeds / name, *options)
    found = counts(output)
    assert found["records"] == records
    assert found["created"] == created
    assert f"problems: {problems}" in output
    source = Source.objects.get()
    assert Meeting.objects.filter(source=source).count() == created
    assert source.last_report["records"] == records
    assert len(source.last_report["problems"]) == problems
    lines = output.splitlines()
    start = lines.index(f"problems: {problems}")
    for line in lines[start + 1 : start + 1 + problems]:
        assert line.startswith(("  record ", "  line ")), line
    # Same file again: in place, nothing new, nothing gone.
    again = counts(run(feeds / name, *options))
    assert (again["created"], again["updated"], again["deactivated"]) == (0, 0, 0)
    assert again["unchanged"] == created
    assert Meeting.objects.filter(source=source).count() == created


def test_invalid_json_is_one_clear_error_and_changes_nothing(feeds):
    with pytest.raises(CommandError) as error:
        run(feeds / "meeting-guide/edge-invalid-json.json")
    assert "not valid JSON" in str(error.value)
    assert "line 80, column 3" in str(error.value)
    assert not Source.objects.exists()
    assert not Meeting.objects.exists()


def test_invalid_json_exits_non_zero(feeds):
    import subprocess
    import sys

    from django.conf import settings

    result = subprocess.run(
        [sys.executable, "manage.py", "import_meetings", str(feeds / "meeting-guide/edge-invalid-json.json")],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        env={**__import__("os").environ, "SQLITE_PATH": "/nonexistent-dir/never-opened.sqlite3"},
    )
    assert result.returncode != 0
    assert "not valid JSON: Extra data at line 80, column 3" in result.stderr


def test_missing_file_and_unreachable_url_are_clear_errors(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run(tmp_path / "nope.json")
    with pytest.raises(CommandError, match=r"could not fetch http://127\.0\.0\.1:9/feed\.json"):
        run("http://127.0.0.1:9/feed.json")
    with pytest.raises(CommandError, match="not an IANA time zone"):
        (tmp_path / "ok.json").write_text("[]")
        run(tmp_path / "ok.json", "--timezone=-04:00")
    assert not Source.objects.exists()


def test_source_is_created_with_name_format_and_program(feeds):
    run(feeds / "bmlt/yap-meeting-search-42.867970-day2.json", "--source", "upstate-ny")
    source = Source.objects.get(slug="upstate-ny")
    assert (source.format, source.program.slug, source.name) == ("bmlt", "na", "Upstate Ny")
    run(feeds / "csv/tsml-import-template-san-jose.csv")
    source = Source.objects.get(slug="tsml-import-template-san-jose")
    assert (source.format, source.program.slug) == ("tsml-csv", "aa")


def test_northwest_texas_malformed_types_are_recovered(feeds):
    run(feeds / "meeting-guide/northwest-texas-aa-malformed.json", "--timezone", "America/Chicago")
    raw = json.loads((feeds / "meeting-guide/northwest-texas-aa-malformed.json").read_text())
    assert any(r["types"] == "[open]" for r in raw)
    first = next(r for r in raw if r["types"] == "[open]")
    meeting = Meeting.objects.get(source_key=str(first["slug"]))
    assert meeting.types == ["O"]
    assert Meeting.objects.filter(type_key__contains="|O|").count() > 100


def test_kansas_city_lower_case_onl_is_ignored(feeds):
    run(feeds / "meeting-guide/kansas-city-aa.json", "--timezone", "America/Chicago")
    raw = json.loads((feeds / "meeting-guide/kansas-city-aa.json").read_text())
    with_onl = [r for r in raw if "onl" in (r.get("types") or [])]
    assert with_onl
    for meeting in Meeting.objects.all():
        assert "ONL" not in [t.upper() for t in meeting.types]
        online = bool(meeting.conference_url or meeting.conference_phone)
        assert meeting.is_online == online


def test_al_anon_y_is_alateen(feeds):
    run(feeds / "meeting-guide/massachusetts-al-anon.json", "--program", "al-anon", "--timezone", "America/New_York")
    with_y = Meeting.objects.filter(type_key__contains="|Y|")
    assert with_y.exists()
    label = MeetingType.objects.get(program__slug="al-anon", code="Y").label("en")
    assert label == "Alateen"
    assert {m.program.slug for m in with_y} == {"al-anon"}


def test_edmonton_day_arrays_give_one_row_per_day(feeds):
    run(feeds / "meeting-guide/edmonton-aa-day-arrays.json", "--timezone", "America/Edmonton")
    raw = json.loads((feeds / "meeting-guide/edmonton-aa-day-arrays.json").read_text())
    assert all(isinstance(r["day"], list) for r in raw)
    assert Meeting.objects.count() == sum(len(set(r["day"])) for r in raw)
    record = raw[0]
    rows = Meeting.objects.filter(source_key=str(record["slug"]))
    assert sorted(rows.values_list("day", flat=True)) == sorted(set(record["day"]))
    assert Meeting.objects.filter(source_updated__isnull=False).count() == Meeting.objects.count()


def test_sepa_cross_midnight_end_times_are_kept(feeds):
    run(feeds / "meeting-guide/sepa-philadelphia-aa.json", "--timezone", "America/New_York")
    crossing = [m for m in Meeting.objects.exclude(end_time=None) if m.end_time < m.time]
    assert len(crossing) == 8
    assert all(0 < m.duration_minutes <= 24 * 60 for m in crossing)
    assert Meeting.objects.filter(time__hour=0, time__minute=0).count() >= 15


def test_berlin_virtual_meetings_have_no_coordinates(feeds):
    run(feeds / "bmlt/bread-berlin-meetings.json", "--timezone", "Europe/Berlin")
    raw = {r["id_bigint"]: r for r in json.loads((feeds / "bmlt/bread-berlin-meetings.json").read_text())}
    virtual = Meeting.objects.filter(source_key__in=[k for k, r in raw.items() if r["venue_type"] == "2"])
    assert virtual.count() == 23
    for meeting in virtual:
        assert meeting.latitude is None and meeting.longitude is None
        assert meeting.approximate
        assert meeting.timezone == "Europe/Berlin"
        assert meeting.attendance in ("online", "inactive")
    in_person = Meeting.objects.exclude(pk__in=virtual)
    assert all(m.latitude and 52 < m.latitude < 53 for m in in_person if m.latitude)
    assert {m.timezone for m in in_person} == {"Europe/Berlin"}


def test_bmlt_formats_map_to_na_codes_and_service_bodies_to_regions(feeds):
    run(feeds / "bmlt/bmlt-gnyr-sample-meetings.json", "--timezone", "America/New_York")
    meeting = Meeting.objects.get(source_key="2")  # formats "M,O,St", Saturday 14:00 for 1:30
    assert meeting.types == ["M", "O", "STEP"]
    assert (meeting.day, meeting.time.isoformat(), meeting.end_time.isoformat()) == (6, "14:00:00", "15:30:00")
    assert meeting.region_path  # from the sibling service-bodies file
    assert meeting.program.slug == "na"
    assert not Meeting.objects.filter(source_key="6").exists()  # unpublished


def test_bmlt_without_formats_passes_key_strings(feeds, tmp_path):
    raw = json.loads((feeds / "bmlt/bmlt-gnyr-sample-meetings.json").read_text())[:5]
    (tmp_path / "lone.json").write_text(json.dumps(raw))
    run(tmp_path / "lone.json", "--timezone", "America/New_York")
    assert Meeting.objects.get(source_key="2").types == ["M", "O"]  # "St" is server-local: unknown


def test_oiaa_zones_are_canonical_and_missing_zones_reported(feeds):
    output = run(feeds / "oiaa-central/oiaa-online-meetings.json")
    assert "no time zone" in output
    assert counts(output)["created"] == 149
    zones = set(Meeting.objects.values_list("timezone", flat=True))
    assert "Europe/Kyiv" in zones and "Europe/Kiev" not in zones
    assert "America/Toronto" in zones and "America/Montreal" not in zones
    assert all(m.attendance == "online" for m in Meeting.objects.all() if m.conference_url)
    # Sunday is 7 in central; the record's startDateUTC confirms it.
    assert Meeting.objects.filter(day=0).count() >= 23
    # With --timezone the zoneless records import too.
    Source.objects.all().delete()
    output = run(feeds / "oiaa-central/oiaa-online-meetings.json", "--timezone", "America/New_York")
    assert counts(output)["created"] == 150
    assert "no time zone" not in output


def test_oiaa_groups_file_names_the_group(feeds):
    run(
        feeds / "oiaa-central/oiaa-online-meetings.json",
        "--timezone",
        "UTC",
        "--groups",
        str(feeds / "oiaa-central/oiaa-groups.json"),
    )
    assert Meeting.objects.exclude(group_name="").count() > 100


def test_oiaa_archived_meetings_are_skipped(feeds, tmp_path):
    raw = json.loads((feeds / "oiaa-central/oiaa-online-meetings.json").read_text())[:3]
    raw[1]["archived"] = True
    (tmp_path / "central.json").write_text(json.dumps(raw))
    output = run(tmp_path / "central.json", "--format", "oiaa", "--timezone", "UTC")
    assert f"record 2 ({raw[1]['slug']}): archived in the source" in output
    assert Meeting.objects.count() == 2


def test_reimport_updates_in_place_and_deactivates_removed(feeds, tmp_path):
    raw = json.loads((feeds / "meeting-guide/sussex-delaware-aa.json").read_text())
    path = tmp_path / "sussex.json"
    path.write_text(json.dumps(raw))
    run(path, "--source", "sussex", "--timezone", "America/New_York")
    ids = dict(Meeting.objects.values_list("source_key", "pk"))
    removed, changed = raw[0], raw[1]
    changed["name"] = "Renamed Group"
    path.write_text(json.dumps(raw[1:]))
    found = counts(run(path, "--source", "sussex", "--timezone", "America/New_York"))
    assert found == {
        "records": 122,
        "created": 0,
        "updated": 1,
        "unchanged": 121,
        "deactivated": 1,
    }
    assert Meeting.objects.count() == 123
    assert dict(Meeting.objects.values_list("source_key", "pk")) == ids
    assert not Meeting.objects.get(source_key=str(removed["slug"])).is_active
    renamed = Meeting.objects.get(source_key=str(changed["slug"]))
    assert renamed.name == "Renamed Group" and "renamed" in renamed.search_text
    # Back in the feed: active again.
    path.write_text(json.dumps(raw))
    found = counts(run(path, "--source", "sussex", "--timezone", "America/New_York"))
    assert (found["updated"], found["deactivated"]) == (1, 0)
    assert Meeting.objects.filter(is_active=True).count() == 123


def test_malformed_csv_row_is_reported_with_its_line(feeds, tmp_path):
    lines = (feeds / "csv/tsml-import-template-san-jose.csv").read_text(encoding="utf-8").splitlines()
    lines.insert(3, '"7:00 PM",,"Someday","Bad Day",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"bad-day",')
    lines.insert(5, '"7:00 PM",,"Monday","Too Many",' + ",x" * 40)
    (tmp_path / "meetings.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = run(tmp_path / "meetings.csv")
    assert "line 4 (bad-day): day 'Someday' is not a weekday" in output
    assert "line 6: 45 fields but the header has 37" in output, output
    assert counts(output)["created"] == 36


def test_malformed_json_record_is_reported_while_good_ones_import(tmp_path):
    records = [
        {"slug": "a", "name": "Good", "day": 1, "time": "19:00", "timezone": "America/Chicago"},
        {"slug": "b", "name": "Bad time", "day": 1, "time": "7 pm", "timezone": "America/Chicago"},
        "not an object",
    ]
    (tmp_path / "feed.json").write_text(json.dumps(records))
    output = run(tmp_path / "feed.json")
    assert "record 2 (b): time '7 pm' is not a time like 19:30" in output
    assert "record 3: not a meeting object" in output
    assert Meeting.objects.get().name == "Good"

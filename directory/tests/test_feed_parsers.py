"""The feed parsers on their own: record shapes, positions, whole-file errors, format detection."""

import json

import pytest

from directory.feeds import FeedError, bmlt, meeting_guide, oiaa, tsml_csv
from directory.feeds.detect import detect_format
from directory.records import RecordProblem


def bmlt_meeting(**fields):
    base = {
        "id_bigint": "7",
        "weekday_tinyint": "1",
        "start_time": "23:30:00",
        "duration_time": "01:00:00",
        "meeting_name": "Late",
        "location_street": "1 Main St",
        "location_municipality": "Town",
        "location_province": "NY",
        "location_nation": "USA",
        "latitude": "42.5",
        "longitude": "-76.5",
        "formats": "O,VM",
        "published": "1",
    }
    return {**base, **fields}


def test_bmlt_days_times_and_wrap_past_midnight():
    [(position, record)] = list(bmlt.parse(json.dumps([bmlt_meeting()])))
    assert position == "record 1"
    assert (record["day"], record["time"], record["end_time"]) == (0, "23:30", "00:30")
    assert record["types"] == ["O"]  # VM is derived from the link, not a type
    assert record["formatted_address"] == "1 Main St, Town, NY, USA"


def test_bmlt_virtual_drops_coordinates_and_is_approximate():
    [(_, record)] = list(
        bmlt.parse(json.dumps([bmlt_meeting(venue_type="2", virtual_meeting_link="https://zoom.us/j/1")]))
    )
    assert "latitude" not in record and record["approximate"] == "yes"
    assert record["conference_url"] == "https://zoom.us/j/1"


def test_bmlt_unpublished_and_bad_weekday_are_problems_with_ids():
    items = list(
        bmlt.parse(json.dumps([bmlt_meeting(published="0"), bmlt_meeting(id_bigint="8", weekday_tinyint="0")]))
    )
    assert [p.record_id for _, p in items] == ["7", "8"]
    assert all(isinstance(p, RecordProblem) for _, p in items)
    assert "not published" in items[0][1].reason


def test_bmlt_world_ids_and_languages_through_formats():
    formats = [
        {"id": "1", "key_string": "Sp", "world_id": "SPK", "lang": "de"},
        {"id": "2", "key_string": "es", "world_id": "LANG", "lang": "de", "format_type_enum": "LANG"},
        {"id": "3", "key_string": "C", "world_id": "CLOSED", "lang": "de"},
    ]
    meeting = bmlt_meeting(formats="Sp,es,C", format_shared_id_list="1,2,3", root_server_id="4")
    [(_, record)] = list(bmlt.parse(json.dumps({"meetings": [meeting], "formats": formats})))
    assert record["types"] == ["SPK", "ES", "C"]
    assert record["languages"] == ["es"]
    assert record["slug"] == "4-7"


def test_bmlt_regions_from_service_bodies():
    bodies = [{"id": "1", "parent_id": "0", "name": "Region"}, {"id": "2", "parent_id": "1", "name": "Area"}]
    [(_, record)] = list(bmlt.parse(json.dumps([bmlt_meeting(service_body_bigint="2")]), service_bodies=bodies))
    assert record["regions"] == ["Area"]


def test_oiaa_extended_json_and_sunday_as_seven():
    raw = {
        "_id": {"$oid": "abc"},
        "name": "Online",
        "day": 7,
        "time": "09:00",
        "timezone": "Europe/Kiev",
        "updatedAt": {"$date": {"$numberLong": "1700000000000"}},
        "groupID": {"$oid": "g1"},
    }
    [(_, record)] = list(oiaa.parse(json.dumps([raw]), groups={"g1": {"name": "Group One"}}))
    assert record["slug"] == "abc" and record["day"] == 0 and record["group"] == "Group One"
    assert record["updated"] == "2023-11-14 22:13:20"


def test_tsml_csv_columns_and_positions():
    content = (
        '"Time","Day","Name","Types","Address","Slug"\n'
        '"6:00 PM","Monday","One","Open, Step Meeting","1 Main St, San Jose, CA 95124, USA","one"\n'
        '"7:00 PM","Tuesday","Two","Closed",,"two","extra"\n'
    )
    items = list(tsml_csv.parse(content))
    assert items[0][0] == "line 2"
    assert items[0][1]["types"] == ["Open", "ST"]
    assert items[0][1]["formatted_address"].startswith("1 Main St")
    assert items[1][0] == "line 3" and isinstance(items[1][1], RecordProblem)


def test_tsml_csv_without_day_column_is_unreadable():
    with pytest.raises(FeedError, match="line 1: the header has no Day"):
        list(tsml_csv.parse('"Time","Name"\n"6:00 PM","One"\n'))


def test_json_error_has_line_and_column():
    with pytest.raises(FeedError, match=r"line 2, column 1"):
        list(meeting_guide.parse('[{"a": 1}\n}'))
    with pytest.raises(FeedError, match="JSON array"):
        list(meeting_guide.parse('{"a": 1}'))


def test_detect_by_shape_not_name():
    assert detect_format("x.json", json.dumps([bmlt_meeting()])) == "bmlt"
    assert detect_format("bmlt.json", json.dumps([{"slug": "a", "day": 1}])) == "meeting-guide"
    assert detect_format("feed", json.dumps([{"_id": {"$oid": "1"}, "slug": "a"}])) == "oiaa"
    assert detect_format("feed.txt", '"Time","Day","Name"\n') == "tsml-csv"
    assert detect_format("x.json", json.dumps({"meetings": [bmlt_meeting()], "formats": []})) == "bmlt"
    assert detect_format("broken.json", "[{") == "meeting-guide"
    with pytest.raises(FeedError):
        detect_format("feed", "hello")


def test_shared_files_are_detected(shared_dir):
    feeds = shared_dir / "data/meeting-feeds"
    for folder, expected in (("meeting-guide", "meeting-guide"), ("oiaa-central", "oiaa"), ("csv", "tsml-csv")):
        for path in (feeds / folder).iterdir():
            if path.name != "oiaa-groups.json":
                assert detect_format(path, path.read_text(encoding="utf-8")) == expected, path
    for path in (feeds / "bmlt").glob("*meeting*.json"):
        assert detect_format(path, path.read_text(encoding="utf-8")) == "bmlt", path

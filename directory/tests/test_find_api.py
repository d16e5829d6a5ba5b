"""GET /api/v1/meetings against answers computed independently here, on the real feeds.

The oracle below does not use directory.search or directory.times: it lists every calendar day around the
moment asked about, keeps the meeting's weekdays, and builds each occurrence from the wall clock of the
meeting's zone. It is compared with the API in ordinary weeks, in the weeks clocks change (US and EU), and
around midnight.
"""

import math
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import SHARED_DIR, need
from directory.feeds import meeting_guide
from directory.importing import import_feed
from directory.models import Meeting, Program, Source

FEEDS = SHARED_DIR / "data" / "meeting-feeds" / "meeting-guide"
R_KM = 6371.0088


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    need(FEEDS.is_dir(), f"the shared meeting feeds at {FEEDS}")
    with django_db_blocker.unblock():
        aa = Program.objects.get(slug="aa")
        sources = []
        for slug, filename, zone in [
            ("sepa", "sepa-philadelphia-aa.json", "America/New_York"),
            ("edge-tz", "edge-timezones.json", ""),
            ("sf-marin", "sf-marin-aa.json", ""),
        ]:
            source = Source.objects.create(
                slug=slug, name=slug, format="meeting-guide", program=aa, default_timezone=zone
            )
            import_feed(source, meeting_guide.parse(Path(FEEDS / filename).read_text()))
            sources.append(source)
        london = Source.objects.create(slug="london", name="London", format="manual", program=aa)
        for day, start, end in [
            (0, "00:30", "01:30"),
            (0, "01:30", "02:30"),
            (6, "23:30", "00:45"),
            (0, "23:00", None),
        ]:
            Meeting.objects.create(
                source=london,
                source_key=f"l{day}{start}",
                program=aa,
                name=f"London {start}",
                day=day,
                time=start,
                end_time=end,
                timezone="Europe/London",
                formatted_address="1 Example Street, London, SE1 1AA, UK",
                latitude=51.5,
                longitude=-0.12,
                types=["O"],
                notes="Sobriété café",
            )
        sources.append(london)
        yield list(Meeting.objects.select_related("program", "source"))
        for source in sources:
            source.delete()


# ---- the oracle ---------------------------------------------------------------------------------------


def wall(day, clock, zone):
    """An aware datetime for a wall-clock time; a time the clocks skip is moved forward by the gap."""
    naive = datetime.combine(day, clock)
    for fold in (0, 1):
        candidate = naive.replace(tzinfo=zone, fold=fold)
        if candidate.astimezone(UTC).astimezone(zone).replace(tzinfo=None) == naive:
            return candidate.astimezone(UTC)
    offset_before = naive.replace(tzinfo=zone, fold=0).utcoffset()
    return (naive - offset_before).replace(tzinfo=UTC)


def occurrences(meeting, at):
    zone = ZoneInfo(meeting.timezone)
    local_day = at.astimezone(zone).date()
    for delta in range(-9, 10):
        day = local_day + timedelta(days=delta)
        if (day.weekday() + 1) % 7 != meeting.day:
            continue
        start = wall(day, meeting.time, zone)
        if meeting.end_time is None:
            end = start + timedelta(minutes=meeting.duration_minutes)
        else:
            end_day = day + timedelta(days=1) if meeting.end_time <= meeting.time else day
            end = wall(end_day, meeting.end_time, zone)
        yield start, end


def current_or_next(meeting, at):
    at = at.astimezone(UTC)
    found = sorted(occurrences(meeting, at))
    for start, end in found:
        if start <= at < end:
            return start, end, True
    start, end = min((s, e) for s, e in found if s >= at)
    return start, end, False


def next_start(meeting, at):
    return min(s for s, _e in occurrences(meeting, at) if s >= at.astimezone(UTC))


def haversine(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * R_KM * math.asin(math.sqrt(a))


def attendable(meeting):
    return meeting.is_active and meeting.attendance != "inactive"


def api(client, **params):
    """The answer's first page; with no limit given, every page followed through `next`."""
    follow = "limit" not in params
    response = client.get("/api/v1/meetings", {"limit": 500, **params})
    assert response.status_code == 200, response.content
    answer = response.json()
    while follow and answer["next"]:
        following = client.get(answer["next"]).json()
        answer = {**following, "results": answer["results"] + following["results"]}
    return answer


# Ordinary moments, the US and EU spring-forward and fall-back weeks, and just after midnight.
MOMENTS = [
    "2026-11-23T19:30:00-05:00",
    "2026-03-08T01:45:00-05:00",  # New York: clocks go forward at 02:00
    "2026-03-09T19:15:00-04:00",
    "2026-11-01T01:30:00-04:00",  # New York: the repeated hour
    "2026-03-29T00:45:00+00:00",  # London: clocks go forward at 01:00
    "2026-10-25T01:15:00+01:00",  # London: the repeated hour
    "2026-11-23T00:20:00-05:00",  # just after midnight: cross-midnight meetings run on
    "2026-11-22T23:59:00-08:00",
]


@pytest.mark.django_db
@pytest.mark.parametrize("moment", MOMENTS)
def test_in_progress_matches_the_oracle(client, directory, moment):
    at = datetime.fromisoformat(moment)
    expected = {m.pk for m in directory if attendable(m) and current_or_next(m, at)[2]}
    answer = api(client, in_progress="true", at=moment)
    assert {r["id"] for r in answer["results"]} == expected
    for row in answer["results"]:
        assert row["in_progress"] is True
        assert datetime.fromisoformat(row["starts_at"]) <= at < datetime.fromisoformat(row["ends_at"])


@pytest.mark.django_db
@pytest.mark.parametrize("moment", MOMENTS)
def test_starts_within_matches_the_oracle(client, directory, moment):
    at = datetime.fromisoformat(moment)
    expected = {m.pk for m in directory if attendable(m) and next_start(m, at) <= at + timedelta(minutes=90)}
    answer = api(client, starts_within=90, at=moment)
    assert {r["id"] for r in answer["results"]} == expected


@pytest.mark.django_db
@pytest.mark.parametrize("moment", MOMENTS[:4])
def test_default_order_is_by_current_or_next_start(client, directory, moment):
    at = datetime.fromisoformat(moment)
    keyed = sorted((current_or_next(m, at)[0], m.name, m.pk) for m in directory if attendable(m))
    answer = api(client, at=moment, limit=120)
    assert [r["id"] for r in answer["results"]] == [pk for _s, _n, pk in keyed[:120]]
    for row, (start, _name, _pk) in zip(answer["results"], keyed, strict=False):
        assert datetime.fromisoformat(row["starts_at"]) == start


@pytest.mark.django_db
def test_pages_follow_on_without_gaps_or_repeats(client, directory):
    whole = api(client, at=MOMENTS[0], limit=90)["results"]
    first = client.get("/api/v1/meetings", {"at": MOMENTS[0], "limit": 30}).json()
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    assert [r["id"] for r in first["results"] + second["results"] + third["results"]] == [r["id"] for r in whole]


@pytest.mark.django_db
def test_cross_midnight_meetings_are_in_progress_after_midnight(client, directory):
    crossing = [m for m in directory if m.end_time and m.end_time < m.time and attendable(m)]
    assert len(crossing) >= 5
    meeting = crossing[0]
    zone = ZoneInfo(meeting.timezone)
    start, _end, _now = current_or_next(meeting, datetime(2026, 11, 22, tzinfo=UTC))
    after_midnight = (start.astimezone(zone) + timedelta(days=1)).replace(hour=0, minute=5)
    if after_midnight.replace(tzinfo=None).time() >= meeting.end_time:
        pytest.skip("this meeting ends by 00:05")
    answer = api(client, in_progress="true", at=after_midnight.isoformat())
    assert meeting.pk in {r["id"] for r in answer["results"]}


@pytest.mark.django_db
def test_each_meeting_keeps_its_own_zone(client, directory):
    # 09:00 in San Francisco is 12:00 in Philadelphia: 15 minutes after the 11:45 Philadelphia meeting.
    edge = [m for m in directory if m.source.slug == "edge-tz"]
    assert len(edge) == 2
    answer = api(client, source="edge-tz", include_inactive="true", at=MOMENTS[0])
    results = {r["id"]: r for r in answer["results"]}
    starts = {m.name: datetime.fromisoformat(results[m.pk]["starts_at"]) for m in edge}
    at = datetime.fromisoformat(MOMENTS[0])
    for m in edge:
        assert starts[m.name] == current_or_next(m, at)[0]
    sf, pa = starts["San Francisco meeting at 9:00"], starts["PA meeting at 11:45"]
    assert sf - pa == timedelta(minutes=15)
    assert sf.isoformat().endswith("-08:00") and pa.isoformat().endswith("-05:00")


@pytest.mark.django_db
@pytest.mark.parametrize("radius", [0.5, 2, 10, 40])
def test_radius_search_is_inclusive_haversine_over_real_places(client, directory, radius):
    lat, lon = 39.9526, -75.1652
    expected = {
        m.pk
        for m in directory
        if attendable(m)
        and m.latitude is not None
        and not m.approximate
        and m.attendance != "online"
        and haversine(lat, lon, m.latitude, m.longitude) <= radius
    }
    answer = api(client, near=f"{lat},{lon}", radius_km=radius)
    assert {r["id"] for r in answer["results"]} == expected
    distances = [r["distance_km"] for r in answer["results"]]
    assert distances == sorted(distances)
    by_id = {m.pk: m for m in directory}
    for row in answer["results"]:
        m = by_id[row["id"]]
        assert row["distance_km"] == pytest.approx(haversine(lat, lon, m.latitude, m.longitude), abs=0.001)


@pytest.mark.django_db
def test_nearest_gives_the_n_nearest_however_far(client, directory):
    lat, lon = 40.3, -75.9  # outside the Philadelphia cluster
    real = sorted(
        (haversine(lat, lon, m.latitude, m.longitude), m.pk)
        for m in directory
        if attendable(m) and m.latitude is not None and not m.approximate and m.attendance != "online"
    )
    answer = api(client, near=f"{lat},{lon}", nearest=15)
    assert [r["id"] for r in answer["results"]] == [pk for _d, pk in real[:15]]


@pytest.mark.django_db
def test_online_only_and_approximate_meetings_never_get_a_distance(client, directory):
    answer = api(client, near="39.95,-75.16", attendance="online", limit=500)
    assert answer["results"]
    for row in answer["results"]:
        if row["attendance_option"] == "online" or row["location"]["approximate"]:
            assert row["distance_km"] is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "keep"),
    [
        ({"types": "O,D"}, lambda m: {"O", "D"} <= set(m.types)),
        ({"attendance": "in_person"}, lambda m: m.attendance in ("in_person", "hybrid")),
        ({"attendance": "online"}, lambda m: m.attendance in ("online", "hybrid")),
        ({"attendance": "hybrid"}, lambda m: m.attendance == "hybrid"),
        ({"day": 3}, lambda m: m.day == 3),
        ({"time_of_day": "morning"}, lambda m: 4 <= m.time.hour < 12),
        ({"time_of_day": "night"}, lambda m: m.time.hour >= 21 or m.time.hour < 4),
        ({"source": "sf-marin"}, lambda m: m.source.slug == "sf-marin"),
        ({"region": "Delaware County"}, lambda m: "|Delaware County|" in m.region_path),
        ({"language": "es"}, lambda m: "es" in m.languages),
        ({"q": "SOBRIETE cafe"}, lambda m: "Sobriété café" in m.notes),
        ({"q": "grace church"}, lambda m: all(w in m.search_text for w in (" grace", " church"))),
    ],
)
def test_filters_match_the_oracle(client, directory, params, keep):
    expected = {m.pk for m in directory if attendable(m) and keep(m)}
    assert expected, "each filter finds something in the real feeds"
    answer = api(client, at=MOMENTS[0], **params)
    assert {r["id"] for r in answer["results"]} == expected


@pytest.mark.django_db
def test_inactive_meetings_appear_only_when_asked(client, directory):
    inactive = [m for m in directory if not attendable(m)]
    assert inactive, "the real feeds have temporarily closed or inactive meetings"
    normal = {r["id"] for r in api(client, at=MOMENTS[0])["results"]}
    assert not normal & {m.pk for m in inactive}
    everything = client.get("/api/v1/meetings", {"include_inactive": "true", "limit": 500, "source": "sf-marin"})
    assert {m.pk for m in inactive if m.source.slug == "sf-marin"} <= {r["id"] for r in everything.json()["results"]}


@pytest.mark.django_db
def test_each_result_has_the_documented_fields(client, directory):
    row = api(client, near="39.95,-75.16", radius_km=5)["results"][0]
    assert set(row) >= {
        "id",
        "source",
        "source_id",
        "program",
        "name",
        "day",
        "time",
        "end_time",
        "timezone",
        "starts_at",
        "ends_at",
        "in_progress",
        "attendance_option",
        "types",
        "distance_km",
        "location",
        "conference_url",
        "conference_phone",
        "group",
        "region",
        "updated",
        "url",
    }
    assert set(row["location"]) == {"name", "formatted_address", "latitude", "longitude", "approximate"}
    assert row["url"].endswith(f"/meetings/{row['id']}/")
    offset = datetime.fromisoformat(row["starts_at"]).utcoffset()
    assert offset == datetime.fromisoformat(row["starts_at"]).astimezone(ZoneInfo(row["timezone"])).utcoffset()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("near=91,0", "near"),
        ("near=x", "near"),
        ("radius_km=3", "near"),
        ("near=1,1&radius_km=-1", "radius_km"),
        ("near=1,1&nearest=0", "nearest"),
        ("at=2026-11-22T10:00", "at"),
        ("at=soon", "at"),
        ("starts_within=-5", "starts_within"),
        ("day=7", "day"),
        ("time_of_day=teatime", "time_of_day"),
        ("source=nowhere", "source"),
        ("program=xyz", "program"),
        ("attendance=teleport", "attendance"),
        ("limit=501", "limit"),
        ("offset=-1", "offset"),
        ("sort=random", "sort"),
        ("in_progress=perhaps", "in_progress"),
        ("include_inactive=2", "include_inactive"),
        ("language=e$", "language"),
    ],
)
def test_bad_parameters_answer_400_naming_the_parameter(client, db, query, parameter):
    response = client.get(f"/api/v1/meetings?{query}")
    assert response.status_code == 400
    assert parameter in response.json()["message"]

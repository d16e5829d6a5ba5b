"""Import meetings into a source: upsert the cleaned records as Meeting rows, and report every problem.

Every feed format is first turned into Meeting Guide-shaped dicts by its parser (`directory/feeds/`), then
`import_feed()` cleans each one (`directory.records.clean_record`) and writes one Meeting row per weekly
day. A record that cannot be imported is reported with its position and reason; the rest import.
Re-importing a source updates rows in place (keyed by source, source id and day) and marks rows the source
no longer lists inactive.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from .models import LISTING_FIELDS, Meeting, Program, Source
from .records import RecordProblem, clean_record, text, vocabulary


@dataclass
class ImportReport:
    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deactivated: int = 0
    records: int = 0
    problems: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)

    def problem(self, position, reason: str, record_id: str = "") -> None:
        self.problems.append({"position": position, "id": record_id, "reason": reason})

    def warn(self, position, message: str, record_id: str = "") -> None:
        self.warnings.append({"position": position, "id": record_id, "message": message})

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "records": self.records,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deactivated": self.deactivated,
            "problems": self.problems,
            "warnings": self.warnings,
        }


# ---- a whole feed -------------------------------------------------------------------------------------

# What a re-import compares with the stored row (the day is part of the row's key, so never differs).
COMPARED_FIELDS = (
    "program_id",
    *(name for name in LISTING_FIELDS if name != "day"),
    "source_updated",
    "raw",
    "is_active",
)


BATCH_SIZE = 500
# Written by bulk_update for a changed row: the compared fields, the derived ones (apply_derived), the stamp.
UPDATED_FIELDS = {name.removesuffix("_id") for name in COMPARED_FIELDS} | {"updated_at"}


def import_feed(
    source: Source,
    records,
    *,
    program: Program | None = None,
    default_timezone: str = "",
    report: ImportReport | None = None,
) -> ImportReport:
    """Import `records`, an iterable of (position, record) or (position, RecordProblem), into `source`."""
    report = report or ImportReport(source=source.slug)
    program = program or source.program
    if program is None:
        raise ValueError("a program is needed: give --program or set the source's program")
    default_timezone = default_timezone or source.default_timezone
    vocabulary.cache_clear()

    rows: dict[tuple[str, int], dict] = {}
    for position, record in records:
        report.records += 1
        if isinstance(record, RecordProblem):
            report.problem(position, record.reason, record.record_id)
            continue
        try:
            for values in clean_record(
                record, program=program, default_timezone=default_timezone, warn=report.warn, position=position
            ):
                key = (values["source_key"], values["day"])
                if key in rows:
                    report.problem(
                        position, f"duplicate slug {values['source_key']!r}; kept the first", values["source_key"]
                    )
                    continue
                rows[key] = values
        except RecordProblem as problem:
            report.problem(position, problem.reason, text(record.get("slug")) if isinstance(record, dict) else "")

    with transaction.atomic():
        existing = {(m.source_key, m.day): m for m in Meeting.objects.filter(source=source)}
        now = timezone.now()
        new, changed_rows, derived = [], [], set()
        for key, values in rows.items():
            meeting = existing.pop(key, None)
            if meeting is None:
                meeting = Meeting(source=source, is_active=True, **values)
                meeting.apply_derived()
                new.append(meeting)
                continue
            values = {**values, "is_active": True}
            changed = [name for name in COMPARED_FIELDS if _differs(meeting, name, values)]
            if changed:
                for name in changed:
                    if name == "program_id":
                        meeting.program = values["program"]
                    else:
                        setattr(meeting, name, values[name])
                derived.update(meeting.apply_derived())
                meeting.updated_at = now
                changed_rows.append(meeting)
            else:
                report.unchanged += 1
        Meeting.objects.bulk_create(new, batch_size=BATCH_SIZE)
        report.created = len(new)
        if changed_rows:
            Meeting.objects.bulk_update(changed_rows, sorted(UPDATED_FIELDS | derived), batch_size=BATCH_SIZE)
        report.updated = len(changed_rows)
        gone = [m.pk for m in existing.values() if m.is_active]
        for start in range(0, len(gone), BATCH_SIZE):
            report.deactivated += Meeting.objects.filter(pk__in=gone[start : start + BATCH_SIZE]).update(
                is_active=False, updated_at=now
            )
        source.last_imported_at = now
        source.last_report = report.as_dict()
        source.save(update_fields=["last_imported_at", "last_report"])
    return report


def _differs(meeting: Meeting, name: str, values: dict) -> bool:
    if name == "program_id":
        return meeting.program_id != values["program"].pk
    return getattr(meeting, name) != values[name]

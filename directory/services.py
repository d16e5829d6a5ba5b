"""Every write to the directory's saved meetings, calendar links, corrections and steward edits."""

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from .models import (
    LISTING_FIELDS,
    CalendarFeed,
    Correction,
    Meeting,
    MeetingType,
    SavedMeeting,
    Source,
    new_calendar_key,
)


def save_meeting(user, meeting: Meeting) -> SavedMeeting:
    saved, _created = SavedMeeting.objects.get_or_create(user=user, meeting=meeting)
    return saved


def unsave_meeting(user, meeting: Meeting) -> None:
    SavedMeeting.objects.filter(user=user, meeting=meeting).delete()


def calendar_feed_for(user) -> CalendarFeed:
    """The member's private calendar link, made the first time they ask for it."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def reset_calendar_key(user) -> CalendarFeed:
    """A new private link; the old one stops working at once."""
    with transaction.atomic():
        feed, created = CalendarFeed.objects.select_for_update().get_or_create(user=user)
        if not created:
            feed.key = new_calendar_key()
            feed.save(update_fields=["key"])
    return feed


# Corrections a visitor who is not signed in may send per hour from one address; members are not limited.
CORRECTIONS_PER_HOUR = 5
_CORRECTIONS_WINDOW = 60 * 60


def _corrections_key(address: str) -> str:
    return f"directory:corrections:{address or 'unknown'}"


def _limited(reporter) -> bool:
    return reporter is None or not reporter.is_authenticated


def may_report_correction(reporter, address: str) -> bool:
    """False once an anonymous sender at `address` has sent CORRECTIONS_PER_HOUR this hour (one cache read)."""
    if not _limited(reporter):
        return True
    return (cache.get(_corrections_key(address)) or 0) < CORRECTIONS_PER_HOUR


def report_correction(
    meeting: Meeting, *, message: str, contact: str = "", reporter=None, address: str = ""
) -> Correction:
    """Record a correction for the stewards; an anonymous one counts towards its address's hourly limit."""
    limited = _limited(reporter)
    if limited:
        reporter = None
    correction = Correction.objects.create(
        meeting=meeting, reporter=reporter, message=message.strip(), contact=contact.strip()
    )
    if limited:
        _count_correction(address)
    return correction


def _count_correction(address: str) -> None:
    key = _corrections_key(address)
    cache.add(key, 0, timeout=_CORRECTIONS_WINDOW)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=_CORRECTIONS_WINDOW)


def _handle_correction(correction: Correction, status: str, by) -> Correction:
    correction.status = status
    correction.handled_by = by
    correction.handled_at = timezone.now()
    correction.save(update_fields=["status", "handled_by", "handled_at"])
    return correction


def apply_correction(correction: Correction, *, by) -> Correction:
    """Mark a correction applied (the steward has changed the meeting)."""
    return _handle_correction(correction, Correction.Status.APPLIED, by)


def dismiss_correction(correction: Correction, *, by) -> Correction:
    return _handle_correction(correction, Correction.Status.DISMISSED, by)


# Fields a steward may edit on the meeting form. Left out: what is derived from other fields (duration from
# the end time, languages from the types) and what only the source's feed says.
EDITABLE_FIELDS = tuple(
    name
    for name in LISTING_FIELDS
    if name not in {"duration_minutes", "languages", "region_path", "group_notes", "url", "feedback_url"}
)


def _languages_for(program_id: int, types: list[str], current: list[str]) -> list[str]:
    """Languages named by the meeting's types, plus any the source gave that no type names."""
    by_code = dict(
        MeetingType.objects.filter(program_id=program_id).exclude(language="").values_list("code", "language")
    )
    typed = set(by_code.values())
    languages = [lang for lang in current if lang not in typed]
    for code in types:
        lang = by_code.get(code)
        if lang and lang not in languages:
            languages.append(lang)
    return languages


def _apply_fields(meeting: Meeting, fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable meeting fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(meeting, name, value)
    if meeting.end_time is None and "end_time" in fields:
        meeting.duration_minutes = 60
    meeting.languages = _languages_for(meeting.program_id, list(meeting.types or []), list(meeting.languages or []))


def update_meeting(meeting: Meeting, **fields) -> Meeting:
    """Save a steward's edit; Meeting.save recomputes attendance, search keys and the UTC week minute."""
    _apply_fields(meeting, fields)
    meeting.save()
    return meeting


def create_meeting(source: Source, *, program, **fields) -> Meeting:
    """A new meeting kept in PeerHaven by the stewards of a manual source."""
    meeting = Meeting(source=source, program=program)
    _apply_fields(meeting, fields)
    meeting.save()
    return meeting

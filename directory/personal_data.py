"""What the directory exports in "Download my data", and what it erases when a member leaves."""

from lib.personal_data import register_eraser, register_exporter

from .models import CalendarFeed, Correction, SavedMeeting


def _iso(value):
    return value.isoformat() if value else None


@register_exporter(
    "directory",
    models=("directory.SavedMeeting", "directory.CalendarFeed", "directory.Correction"),
)
def export_directory(user) -> dict:
    saved = SavedMeeting.objects.filter(user=user).select_related("meeting", "meeting__program")
    return {
        "saved_meetings": [
            {
                "meeting": item.meeting.name,
                "meeting_id": item.meeting_id,
                "program": item.meeting.program.name,
                "saved_at": _iso(item.created_at),
            }
            for item in saved.order_by("created_at")
        ],
        # Whether a private calendar link exists; the key itself is a secret and is not exported.
        "has_calendar_link": CalendarFeed.objects.filter(user=user).exists(),
        "corrections_sent": [
            {
                "meeting": correction.meeting.name,
                "message": correction.message,
                "contact": correction.contact,
                "status": correction.status,
                "sent_at": _iso(correction.created_at),
            }
            for correction in Correction.objects.filter(reporter=user).select_related("meeting")
        ],
        "corrections_handled": [
            {
                "meeting": correction.meeting.name,
                "status": correction.status,
                "handled_at": _iso(correction.handled_at),
            }
            for correction in Correction.objects.filter(handled_by=user).select_related("meeting")
        ],
        "stewarded_sources": list(user.stewarded_sources.order_by("name").values_list("name", flat=True)),
    }


@register_eraser
def erase_correction_contacts(user) -> None:
    """Corrections stay for the stewards, without the way to reach the member who sent them."""
    Correction.objects.filter(reporter=user).update(contact="")

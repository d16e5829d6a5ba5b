"""Fellowships, meeting sources and weekly meeting times.

A meeting row is one weekly time: a local day and time with its IANA zone, never an offset or a one-off UTC
conversion. Time search uses `utc_week_minute`, the start as minutes after Sunday 00:00 UTC at the zone's
standard offset; the exact moment is always recomputed in the meeting's own zone (`directory.times`).
"""

import secrets
import zoneinfo
from datetime import datetime, time

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Philosophy(models.TextChoices):
    TWELVE_STEP = "twelve_step", _("12-step")
    SECULAR = "secular", _("Secular, science-based")
    FAITH_BASED = "faith_based", _("Faith-based")
    BUDDHIST = "buddhist", _("Buddhist-inspired")
    PEER_LED = "peer_led", _("Peer-led, no set program")


class Program(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    short_name = models.CharField(max_length=20)
    philosophy = models.CharField(max_length=20, choices=Philosophy)
    who_may_attend = models.TextField(blank=True)
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TypeCategory(models.TextChoices):
    TYPE = "type", _("Meeting type")
    FORMAT = "format", _("Format")
    FEATURE = "feature", _("Feature")
    COMMUNITY = "community", _("Community")
    LANGUAGE = "language", _("Language")


class MeetingType(models.Model):
    """One code of one program's vocabulary. Codes mean different things in different programs."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="meeting_types")
    code = models.CharField(max_length=20)
    names = models.JSONField(default=dict, help_text='Label by language code, e.g. {"en": "Open", "es": "Abierta"}')
    category = models.CharField(max_length=12, choices=TypeCategory, default=TypeCategory.TYPE)
    language = models.CharField(max_length=8, blank=True, help_text="ISO 639-1 code when this type is a language.")
    descriptions = models.JSONField(
        default=dict, blank=True, help_text="What this means for someone going for the first time, by language."
    )

    class Meta:
        ordering = ["program", "code"]
        constraints = [models.UniqueConstraint(fields=["program", "code"], name="one_code_per_program")]

    def __str__(self) -> str:
        return f"{self.program.short_name} {self.code}"

    def label(self, language: str = "en") -> str:
        return _in_language(self.names, language) or self.code

    def description(self, language: str = "en") -> str:
        return _in_language(self.descriptions, language)


def _in_language(texts: dict, language: str) -> str:
    return texts.get(language) or texts.get(language.split("-")[0]) or texts.get("en") or ""


class FeedFormat(models.TextChoices):
    MEETING_GUIDE = "meeting-guide", "Meeting Guide JSON"
    BMLT = "bmlt", "BMLT semantic JSON"
    TSML_CSV = "tsml-csv", "12 Step Meeting List CSV"
    OIAA = "oiaa", "OIAA central JSON"
    MANUAL = "manual", _("Entered in PeerHaven")


class Source(models.Model):
    """Where meetings come from: an imported feed, or meetings kept in PeerHaven by its stewards."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    format = models.CharField(max_length=20, choices=FeedFormat)
    url = models.URLField(blank=True, help_text="The live feed, when imported from one.")
    program = models.ForeignKey(Program, null=True, blank=True, on_delete=models.SET_NULL)
    default_timezone = models.CharField(max_length=64, blank=True)
    stewards = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="stewarded_sources")
    last_imported_at = models.DateTimeField(null=True, blank=True)
    last_report = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")
    INACTIVE = "inactive", _("Inactive")


class Weekday(models.IntegerChoices):
    """Meeting Guide numbering: 0 is Sunday (Python's date.weekday() has Monday as 0)."""

    SUNDAY = 0, _("Sunday")
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")


class MeetingQuerySet(models.QuerySet):
    def active(self) -> "MeetingQuerySet":
        """Meetings a person can go to: still listed by their source and not inactive or temporarily closed."""
        return self.filter(is_active=True).exclude(attendance=Attendance.INACTIVE)


class Meeting(models.Model):
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.CASCADE, related_name="meetings")
    source_key = models.CharField(max_length=255, blank=True, help_text="The slug or id in the source feed.")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="meetings")
    name = models.CharField(max_length=255)
    day = models.PositiveSmallIntegerField(choices=Weekday)
    time = models.TimeField()
    end_time = models.TimeField(null=True, blank=True, help_text="Local; at or before the start crosses midnight.")
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    timezone = models.CharField(max_length=64)
    utc_week_minute = models.PositiveSmallIntegerField(default=0, db_index=True, editable=False)

    location_name = models.CharField(max_length=255, blank=True)
    formatted_address = models.CharField(max_length=500, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    approximate = models.BooleanField(default=False, help_text="The address is only a rough area.")
    location_notes = models.TextField(blank=True)
    region_path = models.CharField(max_length=500, blank=True, help_text='Most general first: "|County|Town|".')

    group_name = models.CharField(max_length=255, blank=True)
    group_notes = models.TextField(blank=True)

    conference_url = models.URLField(max_length=1000, blank=True)
    conference_url_notes = models.TextField(blank=True)
    conference_provider = models.CharField(max_length=40, blank=True)
    conference_phone = models.CharField(max_length=80, blank=True)
    conference_phone_notes = models.TextField(blank=True)

    types = models.JSONField(default=list, blank=True, help_text="Type codes of the meeting's program.")
    type_key = models.CharField(max_length=500, blank=True, editable=False, help_text='"|O|D|" for filtering.')
    languages = models.JSONField(default=list, blank=True, help_text="ISO 639-1 codes.")
    language_key = models.CharField(max_length=100, blank=True, editable=False)
    notes = models.TextField(blank=True)
    url = models.URLField(max_length=1000, blank=True, help_text="The listing on the source's own site.")
    feedback_url = models.CharField(max_length=1000, blank=True)

    attendance = models.CharField(max_length=10, choices=Attendance, default=Attendance.IN_PERSON)
    is_active = models.BooleanField(default=True, help_text="Off when the source no longer lists it.")
    search_text = models.TextField(blank=True, editable=False)
    source_updated = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    raw = models.JSONField(default=dict, blank=True, help_text="The source record as it came.")

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["day", "time", "name"]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="meeting_lat_lon"),
            models.Index(fields=["source", "source_key"], name="meeting_source_key"),
            models.Index(fields=["source", "group_name"], name="meeting_source_group"),
            models.Index(fields=["duration_minutes"], name="meeting_duration"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_key", "day"],
                condition=~models.Q(source_key=""),
                name="one_row_per_source_meeting_day",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        derived = self.apply_derived()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | set(derived)
        super().save(*args, **kwargs)

    def apply_derived(self) -> list[str]:
        """Recompute attendance, filter keys, search text and the UTC week minute; call before bulk_create."""
        from .derived import derived_fields

        if isinstance(self.time, str):
            self.time = time.fromisoformat(self.time)
        if isinstance(self.end_time, str):
            self.end_time = time.fromisoformat(self.end_time) if self.end_time else None
        derived = derived_fields(self)
        for name, value in derived.items():
            setattr(self, name, value)
        return list(derived)

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def regions(self) -> list[str]:
        return [part for part in self.region_path.split("|") if part]

    @property
    def region(self) -> str:
        regions = self.regions
        return regions[-1] if regions else ""

    @property
    def is_online(self) -> bool:
        return self.attendance in (Attendance.ONLINE, Attendance.HYBRID)

    @property
    def is_in_person(self) -> bool:
        return self.attendance in (Attendance.IN_PERSON, Attendance.HYBRID)

    def next_start(self, after: datetime | None = None) -> datetime:
        """The next start at or after `after` (default: now), in the meeting's zone."""
        from .times import occurrence_around

        start, _end = occurrence_around(self, after or timezone.now(), include_in_progress=False)
        return start


# The listing fields of a meeting: what a feed record describes and a steward sees, in the order the meeting
# form shows them. The import, the export and the steward's form each take their part of this one list, so a
# new listing field is added here once (directory.importing, directory.export, directory.services).
LISTING_FIELDS = (
    "name",
    "day",
    "time",
    "end_time",
    "duration_minutes",
    "timezone",
    "location_name",
    "formatted_address",
    "latitude",
    "longitude",
    "approximate",
    "location_notes",
    "region_path",
    "group_name",
    "group_notes",
    "conference_url",
    "conference_url_notes",
    "conference_phone",
    "conference_phone_notes",
    "types",
    "languages",
    "notes",
    "url",
    "feedback_url",
)


class Correction(models.Model):
    """A correction anyone can send from a meeting page; it waits for the source's stewards."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting")
        APPLIED = "applied", _("Applied")
        DISMISSED = "dismissed", _("Dismissed")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="corrections")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    message = models.TextField()
    contact = models.CharField(max_length=200, blank=True, help_text="Optional: how the steward can reply.")
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Correction to {self.meeting}"


class SavedMeeting(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_meetings")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "meeting"], name="save_a_meeting_once")]

    def __str__(self) -> str:
        return f"{self.user} saved {self.meeting}"


def new_calendar_key() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """The private URL of a member's calendar of saved meetings; a new key makes the old URL stop working."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    key = models.CharField(max_length=64, unique=True, default=new_calendar_key)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Calendar of {self.user}"

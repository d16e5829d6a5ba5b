"""Fellowships and their meetings. The full directory (sources, locations, feeds) grows from here."""

import zoneinfo
from datetime import datetime, timedelta

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


class Weekday(models.IntegerChoices):
    """Meeting Guide numbering: 0 is Sunday."""

    SUNDAY = 0, _("Sunday")
    MONDAY = 1, _("Monday")
    TUESDAY = 2, _("Tuesday")
    WEDNESDAY = 3, _("Wednesday")
    THURSDAY = 4, _("Thursday")
    FRIDAY = 5, _("Friday")
    SATURDAY = 6, _("Saturday")


class MeetingQuerySet(models.QuerySet):
    def active(self) -> "MeetingQuerySet":
        return self.filter(is_active=True)


class Meeting(models.Model):
    """One weekly meeting time, kept in local time with its IANA time zone (never a fixed offset)."""

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="meetings")
    name = models.CharField(max_length=200)
    day = models.PositiveSmallIntegerField(choices=Weekday)
    time = models.TimeField()
    duration_minutes = models.PositiveSmallIntegerField(default=60)
    timezone = models.CharField(max_length=64)
    location_name = models.CharField(max_length=200, blank=True)
    formatted_address = models.CharField(max_length=300, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    conference_url = models.URLField(blank=True)
    conference_phone = models.CharField(max_length=60, blank=True)
    types = models.JSONField(default=list, blank=True, help_text="Type codes of the meeting's program.")
    notes = models.TextField(blank=True)
    is_active = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["day", "time", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def is_online(self) -> bool:
        return bool(self.conference_url or self.conference_phone)

    @property
    def is_in_person(self) -> bool:
        return bool(self.formatted_address) and "TC" not in self.types

    def next_start(self, after: datetime | None = None) -> datetime:
        """The next start at or after `after` (default: now), in the meeting's zone, across DST changes."""
        now = (after or timezone.now()).astimezone(self.zone)
        days_ahead = (self.day - int(now.strftime("%w"))) % 7
        for extra in (0, 7):
            date = (now + timedelta(days=days_ahead + extra)).date()
            start = datetime.combine(date, self.time, tzinfo=self.zone)
            if start >= now:
                return start
        raise AssertionError("unreachable: a weekly meeting starts within 14 days")

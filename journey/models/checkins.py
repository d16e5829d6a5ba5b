"""The daily check-in (one per member per day) and its reminder."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedTextField

from .base import OwnedQuerySet


class Trigger(models.Model):
    """A trigger in the member's own list, which grows as they name new ones."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="triggers")
    # Encrypted, so neither SQL order nor a unique constraint can see it: the services keep names distinct
    # (case-insensitively) and pages sort them in Python.
    name = EncryptedTextField(_("trigger"), max_length=60)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.name


def triggers_by_name(user) -> list[Trigger]:
    """The member's triggers in alphabetical order (sorted in Python: the names are encrypted in the database)."""
    return sorted(Trigger.objects.owned_by(user), key=lambda t: t.name.casefold())


def _between(field: str, low: int, high: int, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": low, f"{field}__lte": high}), name=name
    )


class CheckIn(models.Model):
    """How the day went. Every rating is optional except mood; the note and pledge are encrypted at rest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    date = models.DateField(_("date"))
    mood = models.PositiveSmallIntegerField(_("mood"), help_text=_("1 (very low) to 5 (very good)"))
    craving = models.PositiveSmallIntegerField(_("craving"), null=True, blank=True, help_text=_("0 (none) to 10"))
    triggers = models.ManyToManyField(Trigger, blank=True, related_name="checkins", verbose_name=_("triggers met"))
    hungry = models.BooleanField(_("hungry"), default=False)
    angry = models.BooleanField(_("angry"), default=False)
    lonely = models.BooleanField(_("lonely"), default=False)
    tired = models.BooleanField(_("tired"), default=False)
    sleep_hours = models.DecimalField(_("hours of sleep"), max_digits=3, decimal_places=1, null=True, blank=True)
    sleep_quality = models.PositiveSmallIntegerField(_("sleep quality"), null=True, blank=True)
    went_to_meeting = models.BooleanField(_("went to a meeting"), default=False)
    reached_out = models.BooleanField(_("reached out to someone"), default=False)
    health = models.PositiveSmallIntegerField(_("health"), null=True, blank=True)
    home = models.PositiveSmallIntegerField(_("home"), null=True, blank=True)
    purpose = models.PositiveSmallIntegerField(_("purpose"), null=True, blank=True)
    community = models.PositiveSmallIntegerField(_("community"), null=True, blank=True)
    note = EncryptedTextField(_("note"), blank=True)
    pledged = models.BooleanField(_("pledge for today"), default=False)
    pledge = EncryptedTextField(_("my pledge"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    shares = GenericRelation("journey.Share")  # withdrawn when the item is deleted
    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["user", "date"], name="one_checkin_per_day"),
            models.CheckConstraint(condition=Q(mood__gte=1, mood__lte=5), name="checkin_mood_1_5"),
            _between("craving", 0, 10, "checkin_craving_0_10"),
            _between("sleep_quality", 1, 5, "checkin_sleep_quality_1_5"),
            _between("health", 1, 5, "checkin_health_1_5"),
            _between("home", 1, 5, "checkin_home_1_5"),
            _between("purpose", 1, 5, "checkin_purpose_1_5"),
            _between("community", 1, 5, "checkin_community_1_5"),
            models.CheckConstraint(
                condition=Q(sleep_hours__isnull=True) | Q(sleep_hours__gte=0, sleep_hours__lte=24),
                name="checkin_sleep_hours_0_24",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}"


class CheckInReminder(models.Model):
    """When the member wants to be reminded to check in, and how. `next_at` is the next reminder (UTC)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkin_reminder")
    enabled = models.BooleanField(_("remind me"), default=True)
    time = models.TimeField(_("at"), help_text=_("In your time zone."))
    by_email = models.BooleanField(_("also by email"), default=False)
    next_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    objects = OwnedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.user} at {self.time}"

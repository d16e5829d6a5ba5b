"""Events of a group or of the whole site: workshops, social activities, employment help. Times are stored as
UTC instants and shown in the event's own zone (`time_zone`) and the member's."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    SOCIAL = "social", _("Social activity")
    EMPLOYMENT = "employment", _("Employment and training help")
    MEETING = "meeting", _("Gathering")
    OTHER = "other", _("Other")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Site-wide events for logged-in members, and events of the groups they may read."""
        from .groups import Group

        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(Q(group__isnull=True) | Q(group__in=Group.objects.readable_by(user)))


class Event(models.Model):
    group = models.ForeignKey("groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    organizer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    html = models.TextField(editable=False, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    online = models.BooleanField(_("online"), default=False)
    join_url = models.URLField(_("link to join"), blank=True, max_length=500)
    location = models.CharField(_("place"), max_length=300, blank=True)
    capacity = models.PositiveIntegerField(_("places"), null=True, blank=True, help_text=_("Empty: no limit."))
    status = models.CharField(max_length=10, choices=EventStatus, default=EventStatus.SCHEDULED)
    created_at = models.DateTimeField(default=timezone.now)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="event_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.title


class RSVPStatus(models.TextChoices):
    GOING = "going", _("Going")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Not going")


class RSVP(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="rsvps")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rsvps")
    status = models.CharField(max_length=10, choices=RSVPStatus)
    created_at = models.DateTimeField(default=timezone.now, help_text="Order of the waiting list.")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="one_rsvp_per_member")]

    def __str__(self) -> str:
        return f"{self.user} {self.status} {self.event}"

"""Recovery counters and their periods: a slip closes a period and starts another; no period is ever lost."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedTextField

from .. import milestones
from .base import today_for  # noqa: F401  (re-exported: journey.models.today_for)


class Pathway(models.TextChoices):
    ALCOHOL = "alcohol", _("Alcohol")
    OPIOIDS = "opioids", _("Opioids")
    STIMULANTS = "stimulants", _("Stimulants")
    CANNABIS = "cannabis", _("Cannabis")
    GAMBLING = "gambling", _("Gambling")
    ALL_SUBSTANCES = "all_substances", _("All substances")
    CUSTOM = "custom", _("Something else (name it)")


# A short list; the member picks the one they spend in.
CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "NZD", "MXN", "BRL", "INR", "ZAR", "CHF", "SEK", "NOK", "DKK", "JPY"]


def days_between(start: date, end: date) -> int:
    """Full days from `start` (day 0) to `end`; never negative."""
    return max((end - start).days, 0)


class CounterQuerySet(models.QuerySet):
    def owned_by(self, user) -> "CounterQuerySet":
        """A member's own counters; nobody else ever sees them. Periods come prefetched, oldest first."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(user=user).prefetch_related(
            models.Prefetch("periods", queryset=Period.objects.order_by("start_date", "pk"))
        )


@dataclass(frozen=True)
class Summary:
    """What a counter answers on a given day."""

    start_date: date
    days: int
    total_days: int
    longest_days: int
    periods: int
    milestones_reached: list[milestones.Milestone]
    next_milestone: milestones.Milestone
    money_saved: Decimal | None


class Counter(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="counters")
    pathway = models.CharField(_("pathway"), max_length=20, choices=Pathway)
    name = models.CharField(_("name"), max_length=60, blank=True)
    cost_per_day = models.DecimalField(_("cost per day"), max_digits=9, decimal_places=2, null=True, blank=True)
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    why = EncryptedTextField(_("why it matters"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    shares = GenericRelation("journey.Share")  # withdrawn when the item is deleted
    objects = CounterQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(cost_per_day__gte=0) | Q(cost_per_day__isnull=True), name="cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.name or str(self.get_pathway_display())

    def ordered_periods(self) -> list["Period"]:
        """Oldest first; uses the prefetch from `owned_by` when there is one, else one query."""
        return sorted(self.periods.all(), key=lambda p: (p.start_date, p.pk))

    def current_period(self) -> "Period":
        return self.ordered_periods()[-1]

    def summary(self, today: date) -> Summary:
        """Every figure of the counter on `today` (the member's date: see `today_for`)."""
        periods = self.ordered_periods()
        current = periods[-1]
        lengths = [p.length(today) for p in periods]
        days = lengths[-1]
        total = sum(lengths)
        money = None
        if self.cost_per_day is not None:
            money = (self.cost_per_day * total).quantize(Decimal("0.01"))
        return Summary(
            start_date=current.start_date,
            days=days,
            total_days=total,
            longest_days=max(lengths),
            periods=len(periods),
            milestones_reached=milestones.milestones_reached(current.start_date, today),
            next_milestone=milestones.next_milestone(current.start_date, today),
            money_saved=money,
        )


class Period(models.Model):
    """A stretch of recovery; the current one has no end date."""

    counter = models.ForeignKey(Counter, on_delete=models.CASCADE, related_name="periods")
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")), name="period_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["counter"], condition=Q(end_date__isnull=True), name="one_current_period_per_counter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.start_date} – {self.end_date or '…'}"

    def length(self, today: date) -> int:
        return days_between(self.start_date, self.end_date or today)


class Slip(models.Model):
    """A slip, told only to the member's own record, with what they chose to write about it."""

    counter = models.ForeignKey(Counter, on_delete=models.CASCADE, related_name="slips")
    date = models.DateField(_("date of the slip"))
    what_happened = EncryptedTextField(_("what happened"), blank=True)
    learned = EncryptedTextField(_("what I learned"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.counter} — {self.date}"

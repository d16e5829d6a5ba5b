"""Crisis lines for the Get help page, kept as data an operator edits in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LineKind(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency services")
    CRISIS = "crisis", _("Crisis and suicide prevention")
    OVERDOSE = "overdose", _("Overdose: never use alone")
    ADDICTION = "addiction", _("Drug and alcohol helpline")
    SUPPORT = "support", _("Someone to talk to")


class CrisisLineQuerySet(models.QuerySet):
    def active(self) -> "CrisisLineQuerySet":
        return self.filter(is_active=True)


class CrisisLine(models.Model):
    country = models.CharField(
        max_length=2, help_text="ISO 3166-1 alpha-2 code, e.g. US, GB. Use ZZ for lines that serve every country."
    )
    country_name = models.CharField(max_length=80)
    kind = models.CharField(max_length=12, choices=LineKind)
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=300, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    text = models.CharField(max_length=40, blank=True, help_text="A number to text, if the line takes texts.")
    website = models.URLField(blank=True)
    hours = models.CharField(max_length=80, blank=True, default="24/7")
    languages = models.CharField(max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(default=True)
    verified_on = models.DateField(
        null=True, blank=True, help_text="When someone last checked these numbers against the line's own source."
    )

    objects = CrisisLineQuerySet.as_manager()

    class Meta:
        ordering = ["country_name", "order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.country})"

    @property
    def phone_uri(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")

    @property
    def text_uri(self) -> str:
        return "sms:" + "".join(ch for ch in self.text if ch.isdigit() or ch == "+")

"""The recovery plan (one per member) and SMART Recovery worksheets. Both are encrypted at rest."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedJSONField, EncryptedTextField

from .base import OwnedQuerySet


class RecoveryPlan(models.Model):
    """Free text where the member writes in their own words; lists of pairs where a list is natural.

    `triggers`: [{"trigger": str, "response": str}]; `people`: [{"name": str, "phone": str, "note": str}].
    """

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recovery_plan")
    warning_signs = EncryptedTextField(_("my warning signs"), blank=True)
    triggers = EncryptedJSONField(_("triggers and how I handle each"), default=list)
    coping = EncryptedTextField(_("what helps me cope"), blank=True)
    people = EncryptedJSONField(_("people I can call"), default=list)
    places_to_avoid = EncryptedTextField(_("places and situations I avoid"), blank=True)
    reasons = EncryptedTextField(_("my reasons for recovery"), blank=True)
    crisis_plan = EncryptedTextField(_("if I am in crisis"), blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    shares = GenericRelation("journey.Share")  # withdrawn when the item is deleted
    objects = OwnedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Plan of {self.user}"


class WorksheetKind(models.TextChoices):
    COST_BENEFIT = "cost_benefit", _("Cost-benefit analysis")
    ABC = "abc", _("ABC (activating event, belief, consequence)")
    URGE_LOG = "urge_log", _("Urge log")
    HALT = "halt", _("HALT check")
    CHANGE_PLAN = "change_plan", _("Change plan")


class Worksheet(models.Model):
    """A filled worksheet; `data` holds the answers in the shape of its kind (journey/worksheets.py)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="worksheets")
    kind = models.CharField(_("worksheet"), max_length=20, choices=WorksheetKind)
    title = EncryptedTextField(_("title"), blank=True)
    data = EncryptedJSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    shares = GenericRelation("journey.Share")  # withdrawn when the item is deleted
    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"

    def answered_sections(self):
        """Each section of the kind with its questions and answers, for read-only templates."""
        from ..worksheets import answered_sections

        return answered_sections(self.kind, self.data)

"""Goals in the four domains, with steps, a target date and progress."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedTextField

from .base import Domain, OwnedQuerySet


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Working on it")
    DONE = "done", _("Reached")
    SET_ASIDE = "set_aside", _("Set aside for now")


class Goal(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("domain"), max_length=10, choices=Domain)
    title = EncryptedTextField(_("goal"), max_length=120)
    why = EncryptedTextField(_("why it matters"), blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus, default=GoalStatus.ACTIVE)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    shares = GenericRelation("journey.Share")  # withdrawn when the item is deleted
    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["status", "target_date", "pk"]
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="goal_progress_0_100")]

    def __str__(self) -> str:
        return self.title


class GoalStep(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="steps")
    text = EncryptedTextField(_("step"), max_length=200)
    done = models.BooleanField(_("done"), default=False)
    position = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.text

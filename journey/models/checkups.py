"""The monthly recovery check-up: our own questionnaire (journey/checkup.py), scored per domain and in total."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import OwnedQuerySet


class Checkup(models.Model):
    """One check-up. `answers` maps question keys to the chosen score; the scores are stored for charts."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkups")
    taken_on = models.DateField(_("date"))
    answers = models.JSONField(default=dict)
    health = models.PositiveSmallIntegerField(_("health"))
    home = models.PositiveSmallIntegerField(_("home"))
    purpose = models.PositiveSmallIntegerField(_("purpose"))
    community = models.PositiveSmallIntegerField(_("community"))
    total = models.PositiveSmallIntegerField(_("total"))
    created_at = models.DateTimeField(default=timezone.now)

    shares = GenericRelation("journey.Share")  # withdrawn when the item is deleted
    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-taken_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.taken_on}: {self.total}"

    def scores(self):
        """Each domain's score and the total, with their maxima (`services.checkups.scores_of`), for templates."""
        from ..services.checkups import scores_of  # the questionnaire imports the models

        return scores_of(self)

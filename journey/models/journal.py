"""The private journal. Title, text and tags are encrypted at rest; search decrypts the member's own entries."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedJSONField, EncryptedTextField

from .base import OwnedQuerySet


class JournalEntry(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journal_entries")
    date = models.DateField(_("date"))
    title = EncryptedTextField(_("title"), blank=True)
    body = EncryptedTextField(_("entry"))
    mood = models.PositiveSmallIntegerField(_("mood"), null=True, blank=True)
    tags = EncryptedJSONField(_("tags"), default=list)
    prompt = models.CharField(_("prompt"), max_length=30, blank=True, help_text="Key of the prompt answered, if any.")
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    shares = GenericRelation("journey.Share")  # withdrawn when the item is deleted
    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(mood__isnull=True) | Q(mood__gte=1, mood__lte=5), name="journal_mood_1_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date}"

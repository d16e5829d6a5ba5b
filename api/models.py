"""Idempotency keys: the first answer to an API write, kept per member so that a retry gets it again."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone

from lib.fields import EncryptedTextField

# How long a key is remembered; `manage.py purge_idempotency_keys` removes older ones.
KEY_LIFETIME = timedelta(hours=24)


class IdempotencyKeyQuerySet(models.QuerySet):
    def expired(self, now=None):
        return self.filter(created_at__lt=(now or timezone.now()) - KEY_LIFETIME)


class IdempotencyKey(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=255)
    # sha256 of method, path and body: the same key with another request is refused (422).
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(null=True)
    content_type = models.CharField(max_length=100, blank=True)
    location = models.CharField(max_length=500, blank=True)
    # The answer may repeat what the member wrote (a journal entry): encrypted at rest like the journal itself.
    body = EncryptedTextField(blank=True, default="")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    objects = IdempotencyKeyQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="api_idempotency_key_per_member")]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.key}"

"""Meetings the member went to: one from the directory, or one they name."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedTextField

from .base import OwnedQuerySet


class Attendance(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendances")
    date = models.DateField(_("date"))
    meeting = models.ForeignKey("directory.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # The meeting's name when it was recorded (kept if the directory drops the meeting), or the member's own words.
    name = models.CharField(_("meeting"), max_length=200)
    online = models.BooleanField(_("online"), default=False)
    note = EncryptedTextField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = OwnedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["user", "date"], name="attendance_user_date")]

    def __str__(self) -> str:
        return f"{self.date}: {self.name}"

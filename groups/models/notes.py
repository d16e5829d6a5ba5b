"""Peer support notes: a short note of encouragement from one member to another, kept by the recipient."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.blocks import blocked_ids
from lib.fields import EncryptedTextField

from .discussion import ContentStatus


class SupportNoteQuerySet(models.QuerySet):
    def received_by(self, user):
        """Notes the member keeps: visible, not let go, and not from someone blocked either way."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user, kept=True, status=ContentStatus.VISIBLE).exclude(
            sender_id__in=blocked_ids(user)
        )

    def sent_by(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(sender=user)


class SupportNote(models.Model):
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="notes_sent"
    )
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notes_received")
    # The group where they met, if the note was written from one (for context and for its moderators).
    group = models.ForeignKey("groups.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    body = EncryptedTextField(_("note"))
    html = EncryptedTextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    kept = models.BooleanField(_("keep"), default=True, help_text="The recipient may let a note go.")
    status = models.CharField(max_length=10, choices=ContentStatus, default=ContentStatus.VISIBLE)
    flag_count = models.PositiveIntegerField(default=0)

    objects = SupportNoteQuerySet.as_manager()

    # Set on the instance by `write_note` (the crisis check) for the answer at hand; never stored.
    at_risk: bool

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "created_at"], name="note_recipient_created")]

    def __str__(self) -> str:
        return f"{self.sender} → {self.recipient}"

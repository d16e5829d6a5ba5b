"""Crisis language, kept as data an operator can edit: phrases that suggest a person may be at risk, and everyday
idioms that contain such words but do not (see safety/crisis.py for how they are used)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PhraseKind(models.TextChoices):
    SIGNAL = "signal", _("May mean a person is at risk")
    IDIOM = "idiom", _("Everyday idiom: does not count")


class CrisisPhrase(models.Model):
    language = models.CharField(max_length=8, help_text="A language code: en, es…")
    kind = models.CharField(max_length=8, choices=PhraseKind)
    phrase = models.CharField(max_length=200, help_text="Matched on word boundaries, ignoring case and accents.")
    is_active = models.BooleanField(default=True)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["language", "kind", "phrase"]
        constraints = [
            models.UniqueConstraint(fields=["language", "kind", "phrase"], name="one_crisis_phrase"),
        ]

    def __str__(self) -> str:
        return f"[{self.language}/{self.kind}] {self.phrase}"

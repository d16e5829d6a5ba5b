"""Vocabularies that several apps share. Plain choices, no models: any app may import them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    """The four domains of recovery capital (SAMHSA's dimensions of recovery)."""

    HEALTH = "health", _("Health")
    HOME = "home", _("Home")
    PURPOSE = "purpose", _("Purpose")
    COMMUNITY = "community", _("Community")

"""Mutual-aid groups and who belongs to them. Discussion, resources and events build on these."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class GroupKind(models.TextChoices):
    HOME_GROUP = "home_group", _("Fellowship home group")
    PEER_LED = "peer_led", _("Peer-led group")
    SMART = "smart", _("SMART Recovery group")
    FAITH_BASED = "faith_based", _("Faith-based group")
    WOMEN_ONLY = "women_only", _("Women-only group")
    LGBTQ = "lgbtq", _("LGBTQ+ group")
    YOUNG_PEOPLE = "young_people", _("Young people's group")
    FAMILY = "family", _("Family and friends group")


class GroupVisibility(models.TextChoices):
    OPEN = "open", _("Listed, open to join")
    REQUEST = "request", _("Listed, join by request")
    UNLISTED = "unlisted", _("Unlisted, by invitation")


class GroupRole(models.TextChoices):
    MEMBER = "member", _("Member")
    FACILITATOR = "facilitator", _("Facilitator")
    MODERATOR = "moderator", _("Moderator")


class GroupQuerySet(models.QuerySet):
    def visible_to(self, user) -> "GroupQuerySet":
        """Listed groups for everyone; unlisted ones only for their members."""
        listed = Q(visibility__in=[GroupVisibility.OPEN, GroupVisibility.REQUEST])
        if user is None or not user.is_authenticated:
            return self.filter(listed)
        return self.filter(listed | Q(memberships__user=user)).distinct()


class Group(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    program = models.ForeignKey("directory.Program", null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=20, choices=GroupKind)
    description = models.TextField(blank=True)
    eligibility = models.TextField(blank=True, help_text="Who may join, in plain words.")
    visibility = models.CharField(max_length=10, choices=GroupVisibility, default=GroupVisibility.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(max_length=12, choices=GroupRole, default=GroupRole.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group")]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"

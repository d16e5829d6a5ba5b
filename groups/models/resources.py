"""The resource library: per group, or for the whole site (group is null). Files are checked by content, stripped
of metadata and size-limited by the services; they are served only through a view that checks access."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .discussion import ContentStatus


class ResourceKind(models.TextChoices):
    COPING = "coping", _("Coping strategy")
    TOOL = "tool", _("Tool or worksheet")
    READING = "reading", _("Reading")
    LINK = "link", _("Link")
    FILE = "file", _("File")


class Need(models.TextChoices):
    URGES = "urges", _("Urges and cravings")
    SLEEP = "sleep", _("Sleep")
    RELATIONSHIPS = "relationships", _("Relationships")
    WORK = "work", _("Work and study")
    MONEY = "money", _("Money")
    HOUSING = "housing", _("Housing")
    FAMILY = "family", _("Family")
    STRESS = "stress", _("Stress and anxiety")
    MOOD = "mood", _("Low mood")
    GRIEF = "grief", _("Grief and loss")
    HEALTH = "health", _("Physical health")
    SLIPS = "slips", _("After a slip")
    MEETINGS = "meetings", _("Meetings and sponsorship")
    LEGAL = "legal", _("Legal matters")


class ResourceQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The site's library for logged-in members, and the libraries of the groups they may read."""
        from .groups import Group

        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(
            Q(group__isnull=True) | Q(group__in=Group.objects.readable_by(user)), status=ContentStatus.VISIBLE
        )


class Resource(models.Model):
    group = models.ForeignKey("groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="resources")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=ResourceKind)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    html = models.TextField(editable=False, blank=True)
    url = models.URLField(_("link"), blank=True, max_length=500)
    file = models.FileField(upload_to="resources/%Y/%m/", blank=True)
    file_type = models.CharField(max_length=40, blank=True, help_text="MIME type found from the content.")
    file_size = models.PositiveIntegerField(default=0)
    file_name = models.CharField(max_length=150, blank=True, help_text="A safe name to download it as.")
    domains = models.JSONField(default=list, blank=True, help_text="journey Domain values")
    needs = models.JSONField(default=list, blank=True, help_text="Need values")
    helped_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=ContentStatus, default=ContentStatus.VISIBLE)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ResourceQuerySet.as_manager()

    class Meta:
        ordering = ["-helped_count", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title


class ResourceHelped(models.Model):
    """ "This helped me": one per member per resource."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="helped")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["resource", "user"], name="helped_once")]

    def __str__(self) -> str:
        return f"{self.user} ♥ {self.resource}"

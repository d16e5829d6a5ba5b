"""Sharing, item by item: the member shows one thing (a counter, a goal, a check-in, the plan…) to one person or
one group. Deleting the Share withdraws it at once; nothing is copied, so the viewer always sees the live item.

Which kinds may be shared, and with whom, is `journey.sharing.SHAREABLE`; access goes through `journey.access`.
"""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import Membership
from lib.fields import EncryptedTextField


class ShareQuerySet(models.QuerySet):
    def owned_by(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(owner=user)

    def visible_to(self, viewer):
        """Shares the viewer may read: made to them, or to a group they belong to (never their own by this path)."""
        if viewer is None or not viewer.is_authenticated:
            return self.none()
        in_my_groups = Membership.objects.filter(user=viewer).values("group_id")
        return self.filter(Q(to_user=viewer) | Q(to_group__in=in_my_groups)).exclude(owner=viewer)

    def to_group(self, group):
        return self.filter(to_group=group)

    def for_item(self, item):
        return self.filter(content_type=ContentType.objects.get_for_model(item), object_id=item.pk)


class Share(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shares_made")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    item = GenericForeignKey("content_type", "object_id")
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="shares_received"
    )
    to_group = models.ForeignKey(
        "groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="recovery_shares"
    )
    message = EncryptedTextField(_("message"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ShareQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="share_item")]
        constraints = [
            models.CheckConstraint(
                condition=(Q(to_user__isnull=False) & Q(to_group__isnull=True))
                | (Q(to_user__isnull=True) & Q(to_group__isnull=False)),
                name="share_to_one_person_or_one_group",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "to_user"],
                condition=Q(to_user__isnull=False),
                name="share_once_per_person",
            ),
            models.UniqueConstraint(
                fields=["content_type", "object_id", "to_group"],
                condition=Q(to_group__isnull=False),
                name="share_once_per_group",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.content_type.model} {self.object_id} → {self.to_user or self.to_group}"

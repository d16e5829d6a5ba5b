"""Mutual-aid groups and who belongs to them. Discussion, resources and events build on these."""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q, Value
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
    OTHER = "other", _("Other peer support group")


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

    def readable_by(self, user) -> "GroupQuerySet":
        """Groups whose discussion, resources and events `user` may read: their own groups, and listed groups that
        open their discussion to every member of the site. Never anonymous visitors."""
        if user is None or not user.is_authenticated:
            return self.none()
        mine = Membership.objects.filter(user=user).values("group_id")
        listed = Q(visibility__in=[GroupVisibility.OPEN, GroupVisibility.REQUEST])
        return self.filter(Q(pk__in=mine) | (listed & Q(readable_by_site_members=True)))

    def listed_for(
        self, user, *, words: str = "", kind: str | None = None, program: str | None = None, mine: bool = False
    ) -> "GroupQuerySet":
        """The groups list, as the groups page and the API show it: the groups `user` may see, by name, each with
        `is_mine`. Filters: up to five words in the name or description, a kind, a program's slug, and (for a
        member) only their own groups. One query when evaluated."""
        groups = self.visible_to(user).select_related("program")
        for word in words.split()[:5]:
            groups = groups.filter(Q(name__icontains=word) | Q(description__icontains=word))
        if kind:
            groups = groups.filter(kind=kind)
        if program:
            groups = groups.filter(program__slug=program)
        if user is not None and user.is_authenticated:
            own = Membership.objects.filter(user=user)
            if mine:
                groups = groups.filter(pk__in=own.values("group_id"))
            groups = groups.annotate(is_mine=Exists(own.filter(group=OuterRef("pk"))))
        else:
            groups = groups.annotate(is_mine=Value(False))
        return groups.order_by("name", "pk")


class Group(models.Model):
    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=120)
    program = models.ForeignKey("directory.Program", null=True, blank=True, on_delete=models.SET_NULL)
    kind = models.CharField(max_length=20, choices=GroupKind)
    description = models.TextField(blank=True)
    eligibility = models.TextField(blank=True, help_text="Who may join, in plain words.")
    visibility = models.CharField(max_length=10, choices=GroupVisibility, default=GroupVisibility.OPEN)
    # "What is said in a group stays in the group": only members read its threads, unless the group opens them to
    # every logged-in member of the site. Never to anonymous visitors or search engines.
    readable_by_site_members = models.BooleanField(_("members of the site may read the discussion"), default=False)
    meetings = models.ManyToManyField("directory.Meeting", blank=True, related_name="peer_groups")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = GroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    def roster(self, group, *, leave_out=()) -> "MembershipQuerySet":
        """The members of `group`, longest-standing first, with their user: the members page, the manage page and
        the API's members list. `leave_out`: user ids not to list (the people in a block with whoever reads it;
        facilitators managing the group see everyone). One query when evaluated."""
        return (
            self.filter(group=group).exclude(user_id__in=leave_out).select_related("user").order_by("joined_at", "pk")
        )


class Membership(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships")
    role = models.CharField(max_length=12, choices=GroupRole, default=GroupRole.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)
    # The version of the group's guidelines this member accepted; a newer version asks again before they post.
    guidelines_version = models.PositiveIntegerField(default=0)
    guidelines_accepted_at = models.DateTimeField(null=True, blank=True)
    muted_until = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="one_membership_per_group")]
        indexes = [models.Index(fields=["group", "role"], name="membership_group_role")]

    def __str__(self) -> str:
        return f"{self.user} in {self.group}"


class Guidelines(models.Model):
    """One version of a group's guidelines; the highest version is the current one. Versions are never edited."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="guidelines_versions")
    version = models.PositiveIntegerField()
    text = models.TextField(_("guidelines"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-version"]
        constraints = [models.UniqueConstraint(fields=["group", "version"], name="one_guidelines_version")]

    def __str__(self) -> str:
        return f"{self.group} v{self.version}"


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a facilitator")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class JoinRequest(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="join_requests")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_join_requests")
    message = models.TextField(_("a few words for the facilitators"), blank=True)
    status = models.CharField(max_length=10, choices=RequestStatus, default=RequestStatus.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "user"], condition=Q(status="pending"), name="one_pending_request_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.group} ({self.status})"


class Invitation(models.Model):
    """An invitation to one member (by username) or, with a link, to whoever holds it (only its hash is kept)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    invited = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="group_invitations"
    )
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.group} ← {self.invited or 'link'}"

"""Members, their roles, their connections, their blocks and their API tokens.

Members are pseudonymous: a username to log in, a display name to be known by, never a real name.
"""

import hashlib
import secrets
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedTextField
from lib.skeleton import skeleton


class Visibility(models.TextChoices):
    """Who may see one field of a member's profile; each level includes the ones before it."""

    ONLY_ME = "only_me", _("Only me")
    CONNECTIONS = "connections", _("My connections")
    MEMBERS = "members", _("Members")
    EVERYONE = "everyone", _("Everyone")


class Role(models.TextChoices):
    MEMBER = "member", _("Member")
    FACILITATOR = "facilitator", _("Facilitator")
    MODERATOR = "moderator", _("Moderator")
    PEER_SUPPORT_WORKER = "peer_support_worker", _("Peer support worker")
    PROFESSIONAL = "professional", _("Treatment professional")
    ADMIN = "admin", _("Administrator")


# Every role beyond member lets a person see or act on other people's data, so each needs MFA.
STAFF_ROLES = frozenset(Role) - {Role.MEMBER}

# The one answer for a username a member may not take, whatever the reason (accounts.usernames).
USERNAME_NOT_AVAILABLE = _("That username is not available. Please choose another.")

PROFILE_FIELDS = ("display_name", "pronouns", "fellowships", "languages", "time_zone")


class UserQuerySet(models.QuerySet):
    def visible_to(self, viewer) -> "UserQuerySet":
        """Active members whose display name `viewer` may see (the member list and mentions use this)."""
        qs = self.filter(is_active=True)
        if viewer is None or not viewer.is_authenticated:
            return qs.filter(display_name_visibility=Visibility.EVERYONE)
        visible = Q(pk=viewer.pk) | Q(display_name_visibility__in=[Visibility.MEMBERS, Visibility.EVERYONE])
        visible |= Q(display_name_visibility=Visibility.CONNECTIONS, pk__in=Connection.partner_ids(viewer))
        return qs.filter(visible)


class PeerHavenUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


class User(AbstractUser):
    # We never ask for or keep a real name.
    first_name = None
    last_name = None

    display_name = models.CharField(_("display name"), max_length=50)
    pronouns = models.CharField(_("pronouns"), max_length=40, blank=True)
    fellowships = models.ManyToManyField("directory.Program", blank=True, verbose_name=_("fellowships"))
    languages = models.JSONField(_("languages"), default=list, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="UTC")
    # ISO 3166-1 alpha-2, for which help lines to show first (safety.country.help_country). Only the member sees it.
    country = models.CharField(_("country"), max_length=2, blank=True)
    # A copy of the suspension in force (moderation.ModerationAction is the record; moderation.sanctions keeps this in
    # step), so that every request can check it without a query.
    suspended_at = models.DateTimeField(null=True, blank=True, editable=False)
    suspended_until = models.DateTimeField(null=True, blank=True, editable=False)

    display_name_visibility = models.CharField(max_length=12, choices=Visibility, default=Visibility.MEMBERS)
    pronouns_visibility = models.CharField(max_length=12, choices=Visibility, default=Visibility.ONLY_ME)
    fellowships_visibility = models.CharField(max_length=12, choices=Visibility, default=Visibility.ONLY_ME)
    languages_visibility = models.CharField(max_length=12, choices=Visibility, default=Visibility.ONLY_ME)
    time_zone_visibility = models.CharField(max_length=12, choices=Visibility, default=Visibility.ONLY_ME)
    # lib.skeleton of the username, kept by save(): unique, so no two usernames look alike ("Rıver", "river").
    # Null only for a member who already shared a skeleton with an older one when the column came.
    username_skeleton = models.CharField(max_length=600, null=True, unique=True, editable=False)

    objects = PeerHavenUserManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.display_name or self.username

    def save(self, *args, **kwargs):
        if not self.display_name:
            self.display_name = self.username
        renamed = self._state.adding or self.username != getattr(self, "_loaded_username", self.username)
        if renamed or self.username_skeleton is not None:
            self.username_skeleton = skeleton(self.username) if self.username else None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "username" in update_fields:
            kwargs["update_fields"] = {*update_fields, "username_skeleton"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_username = instance.__dict__.get("username")
        return instance

    def clean(self):
        """Refuse a username that looks like another member's (the admin's forms call this)."""
        super().clean()
        if not self.username:
            return
        others = User.objects.filter(username_skeleton=skeleton(self.username))
        if self.pk is not None:
            others = others.exclude(pk=self.pk)
        if others.exists():
            raise ValidationError({"username": USERNAME_NOT_AVAILABLE})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    def role_set(self) -> set[str]:
        """The roles this member holds, `member` always included. Cached on the instance."""
        if not hasattr(self, "_role_cache"):
            self._role_cache = {Role.MEMBER.value, *self.role_assignments.values_list("role", flat=True)}
        return self._role_cache

    def has_role(self, role: str) -> bool:
        return role in self.role_set()

    @property
    def needs_mfa(self) -> bool:
        """Staff of the site, and anyone holding a role beyond member, must use MFA."""
        return self.is_staff or self.is_superuser or bool(self.role_set() & STAFF_ROLES)


class RoleAssignment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "role"], name="one_assignment_per_role")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class Connection(models.Model):
    """Two members who agreed to be connected (sponsor, partner, friend). Stored once, lower id first."""

    low = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    high = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["low", "high"], name="one_connection_per_pair"),
            models.CheckConstraint(condition=Q(low__lt=models.F("high")), name="connection_ordered_pair"),
        ]

    def __str__(self) -> str:
        return f"{self.low} ↔ {self.high}"

    @classmethod
    def partner_ids(cls, user) -> models.QuerySet:
        """A subquery of the ids of `user`'s connections."""
        return (
            cls.objects.filter(Q(low=user) | Q(high=user))
            .annotate(
                partner=models.Case(
                    models.When(low=user, then=models.F("high")),
                    default=models.F("low"),
                )
            )
            .values("partner")
        )

    @classmethod
    def between(cls, a, b) -> bool:
        if a.pk == b.pk:
            return False
        low, high = sorted([a.pk, b.pk])
        return cls.objects.filter(low_id=low, high_id=high).exists()


TOKEN_PREFIX = "phat_"  # noqa: S105  (a public prefix, like GitHub's "ghp_", to spot leaked tokens)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class TokenScope(models.TextChoices):
    """What a personal access token may reach (api/scopes.py maps every API route to one). No token reaches the
    token routes themselves: creating and revoking tokens needs the site session and a recent password or MFA."""

    RECOVERY_READ = "recovery:read", _("Read my recovery (counters, check-ins, journal, goals, plan)")
    RECOVERY_WRITE = "recovery:write", _("Write my recovery")
    GROUPS = "groups", _("My groups: threads, posts, notes, resources, events")
    PEOPLE = "people", _("My profile, connections, blocks and notifications")
    MODERATION = "moderation", _("Reports, and moderation work if I moderate")


def all_token_scopes() -> list[str]:
    return [scope.value for scope in TokenScope]


class PersonalAccessTokenQuerySet(models.QuerySet):
    def usable(self) -> "PersonalAccessTokenQuerySet":
        now = timezone.now()
        return self.filter(revoked_at__isnull=True).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))


class PersonalAccessToken(models.Model):
    """A bearer token for the API. Only its SHA-256 is stored; the member sees the token once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=60)
    token_hash = models.CharField(max_length=64, unique=True)
    hint = models.CharField(max_length=12, help_text="The first characters, to recognise the token by.")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    scopes = models.JSONField(_("scopes"), default=list, blank=True, help_text="TokenScope values.")

    objects = PersonalAccessTokenQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @staticmethod
    def new_raw_token() -> str:
        return TOKEN_PREFIX + secrets.token_urlsafe(32)

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    @property
    def scope_labels(self) -> list[str]:
        return [str(TokenScope(scope).label) for scope in self.scopes or [] if scope in TokenScope.values]

    @property
    def is_usable(self) -> bool:
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > timezone.now())


class ConnectionRequestStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ConnectionRequest(models.Model):
    """One member asking another to connect; `accounts.connections` is the only place that writes these."""

    MAX_MESSAGE = 300

    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connection_requests_sent"
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="connection_requests_received"
    )
    message = EncryptedTextField(_("message"), max_length=MAX_MESSAGE, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=ConnectionRequestStatus, default=ConnectionRequestStatus.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_user", "to_user"],
                condition=Q(status="pending"),
                name="one_pending_connection_request",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_user} → {self.to_user} ({self.status})"


class Block(models.Model):
    """`blocker` blocked `blocked`. Takes effect at once and both ways (see accounts/blocks.py)."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks_made")
    blocked = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocked_by")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "safety_block"  # the name it had in the safety app: the move changed no data
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="one_block_per_pair"),
            models.CheckConstraint(condition=~Q(blocker=F("blocked")), name="no_self_block"),
        ]

    def __str__(self) -> str:
        return f"{self.blocker} blocks {self.blocked}"


class NameBlock(models.Model):
    """A block of a username that names no member now (nobody has it, or the account is gone), kept so that blocking
    answers and lists the same whoever the name belongs to (no membership oracle, see accounts/blocks.py). Whoever
    later takes a name that looks the same (`username_skeleton`) is blocked at once."""

    blocker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="name_blocks_made")
    username = models.CharField(max_length=150)
    username_skeleton = models.CharField(max_length=600)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "username_skeleton"], name="one_name_block_per_name"),
        ]
        indexes = [models.Index(fields=["username_skeleton"], name="name_block_skeleton")]

    def __str__(self) -> str:
        return f"{self.blocker} blocks the name {self.username}"

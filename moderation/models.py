"""Reports, moderators' actions (each with a reason the member sees) and appeals.

The tables keep the names they had when this lived in the safety app (`db_table`): the move changed no data."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.fields import EncryptedTextField


class ReportReason(models.TextChoices):
    AT_RISK = "at_risk", _("Someone may be at risk")
    HARASSMENT = "harassment", _("Harassment or bullying")
    HATE = "hate", _("Hate or discrimination")
    PRIVACY = "privacy", _("Shares someone's identity or private information")
    UNSAFE = "unsafe", _("Dangerous advice or selling substances")
    SPAM = "spam", _("Spam or advertising")
    GUIDELINES = "guidelines", _("Breaks the group's guidelines")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    ACTIONED = "actioned", _("Acted on")
    DISMISSED = "dismissed", _("No action needed")


class RiskKind(models.TextChoices):
    """What kind of risk an at-risk alert is about (the values of `safety.crisis.RISK_KINDS`, most urgent first)."""

    OVERDOSE = "overdose", _("Overdose or medical emergency")
    SUICIDE = "suicide", _("Suicide")
    SELF_HARM = "self_harm", _("Self-harm")
    HARM = "harm", _("Harm from or to someone else")


class Report(models.Model):
    """A report of a post, a note or a member. `reporter` is null for an alert raised by the platform itself (crisis
    language). `member` is the person whose post, note or behaviour is reported."""

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="reports_made"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="reports_about"
    )
    post = models.ForeignKey("groups.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    note = models.ForeignKey(
        "groups.SupportNote", null=True, blank=True, on_delete=models.CASCADE, related_name="reports"
    )
    group = models.ForeignKey("groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(max_length=12, choices=ReportReason)
    detail = EncryptedTextField(_("what happened (optional)"), blank=True)
    priority = models.BooleanField(default=False, help_text="At risk: moderators see it first.")
    status = models.CharField(max_length=10, choices=ReportStatus, default=ReportStatus.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    # At-risk alerts: the kind of risk found (never the words), the moderator who took it, and when the site's
    # moderators were told (at once, or after RISK_ALERT_ESCALATE_MINUTES untaken: see moderation.tasks).
    risk_kind = models.CharField(max_length=10, choices=RiskKind, blank=True)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    taken_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(
        null=True, blank=True, help_text="When the site's moderators were told of this alert."
    )

    class Meta:
        db_table = "safety_report"
        ordering = ["-priority", "created_at", "pk"]
        indexes = [models.Index(fields=["status", "group", "priority"], name="report_queue")]

    def __str__(self) -> str:
        return f"{self.reason} about {self.member} ({self.status})"

    @property
    def content(self):
        """What the report is about when it is a post or a note (None for a member's behaviour)."""
        return self.post or self.note


class ActionKind(models.TextChoices):
    HIDE = "hide", _("Hide a post or note")
    REMOVE = "remove", _("Remove a post or note")
    RESTORE = "restore", _("Restore a post or note")
    WARN = "warn", _("Warning")
    MUTE = "mute", _("Mute in a group for a time")
    REMOVE_FROM_GROUP = "remove_member", _("Remove from the group")
    SUSPEND = "suspend", _("Suspend from the site")
    LIFT = "lift", _("Lift a mute or suspension")


class ModerationAction(models.Model):
    """What a moderator did, to whom, why (the member sees the reason), and until when."""

    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="moderation_actions_taken"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="moderation_actions")
    group = models.ForeignKey("groups.Group", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=14, choices=ActionKind)
    reason = models.TextField(_("reason (the member sees it)"))
    post = models.ForeignKey("groups.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    note = models.ForeignKey("groups.SupportNote", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    report = models.ForeignKey(Report, null=True, blank=True, on_delete=models.SET_NULL, related_name="actions")
    until = models.DateTimeField(null=True, blank=True, help_text="End of a mute or suspension; empty: no end.")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "safety_moderationaction"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["member", "kind", "until"], name="action_member_kind")]

    def __str__(self) -> str:
        return f"{self.kind} {self.member}"

    @property
    def content(self):
        """The post or note the action was about, if any."""
        return self.post or self.note


class AppealStatus(models.TextChoices):
    OPEN = "open", _("Waiting for a moderator")
    UPHELD = "upheld", _("The decision stands")
    OVERTURNED = "overturned", _("The decision was reversed")


class AppealDecider(models.TextChoices):
    """Who decides an appeal, as the member is told: a role, never a name (moderation.services.appeals)."""

    ANOTHER_MODERATOR = "another_moderator", _("another moderator")
    GROUP_FACILITATOR = "group_facilitator", _("the group's facilitator")
    ADMINISTRATORS = "administrators", _("the site's administrators")
    # Nobody else moderates the site: the moderator who decided looks again rather than the appeal never ending.
    SAME_MODERATOR = "same_moderator", _("the moderator who decided, as nobody else moderates here yet")


class Appeal(models.Model):
    action = models.OneToOneField(ModerationAction, on_delete=models.CASCADE, related_name="appeal")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="appeals")
    text = EncryptedTextField(_("why the decision should change"))
    status = models.CharField(max_length=10, choices=AppealStatus, default=AppealStatus.OPEN)
    # Chosen when the appeal is made; blank on appeals made before routing existed.
    decider = models.CharField(max_length=20, choices=AppealDecider, blank=True)
    response = EncryptedTextField(_("answer to the member"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "safety_appeal"

    def __str__(self) -> str:
        return f"Appeal of {self.action}"

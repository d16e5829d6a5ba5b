"""Threads, posts, reactions of support, mentions and what each member has read.

A post keeps its Markdown source (`body`) and the sanitised HTML made from it (`html`, see groups/markdown.py):
pages show `html`, never `body`. Counters on Thread (`post_count`, `last_post_at`) are kept by the services so
that a list of threads costs one query.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.blocks import blocked_ids
from accounts.naming import Byline

from .groups import Group


class ContentStatus(models.TextChoices):
    VISIBLE = "visible", _("Visible")
    PENDING_REVIEW = "pending", _("Hidden until a moderator reviews it")
    HIDDEN = "hidden", _("Hidden by a moderator")
    REMOVED = "removed", _("Removed by a moderator")


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ThreadQuerySet":
        """Threads `user` may read: in a group they may read, not hidden by a moderator, not started by someone
        they blocked or who blocked them."""
        return self.filter(group__in=Group.objects.readable_by(user), status=ContentStatus.VISIBLE).exclude(
            author_id__in=blocked_ids(user)
        )


class PostQuerySet(models.QuerySet):
    def visible_to(self, user) -> "PostQuerySet":
        """Posts `user` may read: in threads they may read; visible ones, plus their own whatever their state (they
        see why it is hidden); never a post by someone they blocked or who blocked them. Deleted posts stay in the
        list, shown as deleted, so that numbering and quotes hold."""
        if user is None or not user.is_authenticated:
            return self.none()
        return (
            self.filter(thread__in=Thread.objects.visible_to(user))
            .filter(Q(status=ContentStatus.VISIBLE) | Q(author=user))
            .exclude(author_id__in=blocked_ids(user))
        )


class Thread(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=150)
    created_at = models.DateTimeField(default=timezone.now)
    last_post_at = models.DateTimeField(default=timezone.now, db_index=True)
    post_count = models.PositiveIntegerField(default=0)
    pinned = models.BooleanField(_("pinned"), default=False)
    locked = models.BooleanField(_("closed to new replies"), default=False)
    # Slow mode: a member may post in this thread at most once per this many seconds (0 = off).
    slow_mode_seconds = models.PositiveIntegerField(_("slow mode (seconds between posts)"), default=0)
    status = models.CharField(max_length=10, choices=ContentStatus, default=ContentStatus.VISIBLE)

    objects = ThreadQuerySet.as_manager()

    # Set on the instance by `start_thread` for the answer at hand; never stored.
    first_post: "Post"
    at_risk: bool

    class Meta:
        ordering = ["-pinned", "-last_post_at", "-pk"]
        indexes = [models.Index(fields=["group", "pinned", "last_post_at"], name="thread_group_order")]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="posts")
    number = models.PositiveIntegerField(help_text="1 for the post that opened the thread, then 2, 3…")
    body = models.TextField(_("message"))
    html = models.TextField(editable=False)
    quote = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)  # deleted by its author: shown as "deleted"
    status = models.CharField(max_length=10, choices=ContentStatus, default=ContentStatus.VISIBLE)
    flag_count = models.PositiveIntegerField(default=0)

    objects = PostQuerySet.as_manager()

    # Set on the instance for the answer or page at hand (the services' crisis check, the thread page); never stored.
    at_risk: bool
    shown_author: Byline | str  # a byline on pages; the plain name where a service names the author
    is_mine: bool
    editable: bool
    reaction_rows: list
    quote_available: bool

    class Meta:
        ordering = ["thread", "number"]
        constraints = [models.UniqueConstraint(fields=["thread", "number"], name="one_post_number_per_thread")]
        indexes = [models.Index(fields=["author", "created_at"], name="post_author_created")]

    def __str__(self) -> str:
        return f"{self.thread} #{self.number}"


class ReactionKind(models.TextChoices):
    THANK_YOU = "thank_you", _("Thank you")
    ME_TOO = "me_too", _("Me too")
    STRENGTH = "strength", _("Sending strength")


class Reaction(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reactions")
    kind = models.CharField(max_length=12, choices=ReactionKind)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_of_a_kind")]

    def __str__(self) -> str:
        return f"{self.user} {self.kind} {self.post}"


class Mention(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="mentions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mentions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "user"], name="one_mention_per_post")]

    def __str__(self) -> str:
        return f"@{self.user} in {self.post}"


class ThreadRead(models.Model):
    """How far a member has read a thread (the highest post number seen): unread = post_count - last_read."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="thread_reads")
    last_read = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["thread", "user"], name="one_read_state_per_thread")]

    def __str__(self) -> str:
        return f"{self.user} read {self.thread} to {self.last_read}"

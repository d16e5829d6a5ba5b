"""Every write to a group's discussion: threads, replies, edits, deletions, reactions, read marks, staff actions.

Pages and the API call these. Each write asks `groups.access.can_post` (the reason is the error), respects blocks
(no quote of, reaction to or mention of someone in a block with the writer), slow mode, the new member's daily
limit and trust for links and images. Refusals: `PermissionDenied(reason)` when the person may not act at all,
`ValidationError({field: ...})` when what they sent, or when, is the problem.

Crisis language: when what is saved reads as someone at risk, `groups.signals.risk_written` is sent (the
moderation app turns it into a priority alert); the saved post carries `at_risk = True` for the writer's own
answer. Notifications never carry what was written: only who and where.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.blocks import blocked_ids, is_blocked_between
from accounts.connections import shown_name
from accounts.models import User
from groups import trust
from notifications.models import Notification
from notifications.services import notify

from ..access import UNNAMED, can_post, is_group_staff
from ..markdown import find_mentions, render
from ..models import (
    ContentStatus,
    Group,
    GroupVisibility,
    Membership,
    Mention,
    Post,
    Reaction,
    ReactionKind,
    SupportNote,
    Thread,
    ThreadRead,
)
from .risk import alert_if_risky

MAX_TITLE = 150
MAX_BODY = 20_000
MAX_SLOW_MODE_SECONDS = 24 * 60 * 60


def post_url(post: Post) -> str:
    return reverse("groups:post_link", args=[post.pk])


def _require_post_permission(author, group: Group) -> None:
    permission = can_post(author, group)
    if not permission:
        raise PermissionDenied(permission.reason)


def _clean_text(value: str, field: str, max_length: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: _("Please write something here.")})
    if len(value) > max_length:
        raise ValidationError(
            {field: _("Please keep this under %(count)d characters.") % {"count": max_length}},
        )
    return value


def check_daily_limit(author) -> None:
    """New members post in a small way at first: posts and notes of the last 24 hours, against their limit."""
    limit = trust.daily_post_limit(author)
    if limit is None:
        return
    since = timezone.now() - timedelta(days=1)
    used = Post.objects.filter(author=author, created_at__gte=since).count()
    used += SupportNote.objects.filter(sender=author, created_at__gte=since).count()
    if used >= limit:
        raise ValidationError(
            {
                "body": _(
                    "New members can post %(count)d times a day while they settle in. Thank you for taking part: "
                    "you can post again tomorrow."
                )
                % {"count": limit}
            }
        )


def _check_slow_mode(author, thread: Thread, is_staff: bool) -> None:
    if not thread.slow_mode_seconds or is_staff:
        return
    since = timezone.now() - timedelta(seconds=thread.slow_mode_seconds)
    last = (
        Post.objects.filter(thread=thread, author=author, created_at__gte=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
    if last is not None:
        wait = thread.slow_mode_seconds - int((timezone.now() - last).total_seconds())
        minutes = max(1, (wait + 59) // 60)
        raise ValidationError(
            {
                "body": _(
                    "This thread is in slow mode to give everyone room: you can post here again in %(minutes)d "
                    "minute(s)."
                )
                % {"minutes": minutes}
            }
        )


def mentionable_users(author, group: Group, text: str) -> list:
    """Members named with @ in `text` who may read the group and are in no block with the author (one query for
    the names, one for the blocks). The author is left out."""
    names = find_mentions(text)
    if not names:
        return []
    by_name = Q()
    for name in names:
        by_name |= Q(username__iexact=name)
    candidates = User.objects.filter(by_name, is_active=True).exclude(pk=author.pk)
    listed_and_open = group.readable_by_site_members and group.visibility != GroupVisibility.UNLISTED
    if not listed_and_open:
        candidates = candidates.filter(pk__in=Membership.objects.filter(group=group).values("user_id"))
    blocked = blocked_ids(author)
    return [user for user in candidates if user.pk not in blocked]


def _render_for(author, text: str) -> str:
    """Every `@name` is marked alike, whether it names a member of the group, someone in a block with the author, or
    nobody: the post never shows who is a member (only `mentioned` are notified and stored)."""
    return render(
        text,
        allow_links=trust.may_post_links(author),
        allow_images=trust.may_post_images(author),
        mentions=None,
    )


def _record_mentions(post: Post, mentioned: list) -> None:
    """Store the mentions and notify each person once per post (an edit notifies only the newly named)."""
    already = set(Mention.objects.filter(post=post).values_list("user_id", flat=True))
    group = post.thread.group
    for user in mentioned:
        if user.pk in already:
            continue
        Mention.objects.create(post=post, user=user)
        notify(
            user,
            kind="group_mention",
            text=_("%(name)s mentioned you in %(group)s")
            % {"name": shown_name(user, post.author, hidden=UNNAMED), "group": group.name},
            url=post_url(post),
        )


def _crisis_alert(author, post: Post, text: str, seen_help: bool) -> None:
    post.at_risk = alert_if_risky(
        author, sender=Post, text=text, group=post.thread.group, post=post, seen_help=seen_help
    ).at_risk


def _add_post(author, thread: Thread, body: str, quote: Post | None) -> Post:
    """Number the post safely: the thread row is locked while its counter moves."""
    locked = Thread.objects.select_for_update().get(pk=thread.pk)
    now = timezone.now()
    mentioned = mentionable_users(author, thread.group, body)
    post = Post.objects.create(
        thread=locked,
        author=author,
        number=locked.post_count + 1,
        body=body,
        html=_render_for(author, body),
        quote=quote,
        created_at=now,
    )
    Thread.objects.filter(pk=locked.pk).update(post_count=F("post_count") + 1, last_post_at=now)
    thread.post_count = locked.post_count + 1
    thread.last_post_at = now
    post.thread = thread
    _record_mentions(post, mentioned)
    return post


def start_thread(author, group: Group, *, title: str, body: str, seen_help: bool = False) -> Thread:
    """Open a thread with its first post. Returns the thread; `thread.first_post` is the post."""
    _require_post_permission(author, group)
    errors = {}
    try:
        title = _clean_text(title, "title", MAX_TITLE)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        body = _clean_text(body, "body", MAX_BODY)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    check_daily_limit(author)
    with transaction.atomic():
        thread = Thread.objects.create(group=group, author=author, title=title)
        thread.group = group
        post = _add_post(author, thread, body, None)
        _crisis_alert(author, post, f"{title}\n{body}", seen_help)
        mark_read(author, thread, post.number)
    thread.first_post = post
    thread.at_risk = post.at_risk
    return thread


def reply(author, thread: Thread, *, body: str, quote: Post | None = None, seen_help: bool = False) -> Post:
    group = thread.group
    _require_post_permission(author, group)
    staff = is_group_staff(author, group)
    if thread.locked and not staff:
        raise PermissionDenied(_("This thread is closed to new replies."))
    if thread.author_id and is_blocked_between(author, thread.author):
        raise PermissionDenied(_("You cannot reply in this thread."))
    body = _clean_text(body, "body", MAX_BODY)
    if quote is not None:
        quotable = Post.objects.visible_to(author).filter(
            pk=quote.pk, thread=thread, deleted_at__isnull=True, status=ContentStatus.VISIBLE
        )
        if not quotable.exists():
            raise ValidationError({"quote": _("That post cannot be quoted.")})
    _check_slow_mode(author, thread, staff)
    check_daily_limit(author)
    with transaction.atomic():
        post = _add_post(author, thread, body, quote)
        _crisis_alert(author, post, body, seen_help)
        mark_read(author, thread, post.number)
        _tell_thread_author(post)
    return post


def _tell_thread_author(post: Post) -> None:
    """Tell whoever started the thread that someone replied: one unread notice per thread at a time, none when the
    reply already mentions them, none to someone who left the group or is in a block with the writer."""
    thread = post.thread
    starter = thread.author
    if starter is None or starter.pk == post.author_id or not starter.is_active:
        return
    if Mention.objects.filter(post=post, user=starter).exists():
        return
    if not Thread.objects.visible_to(starter).filter(pk=thread.pk).exists():
        return
    url = reverse("groups:thread", args=[thread.group.slug, thread.pk]) + "?page=last"
    if Notification.objects.filter(user=starter, kind="group_reply", url=url, read_at__isnull=True).exists():
        return
    notify(
        starter,
        kind="group_reply",
        text=_("%(name)s replied to your thread in %(group)s")
        % {"name": shown_name(starter, post.author, hidden=UNNAMED), "group": thread.group.name},
        url=url,
    )


def can_edit(user, post: Post, now=None) -> bool:
    """The author may edit for POST_EDIT_MINUTES after posting (not once deleted)."""
    if user is None or not user.is_authenticated or post.author_id != user.pk or post.deleted_at:
        return False
    now = now or timezone.now()
    return now - post.created_at <= timedelta(minutes=settings.POST_EDIT_MINUTES)


def edit_post(author, post: Post, body: str, *, seen_help: bool = False) -> Post:
    if post.author_id != author.pk or post.deleted_at:
        raise PermissionDenied(_("Only the person who wrote a post can edit it."))
    _require_post_permission(author, post.thread.group)
    if not can_edit(author, post):
        raise ValidationError(
            {
                "body": _("Posts can be edited for %(minutes)d minutes; this one can no longer be changed.")
                % {"minutes": settings.POST_EDIT_MINUTES}
            }
        )
    body = _clean_text(body, "body", MAX_BODY)
    with transaction.atomic():
        mentioned = mentionable_users(author, post.thread.group, body)
        post.body = body
        post.html = _render_for(author, body)
        post.edited_at = timezone.now()
        post.save(update_fields=["body", "html", "edited_at"])
        Mention.objects.filter(post=post).exclude(user__in=mentioned).delete()
        _record_mentions(post, mentioned)
        _crisis_alert(author, post, body, seen_help)
    return post


def delete_own_post(author, post: Post) -> Post:
    """The author takes their words back: the post stays in its place as "deleted" so numbering and quotes hold.
    Allowed even while muted: nobody is kept from removing what they wrote."""
    if post.author_id != author.pk:
        raise PermissionDenied(_("Only the person who wrote a post can delete it."))
    if post.deleted_at:
        return post
    with transaction.atomic():
        post.deleted_at = timezone.now()
        post.body = ""
        post.html = ""
        post.save(update_fields=["deleted_at", "body", "html"])
        Mention.objects.filter(post=post).delete()
    return post


def _check_reaction(user, post: Post, kind: str) -> None:
    if kind not in ReactionKind.values:
        raise ValidationError({"kind": _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(ReactionKind.values)}})
    _require_post_permission(user, post.thread.group)
    if post.deleted_at or post.status != ContentStatus.VISIBLE:
        raise ValidationError({"post": _("This post is not open to reactions.")})
    if post.author_id and is_blocked_between(user, post.author):
        raise PermissionDenied(_("You cannot react to this post."))


def react(user, post: Post, kind: str) -> Reaction:
    """Add a reaction of support (once per kind; reacting again changes nothing)."""
    _check_reaction(user, post, kind)
    reaction, _created = Reaction.objects.get_or_create(post=post, user=user, kind=kind)
    return reaction


def unreact(user, post: Post, kind: str) -> None:
    if kind not in ReactionKind.values:
        raise ValidationError({"kind": _("Choose one of: %(kinds)s.") % {"kinds": ", ".join(ReactionKind.values)}})
    Reaction.objects.filter(post=post, user=user, kind=kind).delete()


def mark_read(user, thread: Thread, up_to_number: int) -> int:
    """Remember how far `user` has read (never backwards, never past the last post). Returns the new mark."""
    if user is None or not user.is_authenticated:
        return 0
    up_to = max(0, min(int(up_to_number), thread.post_count))
    read, created = ThreadRead.objects.get_or_create(
        thread=thread, user=user, defaults={"last_read": up_to, "updated_at": timezone.now()}
    )
    if not created and up_to > read.last_read:
        ThreadRead.objects.filter(pk=read.pk, last_read__lt=up_to).update(last_read=up_to, updated_at=timezone.now())
        read.last_read = up_to
    return read.last_read


def _require_staff(by, group: Group) -> None:
    if not is_group_staff(by, group):
        raise PermissionDenied(_("Only the group's facilitators and moderators can do this."))


def pin_thread(by, thread: Thread, pinned: bool) -> Thread:
    _require_staff(by, thread.group)
    thread.pinned = bool(pinned)
    thread.save(update_fields=["pinned"])
    return thread


def lock_thread(by, thread: Thread, locked: bool) -> Thread:
    _require_staff(by, thread.group)
    thread.locked = bool(locked)
    thread.save(update_fields=["locked"])
    return thread


def set_slow_mode(by, thread: Thread, seconds: int) -> Thread:
    _require_staff(by, thread.group)
    try:
        seconds = int(seconds)
    except (TypeError, ValueError):
        raise ValidationError({"seconds": _("Enter a number of seconds.")}) from None
    if not 0 <= seconds <= MAX_SLOW_MODE_SECONDS:
        raise ValidationError(
            {"seconds": _("Choose between 0 (off) and %(max)d seconds.") % {"max": MAX_SLOW_MODE_SECONDS}}
        )
    thread.slow_mode_seconds = seconds
    thread.save(update_fields=["slow_mode_seconds"])
    return thread


def set_flag_count(content: Post | SupportNote, flags: int, *, hold_for_review: bool) -> None:
    """Record how many members flag a post or note; with `hold_for_review`, a visible one waits, hidden, for a
    moderator (moderation decides when; this is the one write of it)."""
    content.flag_count = flags
    fields = ["flag_count"]
    if hold_for_review and content.status == ContentStatus.VISIBLE:
        content.status = ContentStatus.PENDING_REVIEW
        fields.append("status")
    content.save(update_fields=fields)


def set_content_status(content: Post | SupportNote, status: str) -> None:
    """Show, hide, remove or hold for review a post or a note (what a moderator decided); the one write of it."""
    content.status = status
    content.save(update_fields=["status"])

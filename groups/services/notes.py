"""Peer support notes: a short note of encouragement from one member to another, kept by the recipient.

Who may write to whom: members who share a group; anyone else only once the writer is trusted
(`groups.trust.may_message_strangers`); never when a block exists either way (the recipient is then "not found",
as if they did not exist). The recipient is notified without the note's words.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import find_member_for, is_suspended
from accounts.blocks import is_blocked_between
from accounts.connections import shown_name
from accounts.models import User
from groups import trust
from notifications.services import notify

from ..access import UNNAMED
from ..markdown import render
from ..models import Group, Membership, SupportNote
from .discussion import check_daily_limit
from .risk import alert_if_risky

MAX_NOTE = 1000


def find_recipient(sender, username: str) -> User:
    """The member `sender` may write to, or 404 alike for unknown, closed, unseen (their display name kept from
    `sender`), oneself, or in a block either way: what their member page answers (accounts.access.find_member_for)."""
    recipient = find_member_for(sender, username)
    if recipient is None or recipient.pk == sender.pk or is_blocked_between(sender, recipient):
        raise Http404
    return recipient


def shares_group(a, b) -> bool:
    return Membership.objects.filter(user=b, group__in=Membership.objects.filter(user=a).values("group_id")).exists()


def may_write_to(sender, recipient) -> bool:
    return shares_group(sender, recipient) or trust.may_message_strangers(sender)


def write_note(sender, recipient, *, body: str, group: Group | None = None, seen_help: bool = False) -> SupportNote:
    """Send a note. `group`, when given, must be one both belong to (it only gives the note its context)."""
    if recipient.pk == sender.pk or is_blocked_between(sender, recipient):
        raise Http404
    if is_suspended(sender):
        raise PermissionDenied(_("Your account is suspended for now."))
    if not may_write_to(sender, recipient):
        raise PermissionDenied(
            _(
                "You can write to members of your groups now, and to other members after a few days and a few "
                "posts here."
            )
        )
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Please write a few words.")})
    if len(body) > MAX_NOTE:
        raise ValidationError({"body": _("Please keep a note under %(count)d characters.") % {"count": MAX_NOTE}})
    if group is not None and not (
        Membership.objects.filter(group=group, user=sender).exists()
        and Membership.objects.filter(group=group, user=recipient).exists()
    ):
        raise ValidationError({"group": _("Choose a group you both belong to, or none.")})
    check_daily_limit(sender)
    with transaction.atomic():
        note = SupportNote.objects.create(
            sender=sender,
            recipient=recipient,
            group=group,
            body=body,
            # Notes are plain words of encouragement: no links or images, whoever writes them, and no mentions.
            html=render(body, allow_links=False, allow_images=False, mentions=set()),
        )
        notify(
            recipient,
            kind="support_note",
            text=_("%(name)s sent you a note of encouragement.")
            % {"name": shown_name(recipient, sender, hidden=UNNAMED)},
            url=reverse("groups:notes"),
        )
        note.at_risk = alert_if_risky(
            sender, sender=SupportNote, text=body, group=group, note=note, seen_help=seen_help
        ).at_risk
    return note


def let_go(recipient, note: SupportNote) -> SupportNote:
    """The recipient no longer keeps the note (it leaves their page; the sender still sees it as sent)."""
    if note.recipient_id != recipient.pk:
        raise Http404
    note.kept = False
    note.save(update_fields=["kept"])
    return note


def mark_notes_read(recipient) -> int:
    return SupportNote.objects.received_by(recipient).filter(read_at__isnull=True).update(read_at=timezone.now())

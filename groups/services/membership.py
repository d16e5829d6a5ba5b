"""Writes about who belongs to a group: joining, requests, invitations, roles, succession, leaving and removal.

Pages and the API call these; each raises `ValidationError` keyed by field, or `PermissionDenied` when the person
acting may not (views answer 404 before it comes to that). The group itself and its guidelines are in groups.py.

Notifications say who and where, never what anyone wrote in the group.
"""

import hashlib
import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import find_member_for, is_suspended
from accounts.blocks import is_blocked_between
from accounts.connections import shown_name
from accounts.models import User
from notifications.services import notify

from ..models import Group, GroupRole, GroupVisibility, Invitation, JoinRequest, Membership, RequestStatus
from ..signals import member_removed
from .groups import _check_accepts, _check_choice, _clean_text, _require_facilitator, current_guidelines

MAX_MESSAGE = 1000
MAX_REASON = 500


# ---- reading helpers (no writes) ------------------------------------------------------------------------------


def hash_invite_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_invitations():
    """Invitations neither revoked nor expired (username invitations also not yet accepted)."""
    from django.db.models import Q

    now = timezone.now()
    return (
        Invitation.objects.filter(revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))
        .exclude(invited__isnull=False, accepted_at__isnull=False)
    )


def invitation_for_token(token: str) -> Invitation | None:
    """The open link invitation for `token`, or None (unknown, revoked or expired all look the same)."""
    if not token or len(token) > 200:
        return None
    return (
        open_invitations()
        .filter(invited__isnull=True, token_hash=hash_invite_token(token))
        .select_related("group", "group__program")
        .first()
    )


def pending_invitation_for(user, group: Group) -> Invitation | None:
    if user is None or not user.is_authenticated:
        return None
    return open_invitations().filter(group=group, invited=user).first()


def facilitators_of(group: Group):
    return User.objects.filter(
        is_active=True, group_memberships__group=group, group_memberships__role=GroupRole.FACILITATOR
    )


# ---- checks ---------------------------------------------------------------------------------------------------


def _check_may_join(user, group: Group) -> None:
    if not user or not user.is_authenticated:
        raise PermissionDenied
    if is_suspended(user):
        raise ValidationError({"group": _("Your account is suspended for now, so you can't join groups.")})
    if Membership.objects.filter(group=group, user=user).exists():
        raise ValidationError({"group": _("You are already a member of this group.")})


# ---- joining --------------------------------------------------------------------------------------------------


def _add_member(user, group: Group, version: int) -> Membership:
    now = timezone.now()
    try:
        with transaction.atomic():
            return Membership.objects.create(
                group=group,
                user=user,
                joined_at=now,
                guidelines_version=version,
                guidelines_accepted_at=now if version else None,
            )
    except IntegrityError as error:
        raise ValidationError({"group": _("You are already a member of this group.")}) from error


def join_group(user, group: Group, accept_guidelines_version) -> Membership:
    """Join an open group, accepting its current guidelines (the version accepted is kept)."""
    _check_may_join(user, group)
    if group.visibility != GroupVisibility.OPEN:
        message = (
            _("This group takes requests: ask to join.")
            if group.visibility == GroupVisibility.REQUEST
            else _("This group is by invitation.")
        )
        raise ValidationError({"group": message})
    version = _check_accepts(group, accept_guidelines_version)
    membership = _add_member(user, group, version)
    JoinRequest.objects.filter(group=group, user=user, status=RequestStatus.PENDING).update(
        status=RequestStatus.WITHDRAWN
    )
    return membership


def request_to_join(user, group: Group, message: str = "", accept_guidelines_version=None) -> JoinRequest:
    """Ask the facilitators of a join-by-request group; they are notified (without the message)."""
    _check_may_join(user, group)
    if group.visibility != GroupVisibility.REQUEST:
        message_text = (
            _("This group is open: join it directly.")
            if group.visibility == GroupVisibility.OPEN
            else _("This group is by invitation.")
        )
        raise ValidationError({"group": message_text})
    _check_accepts(group, accept_guidelines_version)
    message = _clean_text("message", message, required=False, max_length=MAX_MESSAGE)
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(group=group, user=user, message=message)
    except IntegrityError as error:
        raise ValidationError({"group": _("Your request is already waiting for a facilitator.")}) from error
    url = reverse("groups:manage_requests", args=[group.slug])
    for facilitator in facilitators_of(group):
        notify(
            facilitator,
            kind="group_request",
            text=_("%(name)s asked to join %(group)s.") % {"name": shown_name(facilitator, user), "group": group.name},
            url=url,
        )
    return join_request


def withdraw_request(join_request: JoinRequest) -> None:
    if join_request.status == RequestStatus.PENDING:
        join_request.status = RequestStatus.WITHDRAWN
        join_request.save(update_fields=["status"])


@transaction.atomic
def decide_request(by, join_request: JoinRequest, approve: bool) -> JoinRequest:
    """Approve (the person becomes a member) or decline a pending request; the person is told either way."""
    group = join_request.group
    _require_facilitator(by, group)
    if join_request.status != RequestStatus.PENDING:
        raise ValidationError({"request": _("This request was already answered.")})
    now = timezone.now()
    join_request.status = RequestStatus.APPROVED if approve else RequestStatus.DECLINED
    join_request.decided_by = by
    join_request.decided_at = now
    join_request.save(update_fields=["status", "decided_by", "decided_at"])
    person = join_request.user
    if approve:
        current = current_guidelines(group)
        # They accepted the guidelines when asking; if a newer version came since, the group page asks again.
        accepted = current.version if current and current.created_at <= join_request.created_at else 0
        if not Membership.objects.filter(group=group, user=person).exists():
            _add_member(person, group, accepted)
        notify(
            person,
            kind="group_request_approved",
            text=_("Welcome: your request to join %(group)s was approved.") % {"group": group.name},
            url=reverse("groups:detail", args=[group.slug]),
        )
    else:
        notify(
            person,
            kind="group_request_declined",
            text=_("Your request to join %(group)s was not accepted this time.") % {"group": group.name},
            url=reverse("groups:list"),
        )
    return join_request


# ---- invitations ----------------------------------------------------------------------------------------------


def invite_member(by, group: Group, username: str, expires_at: datetime | None = None) -> Invitation:
    """Invite one member by username; they are notified with a link to the invitation."""
    _require_facilitator(by, group)
    # Unknown, closed, unseen and blocked-either-way names answer alike (accounts.access.find_member_for).
    invited = find_member_for(by, username)
    if invited is None or is_blocked_between(by, invited):
        raise ValidationError({"username": _("No member has that username.")})
    if invited.pk == by.pk or Membership.objects.filter(group=group, user=invited).exists():
        raise ValidationError({"username": _("This member already belongs to the group.")})
    if open_invitations().filter(group=group, invited=invited).exists():
        raise ValidationError({"username": _("This member already has an invitation waiting.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Choose a time in the future.")})
    invitation = Invitation.objects.create(group=group, invited=invited, created_by=by, expires_at=expires_at)
    notify(
        invited,
        kind="group_invitation",
        text=_("%(name)s invited you to join %(group)s.") % {"name": shown_name(invited, by), "group": group.name},
        url=reverse("groups:invitation", args=[invitation.pk]),
    )
    return invitation


def create_invite_link(by, group: Group, expires_at: datetime | None = None) -> tuple[Invitation, str]:
    """A link anyone logged in may use to join until it expires or is revoked. The token is returned once; only
    its SHA-256 is kept."""
    _require_facilitator(by, group)
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Choose a time in the future.")})
    token = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        group=group, token_hash=hash_invite_token(token), created_by=by, expires_at=expires_at
    )
    return invitation, token


def _invitation_is_open(invitation: Invitation, now) -> bool:
    if invitation.revoked_at is not None:
        return False
    if invitation.expires_at is not None and invitation.expires_at <= now:
        return False
    return not (invitation.invited_id and invitation.accepted_at)


def accept_invitation(user, invitation: Invitation, accept_guidelines_version) -> Membership:
    """Join the invitation's group (any visibility), accepting its current guidelines."""
    now = timezone.now()
    if not _invitation_is_open(invitation, now) or (invitation.invited_id and invitation.invited_id != user.pk):
        raise ValidationError({"invitation": _("This invitation is no longer valid.")})
    group = invitation.group
    _check_may_join(user, group)
    version = _check_accepts(group, accept_guidelines_version)
    membership = _add_member(user, group, version)
    if invitation.accepted_at is None:
        invitation.accepted_at = now
        invitation.save(update_fields=["accepted_at"])
    JoinRequest.objects.filter(group=group, user=user, status=RequestStatus.PENDING).update(
        status=RequestStatus.WITHDRAWN
    )
    return membership


def decline_invitation(user, invitation: Invitation) -> None:
    """The invited member says no thanks: the invitation closes quietly."""
    if invitation.invited_id != user.pk or invitation.revoked_at:
        raise ValidationError({"invitation": _("This invitation is no longer valid.")})
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def revoke_invitation(by, invitation: Invitation) -> None:
    _require_facilitator(by, invitation.group)
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])


# ---- roles, leaving, removal ----------------------------------------------------------------------------------


SUCCESSORS_SHOWN = 100


def _other_facilitators(membership: Membership):
    return Membership.objects.filter(group_id=membership.group_id, role=GroupRole.FACILITATOR).exclude(pk=membership.pk)


def needs_successor(membership: Membership) -> bool:
    """Whether this member is the group's last facilitator, so must name someone to take over before leaving
    (one query; a second only for a facilitator)."""
    return membership.role == GroupRole.FACILITATOR and not _other_facilitators(membership).exists()


def successor_choices(membership: Membership) -> list[Membership]:
    """The members who may take over from this last facilitator: the first SUCCESSORS_SHOWN, longest-standing
    first (enough to choose from without loading a big group); empty when no successor is needed. One query."""
    if not needs_successor(membership):
        return []
    return list(Membership.objects.roster(membership.group_id).exclude(pk=membership.pk)[:SUCCESSORS_SHOWN])


def successor_by_username(membership: Membership, username: str) -> Membership:
    """The member of the same group with this username (as typed), to take over; a field error when none."""
    successor = Membership.objects.filter(
        group_id=membership.group_id, user__username__iexact=(username or "").strip()
    ).first()
    if successor is None:
        raise ValidationError({"successor_username": "No member of the group has it."})
    return successor


@transaction.atomic
def leave_group(membership: Membership, successor: Membership | None = None) -> None:
    """Leave the group. The last facilitator names another member to take over first (unless nobody else is
    left)."""
    if needs_successor(membership):
        others = Membership.objects.filter(group_id=membership.group_id).exclude(pk=membership.pk)
        if others.exists():
            if successor is None or successor.group_id != membership.group_id or successor.pk == membership.pk:
                raise ValidationError(
                    {"successor": _("You are the group's last facilitator: name another member to take over.")}
                )
            successor.role = GroupRole.FACILITATOR
            successor.save(update_fields=["role"])
            notify(
                successor.user,
                kind="group_role",
                text=_("You are now a facilitator of %(group)s.") % {"group": membership.group.name},
                url=reverse("groups:manage", args=[membership.group.slug]),
            )
    membership.delete()


@transaction.atomic
def set_role(by, membership: Membership, role: str) -> Membership:
    """Make a member a member, moderator or facilitator; a group keeps at least one facilitator."""
    group = membership.group
    _require_facilitator(by, group)
    _check_choice("role", role, GroupRole)
    if role == membership.role:
        return membership
    if membership.role == GroupRole.FACILITATOR and not _other_facilitators(membership).exists():
        raise ValidationError({"role": _("A group keeps at least one facilitator: make someone else one first.")})
    membership.role = role
    membership.save(update_fields=["role"])
    notify(
        membership.user,
        kind="group_role",
        text=_("Your role in %(group)s is now: %(role)s.") % {"group": group.name, "role": GroupRole(role).label},
        url=reverse("groups:detail", args=[group.slug]),
    )
    return membership


def end_membership(membership: Membership, *, by, reason: str, announce: bool = True) -> None:
    """The one write that takes a member out of a group, for a facilitator's removal and a moderator's action alike.
    With `announce`, `groups.signals.member_removed` tells the apps above (moderation keeps it in its log); a caller
    that keeps its own record passes `announce=False`."""
    person, group = membership.user, membership.group
    membership.delete()
    if announce:
        member_removed.send(sender=Membership, group=group, member=person, by=by, reason=reason)


def set_mute(membership: Membership, until) -> Membership:
    """Pause (until `until`) or, with None, resume a member's posting in the group."""
    membership.muted_until = until
    membership.save(update_fields=["muted_until"])
    return membership


def readmit(group_id: int, user_id: int) -> Membership:
    """Take a removed member back (an appeal overturned the removal); harmless if they are already in."""
    membership, _created = Membership.objects.get_or_create(group_id=group_id, user_id=user_id)
    return membership


def unmute(group_id: int, user_id: int) -> int:
    """End a pause of the member's posting in the group, if one is in force; how many rows changed (0 or 1)."""
    return Membership.objects.filter(group_id=group_id, user_id=user_id, muted_until__gt=timezone.now()).update(
        muted_until=None
    )


@transaction.atomic
def remove_member(by, membership: Membership, reason: str) -> None:
    """Remove a member from the group, with a reason they are told; the moderators' log keeps it."""
    group = membership.group
    _require_facilitator(by, group)
    reason = _clean_text("reason", reason, required=True, max_length=MAX_REASON)
    if membership.user_id == by.pk:
        raise ValidationError({"member": _("To leave the group yourself, use Leave.")})
    if membership.role == GroupRole.FACILITATOR and not _other_facilitators(membership).exists():
        raise ValidationError({"member": _("A group keeps at least one facilitator.")})
    person = membership.user
    end_membership(membership, by=by, reason=reason)
    notify(
        person,
        kind="group_removed",
        text=_("You were removed from %(group)s. Reason: %(reason)s") % {"group": group.name, "reason": reason},
        url=reverse("groups:list"),
    )

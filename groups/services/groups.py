"""Writes about groups themselves: creating and editing them, their guidelines, joining, requests, invitations,
roles and removal. Pages and the API call these; each raises `ValidationError` keyed by field, or
`PermissionDenied` when the person acting may not (views answer 404 before it comes to that).

Notifications say who and where, never what anyone wrote in the group.
"""

import hashlib
import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.access import is_suspended
from accounts.blocks import is_blocked_between
from accounts.connections import find_member
from accounts.models import Role, User
from notifications.services import notify

from ..access import is_facilitator
from ..models import (
    Group,
    GroupKind,
    GroupRole,
    GroupVisibility,
    Guidelines,
    Invitation,
    JoinRequest,
    Membership,
    RequestStatus,
)
from ..signals import member_removed

MAX_NAME = 120
MAX_TEXT = 5000
MAX_GUIDELINES = 20000
MAX_MESSAGE = 1000
MAX_REASON = 500
# Paths under /groups/ that are pages, never a group's slug.
RESERVED_SLUGS = {"new", "invite", "invitations", "mine"}
GROUP_FIELDS = ("name", "program", "kind", "description", "eligibility", "visibility", "readable_by_site_members")


# ---- reading helpers (no writes) ------------------------------------------------------------------------------


def current_guidelines(group: Group) -> Guidelines | None:
    """The group's current guidelines (one query), or None when it has none yet."""
    return group.guidelines_versions.order_by("-version").first()


def current_version(group: Group) -> int:
    return group.guidelines_versions.order_by("-version").values_list("version", flat=True).first() or 0


def may_create_groups(user) -> bool:
    """Site facilitators and administrators start groups."""
    return bool(user and user.is_authenticated and (user.has_role(Role.FACILITATOR) or user.has_role(Role.ADMIN)))


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


def _require_facilitator(user, group: Group) -> None:
    if not is_facilitator(user, group):
        raise PermissionDenied


def _clean_text(field: str, value, *, required: bool, max_length: int) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > max_length:
        raise ValidationError({field: _("Keep it under %(n)d characters.") % {"n": max_length}})
    return value


def _check_choice(field: str, value, choices) -> None:
    if value not in choices.values:
        raise ValidationError({field: _("Choose one of: %(values)s.") % {"values": ", ".join(choices.values)}})


def _check_accepts(group: Group, accept_guidelines_version) -> int:
    """The version the member accepts; it must be the current one (any falsy value when there is none)."""
    current = current_version(group)
    if current == 0:
        return 0
    if accept_guidelines_version != current:
        raise ValidationError(
            {
                "accept_guidelines_version": _("Read and accept the group's current guidelines (version %(v)d).")
                % {"v": current}
            }
        )
    return current


def _check_may_join(user, group: Group) -> None:
    if not user or not user.is_authenticated:
        raise PermissionDenied
    if is_suspended(user):
        raise ValidationError({"group": _("Your account is suspended for now, so you can't join groups.")})
    if Membership.objects.filter(group=group, user=user).exists():
        raise ValidationError({"group": _("You are already a member of this group.")})


def unique_slug(name: str) -> str:
    base = slugify(name)[:40].strip("-") or "group"
    if base in RESERVED_SLUGS:
        base = f"{base}-group"
    slug, n = base, 2
    while Group.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _clean_group_fields(changes: dict) -> dict:
    cleaned = {}
    if "name" in changes:
        cleaned["name"] = _clean_text("name", changes["name"], required=True, max_length=MAX_NAME)
    for field in ("description", "eligibility"):
        if field in changes:
            cleaned[field] = _clean_text(field, changes[field], required=False, max_length=MAX_TEXT)
    if "kind" in changes:
        _check_choice("kind", changes["kind"], GroupKind)
        cleaned["kind"] = changes["kind"]
    if "visibility" in changes:
        _check_choice("visibility", changes["visibility"], GroupVisibility)
        cleaned["visibility"] = changes["visibility"]
    if "readable_by_site_members" in changes:
        cleaned["readable_by_site_members"] = bool(changes["readable_by_site_members"])
    if "program" in changes:
        cleaned["program"] = changes["program"] or None
    return cleaned


# ---- groups ---------------------------------------------------------------------------------------------------


@transaction.atomic
def create_group(
    user,
    *,
    name: str,
    kind: str,
    guidelines: str,
    program=None,
    description: str = "",
    eligibility: str = "",
    visibility: str = GroupVisibility.OPEN,
    readable_by_site_members: bool = False,
) -> Group:
    """A new group; its creator becomes its facilitator and accepts the first guidelines, written now."""
    if not may_create_groups(user):
        raise PermissionDenied
    fields = _clean_group_fields(
        {
            "name": name,
            "kind": kind,
            "program": program,
            "description": description,
            "eligibility": eligibility,
            "visibility": visibility,
            "readable_by_site_members": readable_by_site_members,
        }
    )
    text = _clean_text("guidelines", guidelines, required=True, max_length=MAX_GUIDELINES)
    now = timezone.now()
    group = Group.objects.create(slug=unique_slug(fields["name"]), created_by=user, created_at=now, **fields)
    Guidelines.objects.create(group=group, version=1, text=text, created_by=user, created_at=now)
    Membership.objects.create(
        group=group,
        user=user,
        role=GroupRole.FACILITATOR,
        joined_at=now,
        guidelines_version=1,
        guidelines_accepted_at=now,
    )
    return group


def update_group(group: Group, by, **changes) -> Group:
    """Change any of the group's own fields (GROUP_FIELDS); the slug stays, so links keep working."""
    _require_facilitator(by, group)
    unknown = set(changes) - set(GROUP_FIELDS)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: _("This field can't be changed here.")})
    cleaned = _clean_group_fields(changes)
    for field, value in cleaned.items():
        setattr(group, field, value)
    if cleaned:
        group.save(update_fields=list(cleaned))
    return group


def link_meeting(group: Group, by, meeting_id) -> None:
    """Show a directory meeting on the group's page (the group meets there, or its members go)."""
    from directory.models import Meeting

    _require_facilitator(by, group)
    meeting = Meeting.objects.filter(pk=meeting_id if str(meeting_id).isdigit() else 0).first()
    if meeting is None:
        raise ValidationError({"meeting": _("No meeting in the directory has that number.")})
    group.meetings.add(meeting)


def unlink_meeting(group: Group, by, meeting_id) -> None:
    _require_facilitator(by, group)
    group.meetings.remove(*group.meetings.filter(pk=meeting_id if str(meeting_id).isdigit() else 0))


# ---- guidelines -----------------------------------------------------------------------------------------------


@transaction.atomic
def publish_guidelines(group: Group, by, text: str) -> Guidelines:
    """A new version becomes current; every member is asked to accept it before posting again (the publisher has
    accepted it by writing it)."""
    _require_facilitator(by, group)
    text = _clean_text("text", text, required=True, max_length=MAX_GUIDELINES)
    # Lock the group row so that two facilitators publishing at once get consecutive versions.
    Group.objects.select_for_update().filter(pk=group.pk).first()
    version = current_version(group) + 1
    now = timezone.now()
    guidelines = Guidelines.objects.create(group=group, version=version, text=text, created_by=by, created_at=now)
    Membership.objects.filter(group=group, user=by).update(guidelines_version=version, guidelines_accepted_at=now)
    return guidelines


def accept_guidelines(membership: Membership, version) -> Membership:
    """Record that the member accepted the group's current guidelines."""
    membership.guidelines_version = _check_accepts(membership.group, version)
    membership.guidelines_accepted_at = timezone.now()
    membership.save(update_fields=["guidelines_version", "guidelines_accepted_at"])
    return membership


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
            text=_("%(name)s asked to join %(group)s.") % {"name": user.display_name, "group": group.name},
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
    invited = find_member(username)
    if invited is None:
        raise ValidationError({"username": _("No member has that username.")})
    if invited.pk == by.pk or Membership.objects.filter(group=group, user=invited).exists():
        raise ValidationError({"username": _("This member already belongs to the group.")})
    if is_blocked_between(by, invited):
        raise ValidationError({"username": _("You can't invite this member.")})
    if open_invitations().filter(group=group, invited=invited).exists():
        raise ValidationError({"username": _("This member already has an invitation waiting.")})
    if expires_at is not None and expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("Choose a time in the future.")})
    invitation = Invitation.objects.create(group=group, invited=invited, created_by=by, expires_at=expires_at)
    notify(
        invited,
        kind="group_invitation",
        text=_("%(name)s invited you to join %(group)s.") % {"name": by.display_name, "group": group.name},
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


def _other_facilitators(membership: Membership):
    return Membership.objects.filter(group_id=membership.group_id, role=GroupRole.FACILITATOR).exclude(pk=membership.pk)


@transaction.atomic
def leave_group(membership: Membership, successor: Membership | None = None) -> None:
    """Leave the group. The last facilitator names another member to take over first (unless nobody else is
    left)."""
    if membership.role == GroupRole.FACILITATOR and not _other_facilitators(membership).exists():
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
    membership.delete()
    member_removed.send(sender=Membership, group=group, member=person, by=by, reason=reason)
    notify(
        person,
        kind="group_removed",
        text=_("You were removed from %(group)s. Reason: %(reason)s") % {"group": group.name, "reason": reason},
        url=reverse("groups:list"),
    )

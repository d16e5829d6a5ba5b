"""Writes about groups themselves: creating and editing them, their meetings and their guidelines (publishing,
and a member accepting them). Who belongs (joining, requests, invitations, roles, leaving) is in membership.py.
Pages and the API call these; each raises `ValidationError` keyed by field, or `PermissionDenied` when the person
acting may not (views answer 404 before it comes to that). The checks here are shared with membership.py.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import Role
from directory.models import Meeting

from ..access import is_facilitator
from ..models import (
    Group,
    GroupKind,
    GroupRole,
    GroupVisibility,
    Guidelines,
    Membership,
)
from .risk import alert_if_risky

MAX_NAME = 120
MAX_TEXT = 5000
MAX_GUIDELINES = 20000
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
    cleaned: dict[str, Any] = {}
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
    _check_texts(user, group)
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
        _check_texts(by, group)
    return group


def _check_texts(user, group: Group) -> None:
    texts = [str(getattr(group, name, "") or "") for name in ("name", "description", "guidelines")]
    alert_if_risky(user, sender=Group, text=". ".join(texts), group=group, where=_("the group's own texts"))


def link_meeting(group: Group, by, meeting_id) -> None:
    """Show a directory meeting on the group's page (the group meets there, or its members go)."""
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

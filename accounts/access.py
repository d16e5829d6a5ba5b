"""Who may see what of a member, and what a member's roles and suspension allow. Views, the API and consumers
all ask here."""

import time

from allauth.account import app_settings as allauth_settings
from allauth.account.internal.flows.login import get_authentication_records
from allauth.core.exceptions import ReauthenticationRequired
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .blocks import blocked_ids
from .models import (
    PROFILE_FIELDS,
    Connection,
    ConnectionRequest,
    ConnectionRequestStatus,
    PersonalAccessToken,
    Role,
    User,
    Visibility,
)

SITE_MODERATION_ROLES = (Role.MODERATOR, Role.ADMIN)

_RANK = {
    Visibility.ONLY_ME: 0,
    Visibility.CONNECTIONS: 1,
    Visibility.MEMBERS: 2,
    Visibility.EVERYONE: 3,
}


def relationship(viewer, member: User) -> Visibility:
    """The widest visibility level that `viewer` falls within for `member` (ONLY_ME means: is the member)."""
    if viewer is not None and viewer.is_authenticated:
        if viewer.pk == member.pk:
            return Visibility.ONLY_ME
        if Connection.between(viewer, member):
            return Visibility.CONNECTIONS
        return Visibility.MEMBERS
    return Visibility.EVERYONE


def can_see_field(viewer, member: User, field: str) -> bool:
    if viewer is not None and viewer.is_authenticated and viewer.pk == member.pk:
        return True
    level = Visibility(getattr(member, f"{field}_visibility"))
    if level == Visibility.ONLY_ME:
        return False
    return _RANK[level] >= _RANK[relationship(viewer, member)]


def visible_profile(viewer, member: User) -> dict:
    """The profile fields of `member` that `viewer` may see, by name; absent fields are hidden."""
    shown = {}
    for field in PROFILE_FIELDS:
        if not can_see_field(viewer, member, field):
            continue
        if field == "fellowships":
            shown[field] = [p.name for p in member.fellowships.all()]
        else:
            shown[field] = getattr(member, field)
    return shown


def get_member_for_viewer(viewer, username: str) -> tuple[User, dict]:
    """The member and what `viewer` may see of them; 404 ("No such member.") when the viewer may see nothing at all,
    or is in a block with them, exactly as for a username nobody has (see `find_member_for`)."""
    member = get_object_or_404(User, username=username, is_active=True)
    shown = visible_profile(viewer, member)
    if "display_name" not in shown or member.pk in blocked_ids(viewer):
        raise Http404("No such member.")
    return member, shown


def recently_authenticated(request) -> bool:
    """Whether the session's member gave their password or MFA code (at login or at /accounts/reauthenticate/)
    within ACCOUNT_REAUTHENTICATION_TIMEOUT. Needed to create or revoke a token.

    allauth records each authentication in the session; its own check counts only a re-authentication, so a
    member who has just logged in would be asked for the password twice. Reads the session, no query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    moments = [record.get("at", 0) for record in get_authentication_records(request, user)]
    return bool(moments) and time.time() - max(moments) < allauth_settings.REAUTHENTICATION_TIMEOUT


def require_recent_authentication(request) -> None:
    """For a page: raise allauth's ReauthenticationRequired, which asks for the password (or MFA code) and then
    resumes the request."""
    if not recently_authenticated(request):
        raise ReauthenticationRequired()


def get_token_for_owner(user: User, token_id: int) -> PersonalAccessToken:
    return get_object_or_404(PersonalAccessToken, pk=token_id, user=user)


def is_site_moderator(user) -> bool:
    """The site's moderators and administrators (roles kept as data, see `RoleAssignment`)."""
    return bool(user and user.is_authenticated and any(user.has_role(r) for r in SITE_MODERATION_ROLES))


def suspended_until(user, now=None) -> tuple[bool, object]:
    """(suspended now, until) from the member's own row (`User.suspended_at`/`suspended_until`, which the
    moderation app keeps in step with its record): no query, so every request can ask."""
    if user is None or not user.is_authenticated or getattr(user, "suspended_at", None) is None:
        return False, None
    until = user.suspended_until
    if until is not None and until <= (now or timezone.now()):
        return False, None
    return True, until


def is_suspended(user, now=None) -> bool:
    """Whether the member is suspended now, read afresh from their row (one query): for the checks made by writes,
    which must not trust a copy of the member loaded before a moderator acted."""
    if user is None or not user.is_authenticated:
        return False
    now = now or timezone.now()
    row = User.objects.filter(pk=user.pk, suspended_at__isnull=False)
    return row.filter(Q(suspended_until__isnull=True) | Q(suspended_until__gt=now)).exists()


def incoming_requests(user: User):
    """Pending requests to `user`, newest first, leaving out anyone blocked either way."""
    return (
        ConnectionRequest.objects.filter(
            to_user=user, status=ConnectionRequestStatus.PENDING, from_user__is_active=True
        )
        .exclude(from_user_id__in=blocked_ids(user))
        .select_related("from_user")
    )


def outgoing_requests(user: User):
    """Pending requests `user` sent, newest first, leaving out anyone blocked either way."""
    return (
        ConnectionRequest.objects.filter(
            from_user=user, status=ConnectionRequestStatus.PENDING, to_user__is_active=True
        )
        .exclude(to_user_id__in=blocked_ids(user))
        .select_related("to_user")
    )


def find_member_for(viewer, username: str) -> User | None:
    """The active member `username` names to `viewer` (as typed, "@Sam" or "sam"), or None. None alike for a name
    nobody has, a closed account, a member whose display name `viewer` may not see, and a member in a block with
    `viewer` either way: what the member page would answer (`get_member_for_viewer`), connections aside. Every
    place where a member types someone's username (connection requests, notes, invitations, shares) asks here, so
    none tells more about who is a member, or who blocked whom, than the member page does. Up to four queries."""
    member = find_member(username)
    if member is None or (viewer is not None and member.pk == viewer.pk):
        return member
    if member.pk in blocked_ids(viewer):
        return None
    if can_see_field(viewer, member, "display_name") or Connection.between(viewer, member):
        return member  # a connection who keeps their name to themselves still knows the viewer, and is known
    return None


def find_member(username: str) -> User | None:
    """An active member by username, as typed ("@Sam" or "sam"); None when there is none. One query."""
    name = (username or "").strip().lstrip("@")
    if not name:
        return None
    return User.objects.filter(username__iexact=name, is_active=True).first()


def get_connection_for_member(user, username: str) -> User:
    """The member `username` if `user` is connected with them; 404 otherwise (no such member, or not connected)."""
    other = find_member(username)
    if other is None or not Connection.between(user, other):
        raise Http404("You are not connected with this member.")
    return other


def get_request_for_recipient(user, request_id: int):
    """A pending connection request to `user`; 404 for anyone else's, or one already answered."""
    return get_object_or_404(incoming_requests(user), pk=request_id)


def get_request_for_sender(user, request_id: int):
    """A pending connection request `user` sent; 404 for anyone else's, or one already answered."""
    return get_object_or_404(outgoing_requests(user), pk=request_id)

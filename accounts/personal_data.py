"""What the accounts app exports in "Download my data"."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.sessions.models import Session
from django.utils import timezone

from lib.personal_data import register_eraser, register_exporter

from .blocks_listed import blocked_list
from .models import PROFILE_FIELDS, Connection, ConnectionRequest, User, Visibility
from .naming import connection_name, names_for


def _iso(value):
    return value.isoformat() if value else None


@register_exporter(
    "account",
    models=(
        "accounts.User",
        "accounts.RoleAssignment",
        "accounts.Connection",
        "accounts.ConnectionRequest",
        "accounts.PersonalAccessToken",
        "accounts.Block",
        "accounts.NameBlock",
        "account.EmailAddress",
        "mfa.Authenticator",
    ),
)
def export_account(user) -> dict:
    profile = {}
    for field in PROFILE_FIELDS:
        value = [p.name for p in user.fellowships.all()] if field == "fellowships" else getattr(user, field)
        profile[field] = {"value": value, "visible_to": getattr(user, f"{field}_visibility")}
    profile["country"] = {"value": user.country, "visible_to": Visibility.ONLY_ME.value}
    partners = Connection.partner_ids(user)
    return {
        "username": user.username,
        "date_joined": _iso(user.date_joined),
        "last_login": _iso(user.last_login),
        "emails": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "profile": profile,
        "roles": sorted(user.role_set()),
        "connections": [connection_name(p) for p in User.objects.filter(pk__in=partners)],
        "connection_requests": _connection_requests(user),
        # As the blocks page lists them: a name blocked is not told apart from a member blocked.
        "blocked": [row["username"] for row in blocked_list(user)],
        "two_factor_methods": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        "api_tokens": [
            {
                "name": t.name,
                "created_at": _iso(t.created_at),
                "expires_at": _iso(t.expires_at),
                "last_used_at": _iso(t.last_used_at),
                "revoked_at": _iso(t.revoked_at),
            }
            for t in user.api_tokens.all()
        ],
    }


def _connection_requests(user) -> dict:
    """Requests the member sent (with the message they wrote) and received, with the other's display name."""
    sent, received = [], []
    mine = list(ConnectionRequest.objects.filter(from_user=user).select_related("to_user"))
    theirs = list(ConnectionRequest.objects.filter(to_user=user).select_related("from_user"))
    # The others as the member may see them now (accounts.naming), never a name they keep from the member.
    names = names_for(user, [r.to_user for r in mine] + [r.from_user for r in theirs])
    for request in mine:
        sent.append({"to": names[request.to_user_id], "message": request.message, **_request_dates(request)})
    for request in theirs:
        received.append({"from": names[request.from_user_id], **_request_dates(request)})
    return {"sent": sent, "received": received}


def _request_dates(request) -> dict:
    return {"status": request.status, "created_at": _iso(request.created_at), "decided_at": _iso(request.decided_at)}


@register_eraser
def erase_logins(user) -> None:
    """The lock-out's records of the member's logins (they hold the username) and every login session still stored
    (their tokens go by cascade)."""
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=user.username).delete()
    own = str(user.pk)
    # Sessions are signed blobs: each is decoded to find the member's. One pass over the unexpired sessions.
    sessions = Session.objects.filter(expire_date__gt=timezone.now()).iterator()
    Session.objects.filter(pk__in=[s.pk for s in sessions if s.get_decoded().get("_auth_user_id") == own]).delete()

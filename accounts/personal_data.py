"""What the accounts app exports in "Download my data"."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from lib.personal_data import register_exporter

from .models import PROFILE_FIELDS, Connection, User


def _iso(value):
    return value.isoformat() if value else None


@register_exporter(
    "account",
    models=(
        "accounts.User",
        "accounts.RoleAssignment",
        "accounts.Connection",
        "accounts.PersonalAccessToken",
        "account.EmailAddress",
        "mfa.Authenticator",
    ),
)
def export_account(user) -> dict:
    profile = {}
    for field in PROFILE_FIELDS:
        value = [p.name for p in user.fellowships.all()] if field == "fellowships" else getattr(user, field)
        profile[field] = {"value": value, "visible_to": getattr(user, f"{field}_visibility")}
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
        "connections": list(User.objects.filter(pk__in=partners).values_list("display_name", flat=True)),
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

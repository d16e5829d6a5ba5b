"""How the API knows who is calling: a personal access token (Bearer) or the site's session (with CSRF)."""

from allauth.mfa.utils import is_mfa_enabled
from django.urls import Resolver404, resolve
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

from accounts.access import suspended_until
from accounts.models import PersonalAccessToken, hash_token
from moderation.sanctions import allowed_while_suspended

from .scopes import SESSION, required_scope


class TokenAuth(HttpBearer):
    openapi_description = "A personal access token created at /me/tokens/."

    def authenticate(self, request, token: str):
        found = PersonalAccessToken.objects.usable().select_related("user").filter(token_hash=hash_token(token)).first()
        if found is None or not found.user.is_active:
            return None
        user = found.user
        if user.needs_mfa and not is_mfa_enabled(user):
            raise HttpError(403, "Your role requires two-factor authentication; set it up in the site first.")
        now = timezone.now()
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            PersonalAccessToken.objects.filter(pk=found.pk).update(last_used_at=now)
        request.user = user
        request.api_token = found
        _refuse_if_suspended(request, user)
        _refuse_outside_scopes(request, found)
        return user


def _refuse_outside_scopes(request, token) -> None:
    """403 naming the missing scope when the route is outside the token's scopes (api/scopes.py)."""
    route = request.path_info.removeprefix("/api/v1/")
    needed = required_scope(route, request.method)
    if needed is None or (needed != SESSION and token.has_scope(needed)):
        return
    if needed == SESSION:
        raise HttpError(403, "This route needs the site session: tokens are created and revoked at /me/tokens/.")
    raise HttpError(403, f"This token does not have the scope {needed!s}; create a token with it at /me/tokens/.")


def _refuse_if_suspended(request, user) -> None:
    """A suspended member keeps only what the site keeps open for them (see moderation.sanctions); the session
    route is already refused by moderation.middleware before it gets here."""
    if not suspended_until(user)[0]:
        return
    try:
        name = resolve(request.path_info).view_name
    except Resolver404:
        name = ""
    if not allowed_while_suspended(name):
        raise HttpError(403, "Your account is suspended for now. See /me/moderation/ for why and how to appeal.")


class MemberSessionAuth(SessionAuth):
    """The logged-in site session; unsafe methods need the CSRF token as the site's forms do."""

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_active:
            return user
        return None


MEMBER_AUTH = [TokenAuth(), MemberSessionAuth()]

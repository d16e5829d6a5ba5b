"""Every write to accounts goes through one of these functions, for the site, the API and the admin alike."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lib.personal_data import run_erasers
from lib.realtime import close_sockets

from .models import Connection, PersonalAccessToken, Role, RoleAssignment, User, all_token_scopes, hash_token


def update_profile(user: User, *, fellowships=None, **fields) -> User:
    """Save the given profile fields (already validated by a form or schema)."""
    allowed = {"display_name", "pronouns", "languages", "time_zone", "country"} | {
        f"{name}_visibility" for name in ("display_name", "pronouns", "fellowships", "languages", "time_zone")
    }
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    with transaction.atomic():
        for name, value in fields.items():
            setattr(user, name, value)
        if fields:
            user.save(update_fields=list(fields))
        if fellowships is not None:
            user.fellowships.set(fellowships)
    return user


def copy_suspension(user_id: int, *, since, until) -> None:
    """Keep on the member's row the suspension in force (None: none), so every request can check it without a
    query. The moderation app keeps the record and calls this whenever it changes."""
    User.objects.filter(pk=user_id).update(suspended_at=since, suspended_until=until)


def grant_role(user: User, role: Role, *, by: User | None = None) -> RoleAssignment:
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, role=role, defaults={"granted_by": by})
    if role == Role.ADMIN and not (user.is_staff and user.is_superuser):
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    user.__dict__.pop("_role_cache", None)
    return assignment


def connect(a: User, b: User) -> Connection:
    if a.pk == b.pk:
        raise ValueError("a member cannot connect to themselves")
    low, high = sorted([a.pk, b.pk])
    connection, _created = Connection.objects.get_or_create(low_id=low, high_id=high)
    return connection


def disconnect(a: User, b: User) -> None:
    low, high = sorted([a.pk, b.pk])
    Connection.objects.filter(low_id=low, high_id=high).delete()


def create_api_token(
    user: User, *, name: str, days: int | None = None, scopes: list[str] | None = None
) -> tuple[PersonalAccessToken, str]:
    """Create a token and return it with the raw secret, which is shown once and never stored.

    `scopes` defaults to every scope. Refused (ValidationError) when the member already holds
    `settings.API_TOKENS_MAX` usable tokens, or for an unknown scope.
    """
    if days is None:
        days = settings.API_TOKEN_DEFAULT_DAYS
    scopes = all_token_scopes() if scopes is None else sorted(set(scopes))
    unknown = set(scopes) - set(all_token_scopes())
    if unknown or not scopes:
        raise ValidationError({"scopes": [_("Choose at least one of the scopes offered.")]})
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # two requests at once cannot both pass the cap
        if PersonalAccessToken.objects.usable().filter(user=user).count() >= settings.API_TOKENS_MAX:
            message = _("You already have %(max)s tokens that work; revoke one you no longer use first.")
            raise ValidationError({"name": [message % {"max": settings.API_TOKENS_MAX}]})
        return _new_token(user, name=name, days=days, scopes=scopes)


def _new_token(user: User, *, name: str, days: int, scopes: list[str]) -> tuple[PersonalAccessToken, str]:
    raw = PersonalAccessToken.new_raw_token()
    token = PersonalAccessToken.objects.create(
        user=user,
        name=name,
        token_hash=hash_token(raw),
        hint=raw[:10],
        expires_at=timezone.now() + timedelta(days=days) if days else None,
        scopes=scopes,
    )
    return token, raw


def revoke_api_token(token: PersonalAccessToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def delete_account(user: User) -> None:
    """Delete the member and everything they own. Apps with data that outlives the row erase it first."""
    with transaction.atomic():
        run_erasers(user)
        close_sockets(user_id=user.pk)
        user.delete()

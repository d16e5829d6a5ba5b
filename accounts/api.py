from datetime import datetime

from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from pydantic import field_validator

from directory.models import Program
from safety.country import country_names

from . import services
from .access import get_member_for_viewer, get_token_for_owner, recently_authenticated
from .forms import LANGUAGE_CHOICES, time_zone_choices
from .models import TokenScope, Visibility

router = Router(tags=["me"])

VISIBILITY_VALUES = [v.value for v in Visibility]
LANGUAGE_CODES = {code for code, _name in LANGUAGE_CHOICES}


class FieldOut(Schema):
    value: str | list[str]
    visible_to: str


class ProfileOut(Schema):
    username: str
    display_name: FieldOut
    pronouns: FieldOut
    fellowships: FieldOut
    languages: FieldOut
    time_zone: FieldOut
    country: FieldOut = Field(..., description="ISO 3166-1 alpha-2, for which help lines come first; only you see it.")


class ProfilePatch(Schema):
    display_name: str | None = Field(None, min_length=1, max_length=50)
    pronouns: str | None = Field(None, max_length=40)
    fellowships: list[str] | None = Field(None, description="Program slugs.")
    languages: list[str] | None = None
    time_zone: str | None = None
    country: str | None = Field(None, description='ISO 3166-1 alpha-2 code such as US, or "" for none.')
    display_name_visibility: str | None = None
    pronouns_visibility: str | None = None
    fellowships_visibility: str | None = None
    languages_visibility: str | None = None
    time_zone_visibility: str | None = None

    model_config = {"extra": "forbid"}

    @field_validator(
        "display_name_visibility",
        "pronouns_visibility",
        "fellowships_visibility",
        "languages_visibility",
        "time_zone_visibility",
    )
    @classmethod
    def known_visibility(cls, value):
        if value is not None and value not in VISIBILITY_VALUES:
            raise ValueError(f"must be one of {', '.join(VISIBILITY_VALUES)}")
        return value

    @field_validator("time_zone")
    @classmethod
    def known_zone(cls, value):
        if value is not None and value not in dict(time_zone_choices()):
            raise ValueError("must be an IANA time zone such as Europe/London")
        return value

    @field_validator("country")
    @classmethod
    def known_country(cls, value):
        if value is not None:
            value = value.strip().upper()
            if value and value not in country_names():
                raise ValueError("must be an ISO 3166-1 alpha-2 country code such as US, or empty")
        return value

    @field_validator("languages")
    @classmethod
    def known_languages(cls, value):
        if value is not None:
            unknown = sorted(set(value) - LANGUAGE_CODES)
            if unknown:
                raise ValueError(f"unknown language codes: {', '.join(unknown)}")
        return value

    @field_validator("display_name")
    @classmethod
    def not_blank(cls, value):
        if value is not None and not value.strip():
            raise ValueError("must not be blank")
        return value.strip() if value else value


def _profile_out(user) -> dict:
    fellowships = [p.slug for p in user.fellowships.all()]
    values = {
        "display_name": user.display_name,
        "pronouns": user.pronouns,
        "fellowships": fellowships,
        "languages": user.languages,
        "time_zone": user.time_zone,
    }
    out = {"username": user.username}
    for name, value in values.items():
        out[name] = {"value": value, "visible_to": getattr(user, f"{name}_visibility")}
    out["country"] = {"value": user.country, "visible_to": Visibility.ONLY_ME.value}
    return out


@router.get("/me", response=ProfileOut, summary="My profile, with who can see each field")
def get_me(request):
    return _profile_out(request.auth)


@router.patch("/me", response=ProfileOut, summary="Change my profile")
def patch_me(request, payload: ProfilePatch):
    changes = payload.model_dump(exclude_unset=True)
    fellowships = None
    if "fellowships" in changes:
        slugs = changes.pop("fellowships") or []
        fellowships = list(Program.objects.filter(slug__in=slugs))
        missing = sorted(set(slugs) - {p.slug for p in fellowships})
        if missing:
            raise HttpError(400, f"Invalid fellowships: unknown program {', '.join(missing)}.")
    changes = {k: v for k, v in changes.items() if v is not None}
    services.update_profile(request.auth, fellowships=fellowships, **changes)
    return _profile_out(request.auth)


class MemberOut(Schema):
    username: str
    display_name: str | None = None
    pronouns: str | None = None
    fellowships: list[str] | None = None
    languages: list[str] | None = None
    time_zone: str | None = None


@router.get("/members/{username}", response=MemberOut, tags=["members"], summary="What I may see of a member")
def get_member(request, username: str):
    member, shown = get_member_for_viewer(request.auth, username)
    return {"username": member.username, **shown}


class TokenOut(Schema):
    id: int
    name: str
    hint: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    scopes: list[str]


class TokenCreate(Schema):
    name: str = Field(..., min_length=1, max_length=60)
    days: int = Field(90, ge=1, le=366)
    scopes: list[TokenScope] = Field(default_factory=lambda: list(TokenScope), min_length=1)


class TokenCreated(TokenOut):
    token: str


def _need_recent_authentication(request) -> None:
    """Tokens never reach these routes (api/scopes.py); the session must have confirmed the password or MFA."""
    if not recently_authenticated(request):
        raise HttpError(403, "Confirm your password first at /accounts/reauthenticate/, then try again.")


@router.get("/me/tokens", response=list[TokenOut], summary="My personal access tokens")
def list_tokens(request):
    return list(request.auth.api_tokens.all())


@router.post(
    "/me/tokens",
    response={201: TokenCreated},
    summary="Create a token (shown once; session and a recent password only)",
)
def create_token(request, payload: TokenCreate):
    _need_recent_authentication(request)
    scopes = [str(scope) for scope in payload.scopes]
    token, raw = services.create_api_token(request.auth, name=payload.name, days=payload.days, scopes=scopes)
    return Status(201, {**TokenOut.from_orm(token).model_dump(), "token": raw})


@router.delete(
    "/me/tokens/{token_id}", response={204: None}, summary="Revoke a token (session and a recent password only)"
)
def revoke_token(request, token_id: int):
    _need_recent_authentication(request)
    token = get_token_for_owner(request.auth, token_id)
    services.revoke_api_token(token)
    return Status(204, None)

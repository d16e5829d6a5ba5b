"""The REST API at /api/v1/: one NinjaAPI; each app contributes a router from its own api.py."""

from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from accounts.api import router as accounts_router
from accounts.api_blocks import router as blocks_router
from accounts.api_people import router as people_router
from directory.api import router as directory_router
from directory.api_feeds import router as feeds_router
from groups.api import router as groups_router
from journey.api import router as journey_router
from moderation.api import router as moderation_router
from notifications.api import router as notifications_router
from safety.api import router as safety_router

from .auth import MEMBER_AUTH

# --- Common responses: every operation documents the errors any request may get (declared once, here) ----------

ERROR_SCHEMA = {
    "type": "object",
    "required": ["message"],
    "properties": {
        "message": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {"field": {"type": ["string", "null"]}, "message": {"type": "string"}},
            },
        },
    },
}
COMMON_RESPONSES = {
    400: "Invalid input: `message` names the fields, `errors` says what is wrong with each.",
    401: "Authentication required: log in or send a valid personal access token.",
    403: "Not allowed for you.",
    404: "Not found, or not yours to see.",
    409: "In conflict with what is there (e.g. reported already).",
    413: "The request is too large.",
    422: "Understood but refused as it stands.",
    429: "Too many requests: wait as long as `Retry-After` says.",
}


def with_common_responses(schema: dict) -> dict:
    """Add the `Error` component and the COMMON_RESPONSES to every operation that does not declare them itself."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in COMMON_RESPONSES.items():
                responses.setdefault(str(status), {"description": description, "content": content})
    return schema


class PeerHavenAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        return with_common_responses(super().get_openapi_schema(**kwargs))


api = PeerHavenAPI(
    title="PeerHaven API",
    version="1",
    description=(
        "The PeerHaven REST API. Authenticate with a personal access token (`Authorization: Bearer …`, "
        "created at /me/tokens/) or the site session. Every error is JSON with a `message`."
    ),
    urls_namespace="api",
    docs_url="/docs",
    # Every route needs a member unless it says `auth=None` (the finder, the feeds, the crisis lines).
    auth=MEMBER_AUTH,
)


def _error(request, status: int, message: str, **extra):
    return api.create_response(request, {"message": message, **extra}, status=status)


def _invalid(request, errors: list[dict[str, str | None]]):
    """The one 400 for bad input, from the schema or from a service: "Invalid <fields>." and each field's message."""
    fields = ", ".join(e["field"] for e in errors if e["field"] and e["field"] != "__all__") or "request"
    return _error(request, 400, f"Invalid {fields}.", errors=errors)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    errors: list[dict[str, str | None]] = []
    for item in exc.errors:
        loc = [str(part) for part in item.get("loc", ())]
        # ninja's location is (where, parameter name, field…): drop the first two, keep a field named "body".
        if loc and loc[0] in ("body", "query", "path", "header", "cookie", "form", "file"):
            loc = loc[1:]
            if loc and loc[0] == "payload":
                loc = loc[1:]
        errors.append({"field": ".".join(loc) or None, "message": item.get("msg", "invalid")})
    return _invalid(request, errors)


@api.exception_handler(DjangoValidationError)
def on_service_validation_error(request, exc: DjangoValidationError):
    """A service refused its input: 400 "Invalid <field>." with each field's messages, like a schema error."""
    errors: list[dict[str, str | None]]
    if hasattr(exc, "error_dict"):
        errors = [{"field": field, "message": " ".join(msgs)} for field, msgs in exc.message_dict.items()]
    else:
        errors = [{"field": None, "message": " ".join(exc.messages)}]
    return _invalid(request, errors)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return _error(request, 401, "Authentication required: log in or send a valid personal access token.")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def on_not_found(request, exc):
    # get_object_or_404's own message names the model ("No Meeting matches…"); keep ours short and plain.
    message = str(exc) if str(exc) and not str(exc).startswith("No ") else "Not found."
    return _error(request, 404, message)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    return _error(request, 403, str(exc) or "You may not do that.")


# --- Robustness: no input answers 500 (the request guard in peerhaven/middleware.py refuses most before a view) --


@api.exception_handler(RequestDataTooBig)
def on_request_too_big(request, exc):
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE read by a view (the guard refuses it first): 413, with a message."""
    return _error(request, 413, "The request is too large.")


for _router in (
    accounts_router,
    people_router,
    directory_router,
    feeds_router,
    journey_router,
    groups_router,
    notifications_router,
    safety_router,
    moderation_router,
    blocks_router,
):
    api.add_router("/", _router)

"""Which token scope each API route needs (accounts.models.TokenScope). Decided by the route's path under /api/v1/,
the first segments naming the area; tests/test_token_scopes walks every route so that none is left unclassified."""

from accounts.models import TokenScope

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# Routes no token reaches: a token must not make or revoke tokens.
SESSION_ONLY = ("me/tokens",)
# Open to any token (and mostly to everyone): the finder, its feeds, the crisis help, the API's own documents.
ANY_TOKEN = ("meetings", "meeting-guide.json", "help/lines", "safety/check-text", "docs", "openapi.json")
RECOVERY = (
    "me/attendance",
    "me/checkins",
    "me/checkups",
    "me/counters",
    "me/goals",
    "me/journal",
    "me/plan",
    "me/triggers",
    "me/worksheets",
)
AREAS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("groups", "threads", "posts", "notes", "me/notes", "resources", "events"), TokenScope.GROUPS),
    (("reports", "appeals", "me/moderation"), TokenScope.MODERATION),
    (("me/blocks", "me/connection-requests", "me/connections", "me/notifications", "members", "me"), TokenScope.PEOPLE),
)
SESSION = "session"


def _under(route: str, prefixes: tuple[str, ...]) -> bool:
    return any(route == prefix or route.startswith(prefix + "/") for prefix in prefixes)


def required_scope(route: str, method: str) -> str | None:
    """The scope a token needs for `method` on `route` (the path after /api/v1/), None if any token will do, or
    SESSION when no token may."""
    route = route.strip("/")
    if _under(route, SESSION_ONLY):
        return SESSION
    if _under(route, ANY_TOKEN):
        return None
    if _under(route, RECOVERY):
        return TokenScope.RECOVERY_READ if method in SAFE_METHODS else TokenScope.RECOVERY_WRITE
    for prefixes, scope in AREAS:
        if _under(route, prefixes):
            return scope
    return SESSION  # a route nobody classified is closed to tokens rather than open to all

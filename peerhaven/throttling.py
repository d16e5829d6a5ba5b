"""Which request spends which rate limit (lib.throttle), and the 429 answer when one is spent.

One table for the whole site, so that the HTML form and the API route for the same action spend the same limit and
nobody has to remember a decorator. Only writes are counted (POST, PUT, PATCH): reading, and every help page, is
never limited. A page answers a friendly 429 page (the "Get help now" link is in its header like everywhere);
the API answers JSON `{"message": …}`. Both carry `Retry-After`.
"""

from django.http import HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from accounts.models import PersonalAccessToken, hash_token
from lib.throttle import RateLimited, limits_in_force, spend

WRITES = frozenset({"POST", "PUT", "PATCH"})

# URL route (as resolved) → limit name. The API's routes and the pages' routes for the same action.
LIMITED_ROUTES: dict[str, str] = {
    # posts and threads
    "groups/<slug:slug>/threads/new/": "post",
    "groups/<slug:slug>/threads/<int:thread_id>/": "post",
    "groups/posts/<int:post_id>/edit/": "post",
    "api/v1/groups/<group_id>/threads": "post",
    "api/v1/threads/<thread_id>/posts": "post",
    "api/v1/posts/<post_id>": "post",
    # notes between members
    "notes/write/<str:username>/": "note",
    "api/v1/notes": "note",
    # journal entries
    "me/recovery/journal/new/": "journal",
    "me/recovery/journal/<int:entry_id>/edit/": "journal",
    "api/v1/me/journal": "journal",
    "api/v1/me/journal/<entry_id>": "journal",
    # counters and their slips
    "me/recovery/counters/": "counter",
    "me/recovery/counters/<int:counter_id>/": "counter",
    "me/recovery/counters/<int:counter_id>/slip/": "counter",
    "api/v1/me/counters": "counter",
    "api/v1/me/counters/<counter_id>": "counter",
    "api/v1/me/counters/<counter_id>/slips": "counter",
    # personal access tokens
    "me/tokens/": "token",
    "api/v1/me/tokens": "token",
    # reports to moderators and corrections to the directory
    "report/post/<int:post_id>/": "report",
    "report/note/<int:note_id>/": "report",
    "report/member/<str:username>/": "report",
    "meetings/<int:meeting_id>/correction/": "report",
    "api/v1/reports": "report",
    # connection requests (the nearest thing to messages between members)
    "me/people/request/": "request",
    "api/v1/me/connection-requests": "request",
    # the crisis-word check of a draft: generous on purpose
    "api/v1/safety/check-text": "check_text",
}


class RateLimitMiddleware:
    """Spends the limit of a write listed in LIMITED_ROUTES before its view runs. Goes after authentication."""

    def __init__(self, get_response):
        self.get_response = get_response
        limits_in_force()  # a malformed RATE_LIMITS stops the site at start-up, not at the first post

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in WRITES or request.resolver_match is None:
            return None
        name = LIMITED_ROUTES.get(request.resolver_match.route)
        if name is None:
            return None
        try:
            spend(request, name, _member_key(request))
        except RateLimited as limited:
            return too_many(request, limited)
        return None


def _member_key(request) -> str | None:
    """The member making the request: the session's, or the owner of a Bearer token (one query), so that a
    member's tokens share the member's limit."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return str(user.pk)
    header = request.headers.get("Authorization", "")
    scheme, _space, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    found = (
        PersonalAccessToken.objects.usable()
        .filter(token_hash=hash_token(token.strip()))
        .values_list("user_id", flat=True)
        .first()
    )
    return None if found is None else str(found)


def too_many(request, limited: RateLimited):
    minutes = max(1, round(limited.retry_after / 60))
    if request.path.startswith("/api/"):
        message = _("Too many requests: please wait %(seconds)s seconds and try again.") % {
            "seconds": limited.retry_after
        }
        response: HttpResponse = JsonResponse({"message": message}, status=429)
    else:
        response = TemplateResponse(
            request,
            "429.html",
            {"retry_after": limited.retry_after, "minutes": minutes},
            status=429,
        )
    response["Retry-After"] = str(limited.retry_after)
    return response

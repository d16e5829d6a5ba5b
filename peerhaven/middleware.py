"""The request guard: input no database can store is refused before any view, session or query sees it.

A NUL character (U+0000) in a text answers 500 on PostgreSQL ("A string literal cannot contain NUL"), wherever it
lands in a query: the path (`/members/%00/`), the query string (`?q=%00`), a form field, a JSON string, a cookie.
And a body over `DATA_UPLOAD_MAX_MEMORY_SIZE` raises `RequestDataTooBig` wherever it is first read. One guard, early
in MIDDLEWARE, refuses both: 400 or 413, as JSON `{"message": …}` under /api/ and as a page elsewhere.
"""

import json
from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.utils.translation import gettext as _

NUL = "\x00"
API_PREFIX = "/api/"
# Multipart bodies carry files, which may hold NUL bytes on purpose: only their fields and file names are checked.
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(texts: Iterable[str]) -> bool:
    return any(NUL in text for text in texts)


def _json_has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(NUL in key or _json_has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_json_has_nul(item) for item in value)
    return False


def _body_has_nul(request: HttpRequest) -> bool:
    """Whether the body's text holds a NUL. Reads the body (so `RequestDataTooBig` is raised here), and parses JSON
    only when an escaped NUL (`\\u0000`) could be in it; a body that is not JSON is left to the view to refuse."""
    content_type = request.content_type or ""
    if request.path.startswith(API_PREFIX) or content_type not in FORM_TYPES:
        # The API reads `request.body` itself, whatever the type (Django refuses it once a form was parsed from the
        # stream), and takes no files: read it first. Pages parse forms from the stream, files and all.
        body = request.body
        if content_type not in FORM_TYPES:
            if b"\x00" in body:
                return True
            if b"\\u0000" not in body:
                return False
            try:
                return _json_has_nul(json.loads(body))
            except ValueError:
                return False
    fields = [item for key, values in request.POST.lists() for item in (key, *values)]
    names = [f.name or "" for files in request.FILES.lists() for f in files[1]]
    return _has_nul(fields) or _has_nul(names)


def refused(request: HttpRequest, status: int, message: str) -> HttpResponse:
    """The answer to a refused request: JSON with a `message` for the API, a page (with "Get help now") elsewhere."""
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"message": message}, status=status)
    return render(request, "request_refused.html", {"status": status, "message": message}, status=status)


class RequestGuardMiddleware:
    """Refuse a NUL in the path, query string, cookies or body (400) and a body over the limit (413)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            has_nul = (
                NUL in request.path_info
                or _has_nul(item for key, values in request.GET.lists() for item in (key, *values))
                or _has_nul(request.COOKIES.values())
                or _body_has_nul(request)
            )
        except RequestDataTooBig:
            return refused(request, 413, _("The request is too large."))
        except (TooManyFieldsSent, TooManyFilesSent, MultiPartParserError):
            return refused(request, 400, _("The request could not be read: too many fields or a broken form."))
        if has_nul:
            return refused(request, 400, _("The request holds a NUL character (U+0000), which no text may contain."))
        return self.get_response(request)

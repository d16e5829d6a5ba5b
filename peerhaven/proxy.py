"""Forwarded headers are believed only from a trusted proxy (`TRUSTED_PROXIES`, see lib/clientip.py).

A request that did not come through one of them loses its `X-Forwarded-*` headers before any other middleware
reads them: so `X-Forwarded-Proto: https` (BEHIND_TLS_PROXY) cannot make a plain request look secure, and no
library that reads `X-Forwarded-For` by itself can be told a made-up client address.
"""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from lib.clientip import is_trusted_proxy

FORWARDED_HEADERS = (
    "HTTP_FORWARDED",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_X_FORWARDED_PORT",
    "HTTP_X_REAL_IP",
)


class ForwardedHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not is_trusted_proxy(request):
            for name in FORWARDED_HEADERS:
                request.META.pop(name, None)
        return self.get_response(request)

"""Rate limits on writes, per member and per client address, kept in Django's cache (Redis when REDIS_URL is set).

Counting is django-ratelimit's (`get_usage`: a fixed window per key, `cache.add` then `cache.incr`, so it is one
round trip to Redis and atomic there). This module only names the limits, reads the operator's overrides from
`settings.RATE_LIMITS` and says how long to wait. Which request spends which limit is decided in
`peerhaven.throttling` (the one place that knows every app's routes).

`settings.RATE_LIMITS` grammar: "off" turns every limit off; otherwise comma-separated `name=N/period`, where the
period is s, m, h or d with an optional count ("30/10m"), `name@ip` is the same limit per client address, and
`name=off` turns that one off. Unknown names and malformed rates stop the site at start-up.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest
from django_ratelimit.core import get_usage

from lib.clientip import client_ip

# name: (per member, per client address). Sized so that a person writing a lot on a hard day is never stopped,
# and a script is. check_text reads a draft for crisis words before it is sent: it is made generous on purpose,
# so that nobody asking for help is slowed (the help pages themselves are never limited).
DEFAULTS: dict[str, tuple[str, str]] = {
    "post": ("60/10m", "300/h"),
    "note": ("30/h", "120/h"),
    "journal": ("60/h", "300/h"),
    "counter": ("60/h", "300/h"),
    "token": ("10/h", "30/h"),
    "report": ("30/h", "120/h"),
    "request": ("30/h", "120/h"),
    "check_text": ("600/10m", "3000/10m"),
}
RATE = re.compile(r"^(\d+)/(\d*)([smhd])$")


@dataclass(frozen=True)
class RateLimited(Exception):
    """Raised when a limit is spent; `retry_after` is in whole seconds (at least 1)."""

    name: str
    retry_after: int


def parse_rate_limits(text: str) -> dict[str, str | None] | None:
    """The limits in force, "name" and "name@ip" → rate or None (off), or None when everything is off."""
    text = (text or "").strip()
    if text.lower() == "off":
        return None
    limits: dict[str, str | None] = {}
    for name, (member_rate, ip_rate) in DEFAULTS.items():
        limits[name] = member_rate
        limits[f"{name}@ip"] = ip_rate
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, equals, rate = (piece.strip() for piece in item.partition("="))
        if not equals or name not in limits:
            known = ", ".join(sorted(limits))
            raise ImproperlyConfigured(f"RATE_LIMITS: unknown limit {name!r} in {item!r}; the names are {known}.")
        if rate.lower() == "off":
            limits[name] = None
        elif RATE.match(rate) and int(RATE.match(rate).group(1)) > 0:  # type: ignore[union-attr]
            limits[name] = rate
        else:
            raise ImproperlyConfigured(f"RATE_LIMITS: {item!r} is not name=N/period (e.g. post=30/10m, note=off).")
    return limits


@lru_cache(maxsize=8)
def _limits(text: str) -> dict[str, str | None] | None:
    return parse_rate_limits(text)


def limits_in_force() -> dict[str, str | None] | None:
    return _limits(getattr(settings, "RATE_LIMITS", ""))


def _client_ip(request: HttpRequest) -> str:
    """The client's address by the site's one rule (lib/clientip.py: forwarded headers only from a trusted proxy)."""
    return client_ip(request) or "unknown"


def spend(request: HttpRequest, name: str, member_key: str | None) -> None:
    """Count one `name` action by this member (if known) and this address; raise RateLimited when either is over.

    Two cache round trips at most. `member_key` identifies the member (their id); None for an anonymous caller.
    """
    limits = limits_in_force()
    if limits is None:
        return
    waits = []
    keys = (("member", member_key, limits[name]), ("ip", _client_ip(request), limits[f"{name}@ip"]))
    for kind, key, rate in keys:
        if key is None or rate is None:
            continue
        usage = get_usage(
            request, group=f"ph-{name}-{kind}", key=lambda _group, _request, k=key: k, rate=rate, increment=True
        )
        if usage and usage["should_limit"]:
            waits.append(max(1, int(usage["time_left"])))
    if waits:
        raise RateLimited(name, max(waits))

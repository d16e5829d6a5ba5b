"""Which country's help lines to show someone: `help_country(request)`.

In this order: the country they chose with the country switch (remembered in the session), their profile country,
the country of their profile time zone, the region of their browser's language, the operator's
`HELP_DEFAULT_COUNTRY`. At each step only a country we have lines for counts; else the next step decides. "" when
none does: then the page shows every country's emergency number.

safety sits low in the layers: it reads the member's attributes (`country`, `time_zone`) and never imports accounts.
"""

import importlib.resources
from functools import cache

from django.conf import settings
from django.utils.translation.trans_real import parse_accept_lang_header

from .models import CrisisLine

SESSION_KEY = "help_country"
EVERY_COUNTRY = "ZZ"


def _tzdata_table(name: str) -> list[list[str]]:
    text = (importlib.resources.files("tzdata.zoneinfo") / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def zone_countries() -> dict[str, str]:
    """IANA time zone -> ISO country code, from tzdata's zone.tab (read once). "UTC" and "Etc/*" are not there."""
    return {row[2]: row[0].upper() for row in _tzdata_table("zone.tab") if len(row) >= 3}


@cache
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> the usual English name, from tzdata's iso3166.tab (read once)."""
    return {row[0].upper(): row[1] for row in _tzdata_table("iso3166.tab") if len(row) >= 2}


def country_choices() -> list[tuple[str, str]]:
    """("", "—") then every country by name, for a select."""
    names = country_names()
    return [("", "—"), *sorted(names.items(), key=lambda pair: pair[1])]


def countries_with_lines() -> set[str]:
    """Codes of the countries that have at least one active line (ZZ, "every country", is not a country)."""
    codes = CrisisLine.objects.active().values_list("country", flat=True).distinct()
    return {code.upper() for code in codes} - {EVERY_COUNTRY}


def country_of_zone(zone_name: str) -> str:
    return zone_countries().get(zone_name or "", "")


def countries_of_accept_language(header: str) -> list[str]:
    """The regions of the browser's languages, by q order: `es-MX,es;q=0.9,en-US;q=0.8` -> ["MX", "US"]."""
    regions = []
    for tag, _q in parse_accept_lang_header(header or ""):
        for subtag in tag.split("-")[1:]:
            if len(subtag) == 2 and subtag.isalpha():
                regions.append(subtag.upper())
                break
    return regions


def chosen_country(request) -> str | None:
    """The country picked with the switch (`?country=XX`), else the one remembered in the session; None when none.

    `?country=` (empty) forgets the choice. A code we have no lines for is ignored."""
    session = getattr(request, "session", None)
    if "country" in request.GET:
        code = request.GET.get("country", "").strip().upper()
        if code and code in countries_with_lines():
            if session is not None:
                session[SESSION_KEY] = code
            return code
        if not code and session is not None:
            session.pop(SESSION_KEY, None)
    remembered = session.get(SESSION_KEY) if session is not None else None
    return remembered or None


def help_country(request, user=None) -> str:
    """The ISO code of the country whose lines to show first, or "" (see the module's docstring for the order)."""
    known = countries_with_lines()
    if request is not None:
        chosen = chosen_country(request)
        if chosen in known:
            return chosen
    if user is None:
        user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        profile = (getattr(user, "country", "") or "").upper()
        if profile in known:
            return profile
        from_zone = country_of_zone(getattr(user, "time_zone", ""))
        if from_zone in known:
            return from_zone
    if request is not None:
        for region in countries_of_accept_language(request.META.get("HTTP_ACCEPT_LANGUAGE", "")):
            if region in known:
                return region
    default = (settings.HELP_DEFAULT_COUNTRY or "").upper()
    return default if default in known else ""

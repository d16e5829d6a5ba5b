"""Which crisis lines the Get help page shows, in which order."""

from dataclasses import dataclass

from django.conf import settings

from .models import CrisisLine, LineKind

EVERY_COUNTRY = "ZZ"


@dataclass
class CountryLines:
    code: str
    name: str
    lines: list[CrisisLine]


def crisis_lines_by_country(chosen: str = "") -> tuple[list[CountryLines], str]:
    """Countries with their active lines: the chosen country first, else the operator's default, then A-Z.

    Returns the list and the code put first ("" when none). Lines for every country (ZZ) come last.
    We never guess where a visitor is: only their own choice or the operator's setting orders the list.
    """
    by_code: dict[str, CountryLines] = {}
    for line in CrisisLine.objects.active():
        entry = by_code.setdefault(line.country, CountryLines(line.country, line.country_name, []))
        entry.lines.append(line)
    first = chosen.upper() if chosen.upper() in by_code else ""
    if not first and settings.HELP_DEFAULT_COUNTRY in by_code:
        first = settings.HELP_DEFAULT_COUNTRY

    def sort_key(entry: CountryLines):
        return (entry.code != first, entry.code == EVERY_COUNTRY, entry.name)

    return sorted(by_code.values(), key=sort_key), first


def lines_for_help(country: str = "") -> tuple[list[CrisisLine], str]:
    """The lines to offer someone who may be at risk, where there is no room for the whole Get help page.

    The chosen country's lines (else the operator's `HELP_DEFAULT_COUNTRY`), emergency services first, then the
    lines that serve every country (ZZ). Returns the lines and the name of the country used ("" when none: then
    only the every-country lines, and the caller links to the Get help page). One query.
    """
    countries, first = crisis_lines_by_country(country)
    chosen = [entry for entry in countries if entry.code == first and first != EVERY_COUNTRY]
    everywhere = [line for entry in countries if entry.code == EVERY_COUNTRY for line in entry.lines]
    if not chosen:
        return everywhere, ""
    ordered = sorted(chosen[0].lines, key=lambda line: (line.kind != LineKind.EMERGENCY, line.order, line.name))
    return ordered + everywhere, chosen[0].name

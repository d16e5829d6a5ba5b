"""Which crisis lines the Get help page shows, in which order."""

from dataclasses import dataclass

from django.conf import settings

from .models import CrisisLine

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

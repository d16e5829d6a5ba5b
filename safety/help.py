"""Which crisis lines the help pages show, in which order.

Which country to put first is `safety.country.help_country(request)`; these functions take the code it chose.
"""

from dataclasses import dataclass

from django.conf import settings

from .country import EVERY_COUNTRY
from .models import CrisisLine, LineKind

__all__ = ["EVERY_COUNTRY", "CountryLines", "crisis_lines_by_country", "emergency_numbers", "lines_for_help"]

# On every card: the emergency number, then the crisis lines, then the overdose ("never use alone") lines, then the
# rest (drug and alcohol helplines, someone to talk to).
KIND_ORDER: dict[str, int] = {LineKind.EMERGENCY: 0, LineKind.CRISIS: 1, LineKind.OVERDOSE: 2}


def line_sort_key(line: CrisisLine):
    return (KIND_ORDER.get(line.kind, 3), line.order, line.name)


@dataclass
class CountryLines:
    code: str
    name: str
    lines: list[CrisisLine]

    @property
    def emergency(self) -> CrisisLine | None:
        """The country's emergency number (the first, if the operator listed more than one), or None."""
        return next((line for line in self.lines if line.kind == LineKind.EMERGENCY and line.phone), None)

    def lines_of(self, *kinds: str) -> list[CrisisLine]:
        return [line for line in self.lines if line.kind in kinds]

    @property
    def crisis(self) -> list[CrisisLine]:
        return self.lines_of(LineKind.CRISIS)

    @property
    def overdose(self) -> list[CrisisLine]:
        return self.lines_of(LineKind.OVERDOSE)

    @property
    def others(self) -> list[CrisisLine]:
        """Every line but the emergency number shown first, the crisis and the overdose lines."""
        emergency = self.emergency
        shown = {LineKind.CRISIS, LineKind.OVERDOSE}
        return [line for line in self.lines if line.kind not in shown and line is not emergency]


def crisis_lines_by_country(chosen: str = "", *, default: bool = True) -> tuple[list[CountryLines], str]:
    """Countries with their active lines: the chosen country first, else the operator's default, then A-Z.

    Returns the list and the code put first ("" when none). Lines for every country (ZZ) come last. Within a
    country: emergency, crisis, overdose, then the others. `default=False`: no fallback to `HELP_DEFAULT_COUNTRY`
    (for a caller that already resolved the country with `safety.country.help_country`). One query.
    """
    by_code: dict[str, CountryLines] = {}
    for line in CrisisLine.objects.active():
        entry = by_code.setdefault(line.country, CountryLines(line.country, line.country_name, []))
        entry.lines.append(line)
    for entry in by_code.values():
        entry.lines.sort(key=line_sort_key)
    first = chosen.upper() if chosen.upper() in by_code else ""
    if not first and default and settings.HELP_DEFAULT_COUNTRY in by_code:
        first = settings.HELP_DEFAULT_COUNTRY

    def sort_key(entry: CountryLines):
        return (entry.code != first, entry.code == EVERY_COUNTRY, entry.name)

    return sorted(by_code.values(), key=sort_key), first


def lines_for_help(country: str = "", *, default: bool = True) -> tuple[list[CrisisLine], str]:
    """The lines to offer someone who may be at risk, where there is no room for the whole Get help page.

    The chosen country's lines (else the operator's `HELP_DEFAULT_COUNTRY`): emergency services first, then crisis
    lines, then overdose lines, then the others; then the lines that serve every country (ZZ). Returns the lines and
    the name of the country used ("" when none: then only the every-country lines, and the caller shows
    `emergency_numbers()` or links to the Get help page). One query.
    """
    countries, first = crisis_lines_by_country(country, default=default)
    chosen = [entry for entry in countries if entry.code == first and first != EVERY_COUNTRY]
    everywhere = [line for entry in countries if entry.code == EVERY_COUNTRY for line in entry.lines]
    if not chosen:
        return everywhere, ""
    return chosen[0].lines + everywhere, chosen[0].name


def emergency_numbers(countries: list[CountryLines] | None = None) -> list[CrisisLine]:
    """Every country's emergency number, by country name: for when we don't know where someone is.

    Pass the list from `crisis_lines_by_country` to reuse its query."""
    if countries is None:
        countries, _first = crisis_lines_by_country(default=False)
    found = [entry.emergency for entry in countries if entry.code != EVERY_COUNTRY]
    return sorted((line for line in found if line is not None), key=lambda line: line.country_name)

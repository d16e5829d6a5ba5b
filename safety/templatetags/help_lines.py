"""`{% help_lines %}`: the crisis lines, a phone number first, always. One partial for every page that offers help.

Usage: `{% load help_lines %}{% help_lines %}` (the Get help page) or `{% help_lines compact=True %}` (inside another
card: the help before posting, the slip page). Renders, in order: a country switch (a GET form: works without
JavaScript), the country's emergency number as the first and biggest button, its crisis lines, its overdose
("never use alone") lines, its other lines; then the rest of the world behind a <details> (not in compact). When no
country is known (`safety.country.help_country`), every country's emergency number, right under the switch, and the
lines that serve every country. One query for the lines, one for the country.
"""

from django import template

from ..country import EVERY_COUNTRY, help_country
from ..help import CountryLines, crisis_lines_by_country, emergency_numbers, line_sort_key

register = template.Library()


@register.inclusion_tag("safety/_help_lines.html", takes_context=True)
def help_lines(context, compact=False, country=None, level=None, lines=None, part="all", lead=""):
    """`country`: an ISO code already resolved (else `help_country(request)` decides). `level`: the heading level
    of the country's heading (2 on a page of its own, 3 in compact, inside a card that has its own h2). `lines`: the
    lines to show instead of the country's (a caller that chose them itself); the switch still lists every country.
    `part`: "emergency" shows only the number to call (the country's emergency number, else every
    country's), for help that must start with it; "crisis" the country's first crisis line (else as
    "emergency"); "rest" everything but the emergency number (it was shown above); "all" both. `lead`:
    "overdose" puts the overdose lines ("never use alone") before the crisis lines."""
    request = context.get("request")
    if country is None and lines is None:
        country = help_country(request) if request is not None else ""
    countries, first = crisis_lines_by_country(country or "", default=False)
    chosen = next((c for c in countries if c.code == first and first != EVERY_COUNTRY), None)
    everywhere = [line for c in countries if c.code == EVERY_COUNTRY for line in c.lines]
    if lines:
        code = lines[0].country
        chosen = CountryLines(code, lines[0].country_name, sorted(lines, key=line_sort_key))
        everywhere = []
    others = [c for c in countries if c.code not in (EVERY_COUNTRY, chosen.code if chosen else "")]
    return {
        "part": part,
        "overdose_first": lead == "overdose",
        "compact": bool(compact),
        "level": int(level or (3 if compact else 2)),
        "chosen": chosen,
        "everywhere": everywhere,
        "others": others,
        "world": [] if chosen else emergency_numbers(countries),
        "switch": sorted((c for c in countries if c.code != EVERY_COUNTRY), key=lambda c: c.name),
        "first": chosen.code if chosen else "",
    }

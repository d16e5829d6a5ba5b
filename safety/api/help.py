from datetime import date

from ninja import Router, Schema

from ..country import help_country
from ..help import crisis_lines_by_country

router = Router(tags=["help"])


class LineOut(Schema):
    name: str
    kind: str
    description: str
    phone: str
    text: str
    website: str
    hours: str
    languages: str
    verified_on: date | None = None


class CountryOut(Schema):
    country: str
    country_name: str
    lines: list[LineOut]


@router.get("/help/lines", response=list[CountryOut], auth=None, summary="Crisis lines by country")
def help_lines(request, country: str = ""):
    """Every active crisis line, grouped by country. First: `country` (ISO code) when given, else the caller's own
    country as the site would choose it (their profile, time zone or browser language; else the operator's
    default). Within a country: emergency, crisis, overdose, then the other lines."""
    countries, _first = crisis_lines_by_country(country or help_country(request))
    return [{"country": c.code, "country_name": c.name, "lines": c.lines} for c in countries]

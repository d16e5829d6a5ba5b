from ninja import Router, Schema

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


class CountryOut(Schema):
    country: str
    country_name: str
    lines: list[LineOut]


@router.get("/help/lines", response=list[CountryOut], auth=None, summary="Crisis lines by country")
def help_lines(request, country: str = ""):
    """Every active crisis line, grouped by country; `country` (ISO code) comes first when given."""
    countries, _first = crisis_lines_by_country(country)
    return [{"country": c.code, "country_name": c.name, "lines": c.lines} for c in countries]

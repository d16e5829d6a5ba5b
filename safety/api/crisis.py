"""/api/v1/safety/check-text: the crisis check any client runs before posting, with the lines to offer."""

from ninja import Field, Router, Schema

from ..crisis import check_text
from ..help import lines_for_help

router = Router(tags=["crisis"])

MAX_TEXT = 20_000


class CheckTextIn(Schema):
    model_config = {"extra": "forbid"}

    text: str = Field(..., max_length=MAX_TEXT, description="What the member is about to post. Never stored.")
    language: str | None = Field(
        None, pattern=r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})?$", description='A hint such as "en" or "es-MX".'
    )
    country: str | None = Field(
        None, pattern=r"^[A-Za-z]{2}$", description="ISO 3166-1 code whose lines to offer; else the site's default."
    )


class ResourceOut(Schema):
    name: str
    phone: str
    text: str = Field(..., description="A number to text, if the line takes texts.")
    website: str
    kind: str = Field(..., description="emergency, crisis, addiction or support.")


class CheckTextOut(Schema):
    at_risk: bool
    resources: list[ResourceOut] = Field(..., description="Crisis lines, emergency first, when at risk; else empty.")


@router.post("/safety/check-text", response=CheckTextOut, summary="Does a text suggest its writer may be at risk?")
def check_text_api(request, payload: CheckTextIn):
    """Checks `text` for crisis language (in every language we know; `language` is a hint). When it suggests the
    writer may be at risk, answers the crisis lines to offer them privately, before they post: the caller should
    show them and still let the member post. The text is neither stored nor logged, and no alert is raised (the
    member has not posted anything yet)."""
    result = check_text(payload.text, payload.language)
    resources = lines_for_help(payload.country or "")[0] if result.at_risk else []
    return {"at_risk": result.at_risk, "resources": resources}

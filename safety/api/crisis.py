"""/api/v1/safety/check-text: the crisis check any client runs before posting, with the lines to offer."""

from ninja import Field, Router, Schema

from ..crisis import check_text
from ..help import lines_for_help
from ..kind_help import help_for

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


class CrisisResourceOut(Schema):
    name: str
    phone: str
    text: str = Field(..., description="A number to text, if the line takes texts.")
    website: str
    kind: str = Field(..., description="emergency, crisis, addiction or support.")


class HelpOut(Schema):
    title: str
    lead: str
    steps: list[str]
    call_first: bool = Field(..., description="Show the emergency number before anything else.")
    offer_moderator: bool = Field(..., description='Whether "ask a moderator to reach out" fits this kind.')
    use_own_plan: bool = Field(..., description="Lead with the member's own coping plan (a craving).")


class CheckTextOut(Schema):
    at_risk: bool = Field(..., description="One of the risk kinds was found (a craving alone is not at risk).")
    kind: str = Field(..., description='The most urgent kind: overdose, suicide, self_harm, harm, craving, or "".')
    kinds: list[str] = Field(..., description="Every kind found, most urgent first.")
    emergency: bool = Field(..., description="Call the emergency number now (an overdose, or a plan with a time).")
    help: HelpOut | None = Field(..., description="What to show first for this kind, in the request's language.")
    resources: list[CrisisResourceOut] = Field(
        ..., description="Lines to offer, the country's emergency number first, when any kind was found; else empty."
    )


@router.post("/safety/check-text", response=CheckTextOut, summary="Does a text suggest its writer may be at risk?")
def check_text_api(request, payload: CheckTextIn):
    """Checks `text` for the kinds of risk (in every language we know; `language` is a hint). When it finds one,
    answers what the help should lead with for that kind and the lines to offer, to show the writer privately
    before they post: the caller shows them and still lets the member post. The text is neither stored nor
    logged, and no alert is raised (the member has not posted anything yet)."""
    result = check_text(payload.text, payload.language)
    found = bool(result.kind)
    resources = lines_for_help(payload.country or "")[0] if found else []
    kind_help = help_for(result.kind) if found else None
    return {
        "at_risk": result.at_risk,
        "kind": result.kind,
        "kinds": list(result.kinds),
        "emergency": result.emergency,
        "help": (
            {
                "title": str(kind_help.title),
                "lead": str(kind_help.lead),
                "steps": [str(step) for step in kind_help.steps],
                "call_first": kind_help.call_first,
                "offer_moderator": kind_help.offer_moderator,
                "use_own_plan": kind_help.use_own_plan,
            }
            if kind_help
            else None
        ),
        "resources": resources,
    }

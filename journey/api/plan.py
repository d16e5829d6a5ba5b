"""The member's recovery plan at /api/v1/me/plan: the same service functions as the pages."""

from datetime import datetime

from ninja import Field, Router, Schema
from ninja.responses import Status

from ..services import plan as services

router = Router(tags=["my recovery"])
MAX = services.MAX_CELL


class TriggerRow(Schema):
    model_config = {"extra": "forbid"}

    trigger: str = Field("", max_length=MAX["trigger"])
    response: str = Field("", max_length=MAX["response"])


class PersonRow(Schema):
    model_config = {"extra": "forbid"}

    name: str = Field("", max_length=MAX["name"])
    phone: str = Field("", max_length=MAX["phone"], description="Digits, spaces, +, -, ( and ) only.")
    note: str = Field("", max_length=MAX["note"])


class PlanIn(Schema):
    """The whole plan: a field left out is stored empty. Empty rows are dropped."""

    model_config = {"extra": "forbid"}

    warning_signs: str = Field("", max_length=services.MAX_TEXT)
    triggers: list[TriggerRow] = Field([], max_length=services.MAX_ROWS["triggers"])
    coping: str = Field("", max_length=services.MAX_TEXT)
    people: list[PersonRow] = Field([], max_length=services.MAX_ROWS["people"])
    places_to_avoid: str = Field("", max_length=services.MAX_TEXT)
    reasons: str = Field("", max_length=services.MAX_TEXT)
    crisis_plan: str = Field("", max_length=services.MAX_TEXT)


class PlanOut(Schema):
    saved: bool = Field(..., description="False when the member has not written a plan yet (everything empty).")
    warning_signs: str
    triggers: list[TriggerRow]
    coping: str
    people: list[PersonRow]
    places_to_avoid: str
    reasons: str
    crisis_plan: str
    updated_at: datetime | None


def _plan_out(plan) -> dict:
    out = {name: getattr(plan, name) or "" for name in services.TEXT_FIELDS}
    out.update(
        saved=plan.pk is not None,
        triggers=plan.triggers or [],
        people=plan.people or [],
        updated_at=plan.updated_at if plan.pk else None,
    )
    return out


@router.get("/me/plan", response=PlanOut, summary="My recovery plan (empty if not written yet)")
def get_plan(request):
    return _plan_out(services.get_or_empty_plan(request.auth))


@router.put("/me/plan", response=PlanOut, summary="Write or replace my recovery plan")
def put_plan(request, payload: PlanIn):
    plan = services.save_plan(request.auth, **payload.model_dump())
    return _plan_out(plan)


@router.delete("/me/plan", response={204: None}, summary="Delete my recovery plan")
def delete_plan(request):
    services.delete_plan(request.auth)
    return Status(204, None)

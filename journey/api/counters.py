"""The member's counters at /api/v1/me/counters: the same access and service functions as the pages."""

from datetime import date
from decimal import Decimal

from ninja import Field, Router, Schema
from ninja.errors import ValidationError
from ninja.responses import Status
from pydantic import field_validator

from ..access import get_counter_for_owner
from ..models import CURRENCIES, Counter, Pathway, today_for
from ..services import counters as services

router = Router(tags=["my recovery"])


class MilestoneOut(Schema):
    name: str
    date: date


class CounterOut(Schema):
    id: int
    pathway: str
    name: str
    start_date: date = Field(..., description="Start of the current period (day 0).")
    cost_per_day: Decimal | None
    currency: str
    why: str
    days: int = Field(..., description="Full days in the current period, in the member's time zone.")
    total_days: int = Field(..., description="Days across every period, past and current.")
    longest_days: int
    periods: int
    money_saved: Decimal | None = Field(..., description="cost_per_day × total_days, when a cost is given.")
    milestones_reached: list[MilestoneOut] = Field(..., description="Of the current period.")
    next_milestone: MilestoneOut


class _CounterFields(Schema):
    model_config = {"extra": "forbid"}

    @field_validator("pathway", check_fields=False)
    @classmethod
    def known_pathway(cls, value):
        if value is not None and value not in Pathway.values:
            raise ValueError(f"must be one of {', '.join(Pathway.values)}")
        return value

    @field_validator("currency", check_fields=False)
    @classmethod
    def known_currency(cls, value):
        if value and value.upper() not in CURRENCIES:
            raise ValueError(f"must be one of {', '.join(CURRENCIES)}")
        return value


class CounterIn(_CounterFields):
    pathway: str
    name: str = Field("", max_length=60)
    start_date: date
    cost_per_day: Decimal | None = Field(None, ge=0, le=Decimal("99999.99"), decimal_places=2)
    currency: str = ""
    why: str = Field("", max_length=services.MAX_TEXT)


class CounterPatch(_CounterFields):
    pathway: str | None = None
    name: str | None = Field(None, max_length=60)
    start_date: date | None = None
    cost_per_day: Decimal | None = Field(None, ge=0, le=Decimal("99999.99"), decimal_places=2)
    currency: str | None = None
    why: str | None = Field(None, max_length=services.MAX_TEXT)


class SlipIn(Schema):
    model_config = {"extra": "forbid"}

    slip_date: date
    new_start: date | None = Field(None, description="When to start counting again; default the slip date.")
    what_happened: str = Field("", max_length=services.MAX_TEXT)
    learned: str = Field("", max_length=services.MAX_TEXT)


def _counter_out(counter: Counter, today: date) -> dict:
    summary = counter.summary(today)
    return {
        "id": counter.pk,
        "pathway": counter.pathway,
        "name": counter.name,
        "start_date": summary.start_date,
        "cost_per_day": counter.cost_per_day,
        "currency": counter.currency,
        "why": counter.why,
        "days": summary.days,
        "total_days": summary.total_days,
        "longest_days": summary.longest_days,
        "periods": summary.periods,
        "money_saved": summary.money_saved,
        "milestones_reached": [{"name": m.name, "date": m.date} for m in summary.milestones_reached],
        "next_milestone": {"name": summary.next_milestone.name, "date": summary.next_milestone.date},
    }


@router.get("/me/counters", response=list[CounterOut], summary="My recovery counters")
def list_counters(request):
    today = today_for(request.auth)
    return [_counter_out(c, today) for c in Counter.objects.owned_by(request.auth)]


@router.post("/me/counters", response={201: CounterOut}, summary="Start a counter")
def create_counter(request, payload: CounterIn):
    today = today_for(request.auth)
    counter = services.create_counter(request.auth, today=today, **payload.model_dump())
    return Status(201, _counter_out(get_counter_for_owner(request.auth, counter.pk), today))


@router.get("/me/counters/{counter_id}", response=CounterOut, summary="One of my counters")
def get_counter(request, counter_id: int):
    return _counter_out(get_counter_for_owner(request.auth, counter_id), today_for(request.auth))


@router.patch("/me/counters/{counter_id}", response=CounterOut, summary="Change a counter")
def update_counter(request, counter_id: int, payload: CounterPatch):
    counter = get_counter_for_owner(request.auth, counter_id)
    today = today_for(request.auth)
    changes = payload.model_dump(exclude_unset=True)
    for name in ("pathway", "start_date"):
        if changes.get(name, "") is None:
            raise ValidationError([{"loc": ("body", name), "msg": "must not be null"}])
    for name in ("name", "currency", "why"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    services.update_counter(counter, today=today, **changes)
    return _counter_out(get_counter_for_owner(request.auth, counter_id), today)


@router.delete("/me/counters/{counter_id}", response={204: None}, summary="Delete a counter and its history")
def delete_counter(request, counter_id: int):
    services.delete_counter(get_counter_for_owner(request.auth, counter_id))
    return Status(204, None)


@router.post("/me/counters/{counter_id}/slips", response={201: CounterOut}, summary="Record a slip")
def record_slip(request, counter_id: int, payload: SlipIn):
    counter = get_counter_for_owner(request.auth, counter_id)
    today = today_for(request.auth)
    services.record_slip(counter, today=today, **payload.model_dump())
    return Status(201, _counter_out(get_counter_for_owner(request.auth, counter_id), today))

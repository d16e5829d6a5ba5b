"""The member's monthly check-ups at /api/v1/me/checkups: the same questionnaire and services as the pages."""

from datetime import date, datetime

from ninja import Field, Router, Schema
from ninja.responses import Status
from pydantic import StrictInt

from .. import checkup as questionnaire
from ..access import get_own
from ..models import Checkup, Domain, today_for
from ..services import checkups as services

router = Router(tags=["my recovery"])


class ScaleOut(Schema):
    value: int
    label: str


class DomainOut(Schema):
    key: str
    label: str
    max_score: int


class CheckupQuestionOut(Schema):
    key: str = Field(..., description="Send answers keyed by this.")
    domain: str
    text: str


class QuestionnaireOut(Schema):
    introduction: str
    scale: list[ScaleOut]
    domains: list[DomainOut]
    questions: list[CheckupQuestionOut]
    max_total: int


class ScoresOut(Schema):
    health: int
    home: int
    purpose: int
    community: int
    total: int


class CheckupOut(ScoresOut):
    id: int
    taken_on: date = Field(..., description="The member's date when it was taken (their time zone).")
    answers: dict[str, int]
    created_at: datetime


class PreviousOut(ScoresOut):
    id: int
    taken_on: date


class CheckupDetailOut(CheckupOut):
    previous: PreviousOut | None = Field(..., description="The check-up before this one, if any.")
    changes: ScoresOut | None = Field(..., description="This one's scores minus the previous one's.")


class CheckupIn(Schema):
    model_config = {"extra": "forbid"}

    answers: dict[str, StrictInt] = Field(
        ..., description="Every question's key with an answer 0–4 (see /me/checkups/questions)."
    )


SCORE_NAMES = (*Domain.values, "total")


def _scores(checkup: Checkup) -> dict:
    return {name: getattr(checkup, name) for name in SCORE_NAMES}


def _checkup_out(checkup: Checkup) -> dict:
    return {
        "id": checkup.pk,
        "taken_on": checkup.taken_on,
        "answers": checkup.answers,
        "created_at": checkup.created_at,
        **_scores(checkup),
    }


def _detail_out(checkup: Checkup) -> dict:
    previous = services.previous_of(checkup)
    out = _checkup_out(checkup)
    if previous is None:
        return {**out, "previous": None, "changes": None}
    return {
        **out,
        "previous": {"id": previous.pk, "taken_on": previous.taken_on, **_scores(previous)},
        "changes": {name: getattr(checkup, name) - getattr(previous, name) for name in SCORE_NAMES},
    }


@router.get("/me/checkups/questions", response=QuestionnaireOut, summary="The monthly check-up's questions")
def questions(request):
    maxima = questionnaire.max_per_domain()
    return {
        "introduction": str(questionnaire.INTRODUCTION),
        "scale": [{"value": value, "label": str(label)} for value, label in questionnaire.SCALE],
        "domains": [{"key": d.value, "label": str(d.label), "max_score": maxima[d.value]} for d in Domain],
        "questions": [{"key": q.key, "domain": q.domain, "text": str(q.text)} for q in questionnaire.QUESTIONS],
        "max_total": questionnaire.MAX_TOTAL,
    }


@router.get("/me/checkups", response=list[CheckupOut], summary="My check-ups, newest first")
def list_checkups(request):
    return [_checkup_out(c) for c in Checkup.objects.owned_by(request.auth).order_by("-taken_on", "-pk")]


@router.post(
    "/me/checkups",
    response={201: CheckupDetailOut},
    summary="Record this month's check-up",
    description="At most one per calendar month (the member's time zone): a second one this month replaces it.",
)
def record_checkup(request, payload: CheckupIn):
    checkup = services.record_checkup(request.auth, today=today_for(request.auth), answers=payload.answers)
    return Status(201, _detail_out(checkup))


@router.get(
    "/me/checkups/{checkup_id}", response=CheckupDetailOut, summary="One check-up, compared with the one before"
)
def get_checkup(request, checkup_id: int):
    return _detail_out(get_own(Checkup, request.auth, checkup_id))

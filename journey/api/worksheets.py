"""The member's worksheets at /api/v1/me/worksheets: the same access and service functions as the pages."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from ninja import Field, Router, Schema
from ninja.responses import Status

from ..access import get_own
from ..models import Worksheet, WorksheetKind, today_for
from ..services import worksheets as services
from ..worksheets import DEFINITIONS, MAX_ITEMS, MAX_TITLE

router = Router(tags=["my recovery"])


class WorksheetQuestionOut(Schema):
    key: str
    label: str
    type: str = Field(..., description="text, long, list, scale, yesno or datetime (local 'YYYY-MM-DDTHH:MM').")
    help: str
    max_length: int | None = Field(None, description="Per text, or per list item.")
    max_items: int | None = None
    min: int | None = None
    max: int | None = None


class SectionOut(Schema):
    title: str
    help: str
    questions: list[WorksheetQuestionOut]


class KindOut(Schema):
    kind: str
    name: str
    purpose: str
    sections: list[SectionOut]


class WorksheetIn(Schema):
    model_config = {"extra": "forbid"}

    kind: str = Field(..., description=f"One of {', '.join(WorksheetKind.values)}.")
    title: str = Field("", max_length=MAX_TITLE)
    data: dict[str, Any] = Field({}, description="Answers keyed by question key (see /me/worksheets/kinds).")


class WorksheetUpdate(Schema):
    """The whole worksheet: a question left out of `data` becomes unanswered."""

    model_config = {"extra": "forbid"}

    title: str = Field("", max_length=MAX_TITLE)
    data: dict[str, Any] = {}


class WorksheetOut(Schema):
    id: int
    kind: str
    title: str
    data: dict[str, Any]
    created_at: datetime
    updated_at: datetime


def _kind_out(definition) -> dict:
    return {
        "kind": definition.kind,
        "name": str(definition.name),
        "purpose": str(definition.purpose),
        "sections": [
            {
                "title": str(section.title),
                "help": str(section.help),
                "questions": [
                    {
                        "key": q.key,
                        "label": str(q.label),
                        "type": q.type,
                        "help": str(q.help),
                        "max_length": q.max_length,
                        "max_items": MAX_ITEMS if q.type == "list" else None,
                        "min": q.min,
                        "max": q.max,
                    }
                    for q in section.questions
                ],
            }
            for section in definition.sections
        ],
    }


def _bad_request(error: DjangoValidationError):
    # Answers are named data.<key>, so a client can tell a question from the worksheet's own fields.
    named = {
        (name if name in ("kind", "title", "data") else f"data.{name}"): messages
        for name, messages in error.message_dict.items()
    }
    return DjangoValidationError(named)


def _worksheet_out(worksheet: Worksheet) -> dict:
    return {
        "id": worksheet.pk,
        "kind": worksheet.kind,
        "title": worksheet.title or "",
        "data": worksheet.data or {},
        "created_at": worksheet.created_at,
        "updated_at": worksheet.updated_at,
    }


@router.get("/me/worksheets/kinds", response=list[KindOut], summary="The worksheets I can fill, with their questions")
def list_kinds(request):
    return [_kind_out(definition) for definition in DEFINITIONS.values()]


@router.get("/me/worksheets", response=list[WorksheetOut], summary="My worksheets, most recently changed first")
def list_worksheets(request, kind: str | None = None):
    worksheets = Worksheet.objects.owned_by(request.auth)
    if kind:
        worksheets = worksheets.filter(kind=kind)
    return [_worksheet_out(w) for w in worksheets]


@router.post("/me/worksheets", response={201: WorksheetOut}, summary="Fill in a new worksheet")
def create_worksheet(request, payload: WorksheetIn):
    try:
        worksheet = services.create_worksheet(request.auth, today=today_for(request.auth), **payload.model_dump())
    except DjangoValidationError as error:
        raise _bad_request(error) from error
    return Status(201, _worksheet_out(worksheet))


@router.get("/me/worksheets/{worksheet_id}", response=WorksheetOut, summary="One of my worksheets")
def get_worksheet(request, worksheet_id: int):
    return _worksheet_out(get_own(Worksheet, request.auth, worksheet_id))


@router.put("/me/worksheets/{worksheet_id}", response=WorksheetOut, summary="Replace a worksheet's title and answers")
def update_worksheet(request, worksheet_id: int, payload: WorksheetUpdate):
    worksheet = get_own(Worksheet, request.auth, worksheet_id)
    try:
        services.update_worksheet(worksheet, today=today_for(request.auth), **payload.model_dump())
    except DjangoValidationError as error:
        raise _bad_request(error) from error
    return _worksheet_out(worksheet)


@router.delete("/me/worksheets/{worksheet_id}", response={204: None}, summary="Delete a worksheet")
def delete_worksheet(request, worksheet_id: int):
    services.delete_worksheet(get_own(Worksheet, request.auth, worksheet_id))
    return Status(204, None)

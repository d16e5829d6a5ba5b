"""/api/v1/me/journal: the member's private journal, with the same access and service functions as the pages."""

import datetime as dt

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.errors import ValidationError
from ninja.responses import Status

from lib.paging import next_link, page_field, page_of

from ..access import get_own
from ..models import JournalEntry, today_for
from ..prompts import PROMPTS
from ..services import journal as services

router = Router(tags=["my recovery"])


class EntryOut(Schema):
    id: int
    date: dt.date
    title: str
    body: str
    mood: int | None
    tags: list[str]
    prompt: str = Field(..., description="Key of the prompt the entry answers, or empty.")
    created_at: dt.datetime
    updated_at: dt.datetime


class EntryIn(Schema):
    model_config = {"extra": "forbid"}

    date: dt.date | None = Field(None, description="Default: today in the member's time zone. Not in the future.")
    title: str = Field("", max_length=services.MAX_TITLE)
    body: str = Field(..., min_length=1, max_length=services.MAX_BODY)
    mood: int | None = Field(None, ge=1, le=5)
    tags: list[str] = Field(
        default_factory=list, max_length=services.MAX_TAGS, description="Lower-cased and deduplicated."
    )
    prompt: str = Field("", description="A key from /me/journal/prompts, or empty.")


class EntryPatch(Schema):
    model_config = {"extra": "forbid"}

    date: dt.date | None = None
    title: str | None = Field(None, max_length=services.MAX_TITLE)
    body: str | None = Field(None, min_length=1, max_length=services.MAX_BODY)
    mood: int | None = Field(None, ge=1, le=5, description="null clears it.")
    tags: list[str] | None = Field(None, max_length=services.MAX_TAGS)
    prompt: str | None = None


class SearchParams(Schema):
    q: str = Field(
        "", max_length=200, description="Words to find in the title, text or tags (case and accents ignored)."
    )
    tag: str = Field("", max_length=services.MAX_TAG)
    date_from: dt.date | None = Field(None, alias="from", description="First date, inclusive.")
    date_to: dt.date | None = Field(None, alias="to", description="Last date, inclusive.")
    page: int = page_field("Newest first; a `Link: rel=next` header points at the next page.")
    limit: int = Field(100, ge=1, le=500)


class PromptOut(Schema):
    key: str
    title: str
    description: str
    lines: list[str]
    tags: list[str]
    starter_text: str = Field(..., description="What a new entry from this prompt starts with.")


@router.get("/me/journal", response=list[EntryOut], summary="My journal entries (search)")
def list_journal_entries(request, response: HttpResponse, params: Query[SearchParams]):
    found = services.search_entries(
        request.auth, q=params.q, tag=params.tag, date_from=params.date_from, date_to=params.date_to
    )
    paged = page_of(found, params.page, params.limit)
    if link := next_link(request, paged):
        response["Link"] = link
    return paged.items


@router.get("/me/journal/prompts", response=list[PromptOut], summary="Journal prompts")
def journal_prompts(request):
    return [
        {
            "key": p.key,
            "title": str(p.title),
            "description": str(p.description),
            "lines": [str(line) for line in p.lines],
            "tags": list(p.tags),
            "starter_text": p.starter_text(),
        }
        for p in PROMPTS.values()
    ]


@router.post("/me/journal", response={201: EntryOut}, summary="Write a journal entry")
def create_journal_entry(request, payload: EntryIn):
    today = today_for(request.auth)
    entry = services.create_entry(request.auth, today=today, **payload.model_dump())
    return Status(201, entry)


@router.get("/me/journal/{entry_id}", response=EntryOut, summary="One of my journal entries")
def get_journal_entry(request, entry_id: int):
    return get_own(JournalEntry, request.auth, entry_id)


@router.patch("/me/journal/{entry_id}", response=EntryOut, summary="Change a journal entry")
def update_journal_entry(request, entry_id: int, payload: EntryPatch):
    entry = get_own(JournalEntry, request.auth, entry_id)
    changes = payload.model_dump(exclude_unset=True)
    for name in ("date", "body"):
        if name in changes and changes[name] is None:
            raise ValidationError([{"loc": ("body", name), "msg": "must not be null"}])
    for name, empty in (("title", ""), ("prompt", ""), ("tags", [])):
        if name in changes and changes[name] is None:
            changes[name] = empty
    services.update_entry(entry, today=today_for(request.auth), **changes)
    return entry


@router.delete("/me/journal/{entry_id}", response={204: None}, summary="Delete a journal entry")
def delete_journal_entry(request, entry_id: int):
    services.delete_entry(get_own(JournalEntry, request.auth, entry_id))
    return Status(204, None)

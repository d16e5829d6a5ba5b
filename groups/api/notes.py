"""/api/v1/ for peer support notes: the notes I keep (or sent), and sending one.

Same rules as the pages (services.notes): a recipient in a block with the caller is "not found" (404). A note that
reads as someone at risk is sent, moderators are alerted, and the 201 answer tells the writer `at_risk`.
"""

from datetime import datetime

from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from accounts.api_byline import BylineOut
from accounts.naming import Byline, bylines, names_for
from lib.paging import counted_page_of, page_field

from ..models import Group, SupportNote
from ..services import notes as services
from .discussion import MAX_LIMIT

router = Router(tags=["notes"])


class NotesQuery(Schema):
    model_config = {"extra": "forbid"}

    box: str = Field("received", pattern="^(received|sent)$", description="received (kept) or sent")
    page: int = page_field()
    limit: int = Field(30, ge=1, le=MAX_LIMIT)


class NoteOut(Schema):
    id: int
    sender: str
    sender_by: BylineOut = Field(..., description="Who wrote it: the name shown, their username and roles beside it.")
    recipient: str
    group: int | None
    html: str
    body: str | None = Field(None, description="The text as written, for its sender only.")
    created_at: datetime
    read: bool
    kept: bool
    at_risk: bool | None = None
    help_url: str | None = None


class NotePage(Schema):
    count: int
    page: int
    pages: int
    items: list[NoteOut]


class NoteIn(Schema):
    model_config = {"extra": "forbid"}

    recipient: str = Field(..., min_length=1, max_length=150, description="The recipient's username.")
    body: str = Field(..., max_length=services.MAX_NOTE)
    group: int | None = Field(None, description="A group you both belong to (optional).")


def _notes_out(user, notes: list[SupportNote]) -> list[dict]:
    """Two queries for the names, whatever the number of notes. A sender who keeps their name from `user` is "A
    member"; a recipient is named as `user` chose them (by username) when their name is kept."""
    senders = bylines(user, [note.sender for note in notes])
    recipients = names_for(user, [note.recipient for note in notes])
    return [_note_out(user, note, senders[note.sender_id], recipients[note.recipient_id]) for note in notes]


def _note_out(user, note: SupportNote, sender: Byline, recipient: str) -> dict:
    sent = note.sender_id == user.pk
    return {
        "id": note.pk,
        "sender": sender.name,
        "sender_by": sender.as_dict(),
        "recipient": recipient,
        "group": note.group_id,
        "html": note.html,
        "body": note.body if sent else None,
        "created_at": note.created_at,
        "read": note.read_at is not None,
        "kept": note.kept,
    }


@router.get("/me/notes", response=NotePage, summary="Notes I keep (or, with box=sent, notes I sent)")
def list_notes(request, params: Query[NotesQuery]):
    if params.box == "sent":
        notes = SupportNote.objects.sent_by(request.auth)
    else:
        notes = SupportNote.objects.received_by(request.auth)
    notes = notes.select_related("sender", "recipient").order_by("-created_at", "-pk")
    page = counted_page_of(notes, params.page, params.limit, clamp=True)
    return {
        "count": page.count,
        "page": page.page,
        "pages": page.pages,
        "items": _notes_out(request.auth, page.items),
    }


@router.post("/notes", response={201: NoteOut}, summary="Send a note of encouragement")
def send_note(request, payload: NoteIn):
    recipient = services.find_recipient(request.auth, payload.recipient)
    group = None
    if payload.group is not None:
        group = Group.objects.filter(pk=payload.group).first()
        if group is None:
            raise DjangoValidationError({"group": "Choose a group you both belong to, or none."})
    note = services.write_note(request.auth, recipient, body=payload.body, group=group)
    data = _notes_out(request.auth, [note])[0]
    if getattr(note, "at_risk", False):  # set by write_note: the words suggest the writer may be at risk
        data["at_risk"] = True
        data["help_url"] = reverse("safety:help")
    return Status(201, data)

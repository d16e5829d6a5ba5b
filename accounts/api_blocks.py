"""/api/v1/me/blocks: the member's blocks, with the same service functions as the pages. The blocked person is never
told. Blocking a username answers 201 alike for a member, a closed account and a name nobody has, and the list shows
them alike (accounts/blocks.py), so the API never says who is a member."""

from datetime import datetime

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.responses import Status

from . import blocks as services
from .blocks_listed import blocked_list, name_for_blocker

router = Router(tags=["blocks"])


class BlockOut(Schema):
    username: str
    display_name: str = Field(..., description="Their display name if you may see it, else @username.")
    created_at: datetime


class BlockIn(Schema):
    model_config = {"extra": "forbid"}

    username: str = Field(..., min_length=1, max_length=150)


@router.get("/me/blocks", response=list[BlockOut], summary="People I've blocked")
def list_blocks(request):
    return [
        {"username": row["username"], "display_name": row["name"], "created_at": row["created_at"]}
        for row in blocked_list(request.auth)[:1000]
    ]


@router.post("/me/blocks", response={201: BlockOut}, summary="Block a member (or a username nobody has yet)")
def create_block(request, payload: BlockIn):
    made = services.block_username(request.auth, payload.username)
    username, name = name_for_blocker(request.auth, getattr(made, "blocked", None), payload.username)
    return Status(201, {"username": username, "display_name": name, "created_at": made.created_at})


@router.delete("/me/blocks/{username}", response={204: None}, summary="Unblock a member")
def delete_block(request, username: str):
    if not services.unblock_username(request.auth, username):
        raise Http404("You have not blocked this member.")
    return Status(204, None)

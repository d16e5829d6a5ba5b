"""/api/v1/me/blocks: the member's blocks, with the same service functions as the pages. The blocked person is never
told."""

from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from . import blocks as services
from .models import Block, User
from .naming import names_for

router = Router(tags=["blocks"])


class BlockOut(Schema):
    username: str
    display_name: str = Field(..., description="Their display name, or @username when they keep it from you.")
    created_at: datetime


class BlockIn(Schema):
    model_config = {"extra": "forbid"}

    username: str = Field(..., min_length=1, max_length=150)


def _out(block: Block, names: dict) -> dict:
    return {
        "username": block.blocked.username,
        "display_name": names[block.blocked_id],
        "created_at": block.created_at,
    }


def _outs(viewer: User, blocks) -> list[dict]:
    """The blocks, each naming the blocked member as `viewer` may see them (accounts.naming: one query)."""
    names = names_for(viewer, [b.blocked for b in blocks])
    return [_out(b, names) for b in blocks]


@router.get("/me/blocks", response=list[BlockOut], summary="People I've blocked")
def list_blocks(request):
    blocks = services.blocks_made_by(request.auth)
    return _outs(request.auth, list(blocks[:1000]))


@router.post("/me/blocks", response={201: BlockOut}, summary="Block a member")
def create_block(request, payload: BlockIn):
    other = get_object_or_404(User.objects.filter(is_active=True), username=payload.username)
    block = services.block(request.auth, other)
    return Status(201, _outs(request.auth, [block])[0])


@router.delete("/me/blocks/{username}", response={204: None}, summary="Unblock a member")
def delete_block(request, username: str):
    other = get_object_or_404(User, username=username)
    if not services.unblock(request.auth, other):
        raise Http404("You have not blocked this member.")
    return Status(204, None)

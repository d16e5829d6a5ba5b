"""/api/v1/me/blocks: the member's blocks, with the same service functions as the pages. The blocked person is never
told."""

from datetime import datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.responses import Status

from . import blocks as services
from .models import Block, User

router = Router(tags=["blocks"])


class BlockOut(Schema):
    username: str
    display_name: str
    created_at: datetime


class BlockIn(Schema):
    model_config = {"extra": "forbid"}

    username: str = Field(..., min_length=1, max_length=150)


def _out(block: Block) -> dict:
    return {
        "username": block.blocked.username,
        "display_name": block.blocked.display_name,
        "created_at": block.created_at,
    }


@router.get("/me/blocks", response=list[BlockOut], summary="People I've blocked")
def list_blocks(request):
    blocks = services.blocks_made_by(request.auth)
    return [_out(b) for b in blocks[:1000]]


@router.post("/me/blocks", response={201: BlockOut}, summary="Block a member")
def create_block(request, payload: BlockIn):
    other = get_object_or_404(User.objects.filter(is_active=True), username=payload.username)
    block = services.block(request.auth, other)
    return Status(201, _out(block))


@router.delete("/me/blocks/{username}", response={204: None}, summary="Unblock a member")
def delete_block(request, username: str):
    other = get_object_or_404(User, username=username)
    if not services.unblock(request.auth, other):
        raise Http404("You have not blocked this member.")
    return Status(204, None)

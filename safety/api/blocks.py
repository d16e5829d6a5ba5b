"""/api/v1/ for blocks."""

from ninja import Router

from api.auth import MEMBER_AUTH

router = Router(tags=["blocks"], auth=MEMBER_AUTH)

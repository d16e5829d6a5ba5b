"""/api/v1/ for discussion."""

from ninja import Router

from api.auth import MEMBER_AUTH

router = Router(tags=["discussion"], auth=MEMBER_AUTH)

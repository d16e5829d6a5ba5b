"""/api/v1/ for notes."""

from ninja import Router

from api.auth import MEMBER_AUTH

router = Router(tags=["notes"], auth=MEMBER_AUTH)

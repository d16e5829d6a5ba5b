"""/api/v1/ for moderation."""

from ninja import Router

from api.auth import MEMBER_AUTH

router = Router(tags=["moderation"], auth=MEMBER_AUTH)

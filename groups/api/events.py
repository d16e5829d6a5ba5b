"""/api/v1/ for events."""

from ninja import Router

from api.auth import MEMBER_AUTH

router = Router(tags=["events"], auth=MEMBER_AUTH)

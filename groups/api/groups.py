"""/api/v1/ for groups."""

from ninja import Router

from api.auth import MEMBER_AUTH

router = Router(tags=["groups"], auth=MEMBER_AUTH)

"""/api/v1/ for crisis."""

from ninja import Router

from api.auth import MEMBER_AUTH

router = Router(tags=["crisis"], auth=MEMBER_AUTH)

"""/api/v1/me/… for sharing."""

from ninja import Router

from api.auth import MEMBER_AUTH

router = Router(tags=["my recovery"], auth=MEMBER_AUTH)

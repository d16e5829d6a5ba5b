"""/api/v1/me/… for sharing."""

from ninja import Router

router = Router(tags=["my recovery"])

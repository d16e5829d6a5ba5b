"""/api/v1/ for resources."""

from ninja import Router

from api.auth import MEMBER_AUTH

router = Router(tags=["resources"], auth=MEMBER_AUTH)

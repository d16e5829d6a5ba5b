"""Safety in the API: help lines (public), crisis check, reports, blocks."""

from ninja import Router

from . import blocks, crisis, help, moderation

router = Router()
for _part in (help, crisis, moderation, blocks):
    router.add_router("/", _part.router)

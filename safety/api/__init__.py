"""Safety in the API: help lines (public) and the crisis check."""

from ninja import Router

from . import crisis, help

router = Router()
for _part in (help, crisis):
    router.add_router("/", _part.router)

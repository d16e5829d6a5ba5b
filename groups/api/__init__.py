"""Groups in the API: one router per part, gathered here."""

from ninja import Router

from . import discussion, events, groups, notes, resources

router = Router()
for _part in (groups, discussion, notes, resources, events):
    router.add_router("/", _part.router)

"""My recovery in the API (/api/v1/me/…): one router per part, gathered here."""

from ninja import Router

from . import attendance, checkins, checkups, counters, goals, journal, plan, worksheets

router = Router()
for _part in (counters, checkins, goals, checkups, plan, worksheets, attendance, journal):
    router.add_router("/", _part.router)

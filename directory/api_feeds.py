"""GET /api/v1/meeting-guide.json: our directory as a Meeting Guide feed. (Being written.)"""

from ninja import Router

router = Router(tags=["meeting feeds"])

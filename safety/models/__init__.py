"""Safety: crisis lines, crisis language, reports, moderation, appeals and blocks."""

from .crisis import CrisisPhrase, PhraseKind
from .lines import CrisisLine, CrisisLineQuerySet, LineKind
from .moderation import (
    ActionKind,
    Appeal,
    AppealStatus,
    Block,
    ModerationAction,
    Report,
    ReportReason,
    ReportStatus,
)

__all__ = [
    "ActionKind",
    "Appeal",
    "AppealStatus",
    "Block",
    "CrisisLine",
    "CrisisLineQuerySet",
    "CrisisPhrase",
    "LineKind",
    "ModerationAction",
    "PhraseKind",
    "Report",
    "ReportReason",
    "ReportStatus",
]

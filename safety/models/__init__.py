"""Safety: crisis lines and crisis language."""

from .crisis import CrisisPhrase, PhraseKind
from .lines import CrisisLine, CrisisLineQuerySet, LineKind

__all__ = ["CrisisLine", "CrisisLineQuerySet", "CrisisPhrase", "LineKind", "PhraseKind"]

"""Safety: crisis lines and crisis language."""

from .crisis import RiskRule, RiskWord, RuleKind
from .lines import CrisisLine, CrisisLineQuerySet, LineKind

__all__ = [
    "CrisisLine",
    "CrisisLineQuerySet",
    "LineKind",
    "RiskRule",
    "RiskWord",
    "RuleKind",
]

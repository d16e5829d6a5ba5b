"""Does a text suggest its writer, or someone with them, may be at risk, and of what? The one check every post,
reply, note, message, journal entry and event or group text runs (`check_text`), and
`POST /api/v1/safety/check-text` answers for any client.

The kinds, most urgent first (`RISK_KINDS`): an overdose or medical emergency; suicide (from a passive wish not to
wake up to a plan with means and a time, and farewell acts); self-harm; harm from or to someone else (abuse,
violence). A craving or a relapse is its own kind, "craving": it gets the coping help of the member's own plan,
never an emergency. `emergency` says the help must start with "call the emergency number now" (an overdose, or a
plan with means or a time).

How a text is read: safety/language.py (folding, shorthand, misspellings, Snowball stems) and safety/grammar.py
(categories of words, patterns, idioms, negation, testimony of long ago). The grammar of every language is data:
shipped in safety/data/risk/<language>.json, copied into the `RiskWord` and `RiskRule` tables, edited in the admin.
Every language's grammar reads every text (people switch languages within a message); `language` is a hint that
only orders what is reported.

What it never does: diagnose, stop a person posting, or tell anyone the words. The result holds kinds and rule
names, never words. Callers decide what to do with it: the writer always gets private help; a public or group text
raises a moderators' alert (moderation.alerts); a private text (journal, check-in note) raises nothing and stores
nothing about the check.

Speed: the grammars are compiled once per process and rebuilt when the grammar version changes: a key in Django's
cache (shared by every worker) that the receivers below bump whenever a word category or rule is saved or deleted
(`QuerySet.update()` sends no signal: call `forget_grammar()` after one), and at the latest after `REBUILD_AFTER`
seconds. A check costs one cache read, plus two queries when rebuilding.
"""

import logging
import time
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .grammar import Grammar, GrammarError, compile_grammar, find
from .language import fold, words_of
from .models import RiskRule, RiskWord
from .risk_data import LanguageData, from_tables

logger = logging.getLogger(__name__)

__all__ = ["RISK_KINDS", "CrisisCheck", "check_text", "fold", "forget_grammar", "grammars_from"]

VERSION_KEY = "safety:risk-grammar:version"
REBUILD_AFTER = 300  # seconds
MAX_CHECKED = 50_000  # characters; a longer text is checked in its first and last parts

RISK_KINDS = ("overdose", "suicide", "self_harm", "harm")  # most urgent first; "craving" is not a risk kind
ORDER = (*RISK_KINDS, "craving")


@dataclass(frozen=True)
class CrisisCheck:
    at_risk: bool
    language: str = ""  # the languages whose grammar found something, the hinted one first
    matched: list[str] = field(default_factory=list)  # rule names ("en:suicide:12"), never words
    kind: str = ""  # the most urgent kind found: one of RISK_KINDS, or "craving", or "" (nothing)
    kinds: tuple[str, ...] = ()  # every kind found, most urgent first
    emergency: bool = False  # call the emergency number now (an overdose, or a plan with a time or means)


@dataclass
class _Compiled:
    version: str
    built_at: float
    grammars: dict[str, Grammar]


_compiled: _Compiled | None = None


def grammars_from(data: dict[str, LanguageData], *, strict: bool = True) -> dict[str, Grammar]:
    """Compile each language's data. Not strict: a bad rule an operator saved is logged and left out."""

    def skip(error: GrammarError) -> None:
        logger.warning("risk grammar: rule left out: %s", error)

    return {
        code: compile_grammar(code, d.words, d.spellings, d.rules, skip_bad=None if strict else skip)
        for code, d in data.items()
    }


def _current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY) or version
    return version


def _grammars() -> dict[str, Grammar]:
    global _compiled
    version = _current_version()
    if _compiled is not None and _compiled.version == version and time.monotonic() - _compiled.built_at < REBUILD_AFTER:
        return _compiled.grammars
    grammars = grammars_from(from_tables(RiskWord, RiskRule), strict=False)
    _compiled = _Compiled(version, time.monotonic(), grammars)
    return grammars


def forget_grammar() -> None:
    """Make every process rebuild its compiled grammars at its next check."""
    global _compiled
    _compiled = None
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


@receiver(post_save, sender=RiskWord, dispatch_uid="safety.crisis.word_saved")
@receiver(post_delete, sender=RiskWord, dispatch_uid="safety.crisis.word_deleted")
@receiver(post_save, sender=RiskRule, dispatch_uid="safety.crisis.rule_saved")
@receiver(post_delete, sender=RiskRule, dispatch_uid="safety.crisis.rule_deleted")
def _grammar_changed(**kwargs) -> None:
    forget_grammar()


def _language_code(language: str | None) -> str:
    return (language or "").split("-")[0].split("_")[0].strip().lower()


def check_text(text: str, language: str | None = None, *, grammars: dict[str, Grammar] | None = None) -> CrisisCheck:
    """The kinds of risk `text` suggests, most urgent first (see the module's docstring). `grammars` defaults to
    the site's (from the tables); the corpus report passes the shipped files'."""
    text = text or ""
    if len(text) > MAX_CHECKED:
        text = text[: MAX_CHECKED // 2] + "\n" + text[-MAX_CHECKED // 2 :]
    words = words_of(text)
    if not words:
        return CrisisCheck(False)
    grammars = _grammars() if grammars is None else grammars
    hint = _language_code(language)
    kinds: set[str] = set()
    emergency = False
    matched: list[str] = []
    languages: list[str] = []
    order = sorted(grammars, key=lambda c: (c != hint, c))
    for finding in find([grammars[code] for code in order], words):
        kinds.add(finding.kind)
        emergency = emergency or finding.emergency or finding.kind == "overdose"
        if finding.rule not in matched:
            matched.append(finding.rule)
        code = finding.rule.split(":")[0]
        if code not in languages:
            languages.append(code)
    languages.sort(key=lambda c: (c != hint, order.index(c) if c in order else 99))
    ordered = tuple(kind for kind in ORDER if kind in kinds)
    at_risk = any(kind in RISK_KINDS for kind in ordered)
    return CrisisCheck(
        at_risk=at_risk,
        language=",".join(languages),
        matched=matched,
        kind=ordered[0] if ordered else "",
        kinds=ordered,
        emergency=emergency and at_risk,
    )

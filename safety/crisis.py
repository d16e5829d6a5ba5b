"""Does a text suggest its writer may be at risk? The check every post, reply and note runs before it is posted,
and `POST /api/v1/safety/check-text` answers for any client.

The phrases are data (`CrisisPhrase`: seeded from `safety/data/crisis_phrases.json` by migration 0004, edited in the
admin). A signal phrase counts unless the words that matched lie inside an everyday idiom ("this job is killing
me", "me muero de risa"). Negation is not an exemption: "I don't want to die anymore, but…" still offers help.
When in doubt it offers help: a missed person at risk costs far more than an unneeded offer, and the offer is
private and never stops anyone posting. Nothing of the result is ever shown to anyone but the writer (and, as a
priority alert, to moderators).

Matching ignores case, accents, apostrophes and hyphens ("no aguanto mas", "cant go on", "self harm"), treats any
run of spaces or line breaks as one space, and is bounded by words ("skill myself" is not "kill myself").

Speed: the phrases are compiled into one regular expression per language and kind, kept per process. They are
rebuilt when the phrase version changes: a key in Django's cache (shared by every worker: the database or Redis)
that the `post_save`/`post_delete` receivers below bump whenever a phrase is saved or deleted (the admin does both;
`QuerySet.update()` sends no signal: call `forget_phrases()` after one). As a safety net the compiled phrases are
also rebuilt after `REBUILD_AFTER` seconds. Each check costs one cache read (one query with the database cache),
plus one query when rebuilding.
"""

import re
import time
import unicodedata
import uuid
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import CrisisPhrase, PhraseKind

VERSION_KEY = "safety:crisis-phrases:version"
REBUILD_AFTER = 300  # seconds

_APOSTROPHES = "'’‘`´ʼʹ′"
_HYPHENS = "-‐‑‒–—_"
_FOLD_TABLE = str.maketrans({**dict.fromkeys(_APOSTROPHES), **dict.fromkeys(_HYPHENS, " ")})


def fold(text: str) -> str:
    """Lower case, accents and apostrophes removed, hyphens made spaces, runs of spaces and line breaks made one
    space. Phrases and texts are folded alike before matching."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD_TABLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    # ß casefolds to "ss" and ı has no dot to strip: both fine. NFKD turns "ﬁ" into "fi".
    return re.sub(r"\s+", " ", text.translate(_FOLD_TABLE)).strip()


RISK_KINDS = ("overdose", "suicide", "self_harm", "harm")  # most urgent first; "craving" is not a risk kind


@dataclass(frozen=True)
class CrisisCheck:
    at_risk: bool
    language: str = ""
    matched: list[str] = field(default_factory=list)  # for moderators' alerts and tests; never shown to others
    kind: str = ""  # the most urgent kind found: one of RISK_KINDS, or "craving", or "" (nothing)
    kinds: tuple[str, ...] = ()  # every kind found, most urgent first
    emergency: bool = False  # call the emergency number now (an overdose, or a plan with a time)


@dataclass
class _Compiled:
    version: str
    built_at: float
    # language -> (signals regex or None, idioms regex or None)
    languages: dict[str, tuple[re.Pattern | None, re.Pattern | None]]


_compiled: _Compiled | None = None


def _regex(phrases: list[str]) -> re.Pattern | None:
    """One alternation, longest phrase first (so the longest phrase at a position wins), word-bounded, inside a
    look-ahead so that `finditer` reports a match at every position, overlapping ones included."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(p) for p in sorted(set(phrases), key=lambda p: (-len(p), p)))
    return re.compile(rf"(?=(?<!\w)({alternatives})(?!\w))")


def _current_version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY) or version
    return version


def _phrases() -> dict[str, tuple[re.Pattern | None, re.Pattern | None]]:
    global _compiled
    version = _current_version()
    if _compiled is not None and _compiled.version == version and time.monotonic() - _compiled.built_at < REBUILD_AFTER:
        return _compiled.languages
    by_language: dict[str, dict[str, list[str]]] = {}
    for language, kind, phrase in CrisisPhrase.objects.filter(is_active=True).values_list("language", "kind", "phrase"):
        folded = fold(phrase)
        if folded:
            by_language.setdefault(_language_code(language), {}).setdefault(kind, []).append(folded)
    languages = {
        language: (_regex(kinds.get(PhraseKind.SIGNAL, [])), _regex(kinds.get(PhraseKind.IDIOM, [])))
        for language, kinds in by_language.items()
    }
    _compiled = _Compiled(version, time.monotonic(), languages)
    return languages


def _language_code(language: str | None) -> str:
    return (language or "").split("-")[0].split("_")[0].strip().lower()


def forget_phrases() -> None:
    """Make every process rebuild its compiled phrases at its next check."""
    global _compiled
    _compiled = None
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


@receiver(post_save, sender=CrisisPhrase, dispatch_uid="safety.crisis.phrase_saved")
@receiver(post_delete, sender=CrisisPhrase, dispatch_uid="safety.crisis.phrase_deleted")
def _phrase_changed(**kwargs) -> None:
    forget_phrases()


def check_text(text: str, language: str | None = None) -> CrisisCheck:
    """At risk when a signal phrase occurs outside every idiom occurrence.

    `language` ("es", "en-GB"…) is a hint, not a filter: members switch languages within a message, so the signals
    and idioms of every language always apply (when in doubt, offer help); the given language's matches are listed
    first. An idiom of any language exempts only the words it covers, so "this job is killing me, I want to die"
    is at risk. `matched` lists the signal phrases found (folded), for moderators and tests.
    """
    folded = fold(text or "")
    if not folded:
        return CrisisCheck(False)
    compiled = _phrases()
    idiom_spans = [
        (m.start(1), m.end(1))
        for _signals, idioms in compiled.values()
        if idioms is not None
        for m in idioms.finditer(folded)
    ]
    hint = _language_code(language)
    order = sorted(compiled, key=lambda code: (code != hint, code))
    matched: list[str] = []
    languages: list[str] = []
    for code in order:
        signals = compiled[code][0]
        if signals is None:
            continue
        for m in signals.finditer(folded):
            start, end = m.span(1)
            if any(s <= start and end <= e for s, e in idiom_spans):
                continue
            if m.group(1) not in matched:
                matched.append(m.group(1))
            if code not in languages:
                languages.append(code)
    kinds = ("suicide",) if matched else ()
    return CrisisCheck(bool(matched), ",".join(languages), matched, kind=kinds[0] if kinds else "", kinds=kinds)

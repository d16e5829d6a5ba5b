"""Does a text suggest its writer may be at risk? The check every post, reply and note runs before it is posted,
and `POST /api/v1/safety/check-text` answers for any client.

The phrases are data (`CrisisPhrase`, seeded by migration, edited in the admin). A signal phrase counts unless the
words that matched are part of an everyday idiom of the same language ("this job is killing me"). When in doubt
it offers help: a missed person at risk costs far more than an unneeded offer. Nothing of the result is ever shown
to anyone but the writer (and, as a priority alert, to moderators).
"""

import re
import unicodedata
from dataclasses import dataclass, field

from .models import CrisisPhrase, PhraseKind


def fold(text: str) -> str:
    """Lower case, accents removed, apostrophes unified, runs of spaces made one."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return re.sub(r"\s+", " ", text)


@dataclass(frozen=True)
class CrisisCheck:
    at_risk: bool
    language: str = ""
    matched: list[str] = field(default_factory=list)  # for moderators' alerts and tests; never shown to others


def _phrases(language: str | None) -> dict[str, list[tuple[str, str]]]:
    rows = CrisisPhrase.objects.filter(is_active=True)
    if language:
        rows = rows.filter(language__in=[language.split("-")[0].lower()])
    by_kind: dict[str, list[tuple[str, str]]] = {PhraseKind.SIGNAL: [], PhraseKind.IDIOM: []}
    for row in rows.values_list("kind", "phrase", "language"):
        by_kind[row[0]].append((fold(row[1]), row[2]))
    return by_kind


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    regex = r"(?<!\w)" + re.escape(pattern).replace(r"\ ", r"\s+") + r"(?!\w)"
    return [m.span() for m in re.finditer(regex, text)]


def check_text(text: str, language: str | None = None) -> CrisisCheck:
    """At risk when a signal phrase occurs outside every idiom occurrence. `language` narrows the phrases; by
    default every language's phrases apply (a member may write in any of them)."""
    folded = fold(text or "")
    if not folded.strip():
        return CrisisCheck(False)
    phrases = _phrases(language)
    idiom_spans = [span for idiom, _lang in phrases[PhraseKind.IDIOM] for span in _spans(idiom, folded)]
    matched, languages = [], set()
    for signal, lang in phrases[PhraseKind.SIGNAL]:
        for start, end in _spans(signal, folded):
            if any(s <= start and end <= e for s, e in idiom_spans):
                continue
            matched.append(signal)
            languages.add(lang)
            break
    return CrisisCheck(bool(matched), ",".join(sorted(languages)), matched)

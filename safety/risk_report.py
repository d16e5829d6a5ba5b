"""The corpus of realistic sentences (safety/corpus/<language>.tsv: `label<TAB>text`, labels `overdose`,
`suicide`, `self_harm`, `harm`, `craving` or `none`, two as `overdose,suicide`) and what the shipped grammar finds
in it: recall per kind and language, and the false-positive rate. `make risk-report` prints it.

The corpus is split in two halves by a hash of each sentence (stable as lines are added or moved): the grammar is
tuned on the "tune" half only; the "report" half is held back, and the targets are checked on it.

- A sentence of a risk kind is found when the check's kinds include one of its labels (its first label counts it).
- A craving is found when the check says "craving" (or, for recall's sake, any risk kind: help is offered either
  way); a craving that the check calls an emergency is counted apart.
- A `none` sentence is a false positive when the check says any risk kind (a "craving" reading of an everyday
  sentence offers coping help: counted apart, not as a false positive).
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .crisis import RISK_KINDS, check_text, grammars_from
from .risk_data import shipped

CORPUS_DIR = Path(__file__).resolve().parent / "corpus"
LABELS = (*RISK_KINDS, "craving", "none")
RECALL_TARGET = 0.97
FALSE_POSITIVE_TARGET = 0.05


@dataclass(frozen=True)
class Sentence:
    language: str
    line: int
    labels: tuple[str, ...]
    text: str

    @property
    def half(self) -> str:
        digest = hashlib.sha256(self.text.strip().casefold().encode()).digest()
        return "tune" if digest[0] % 2 == 0 else "report"


class CorpusError(ValueError):
    pass


def read_corpus(language: str | None = None) -> list[Sentence]:
    out = []
    for path in sorted(CORPUS_DIR.glob("*.tsv")):
        if language and path.stem != language:
            continue
        for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip() or raw.startswith("#"):
                continue
            label, sep, text = raw.partition("\t")
            labels = tuple(part.strip() for part in label.split(","))
            if not sep or not text.strip() or any(part not in LABELS for part in labels):
                raise CorpusError(f"{path.name} line {number}: expected a label ({', '.join(LABELS)}), a tab, a text")
            out.append(Sentence(path.stem, number, labels, text.strip()))
    return out


@dataclass
class Tally:
    total: Counter = field(default_factory=Counter)
    found: Counter = field(default_factory=Counter)
    missed: dict[str, list[Sentence]] = field(default_factory=dict)
    false_positives: list[tuple[Sentence, str, list[str]]] = field(default_factory=list)
    none_total: int = 0
    none_craving: int = 0
    craving_emergency: int = 0

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.total[kind] if self.total[kind] else 1.0

    @property
    def false_positive_rate(self) -> float:
        return len(self.false_positives) / self.none_total if self.none_total else 0.0


def evaluate(sentences: list[Sentence], grammars=None) -> dict[str, Tally]:
    grammars = grammars if grammars is not None else grammars_from(shipped())
    tallies: dict[str, Tally] = {}
    for sentence in sentences:
        tally = tallies.setdefault(sentence.language, Tally())
        result = check_text(sentence.text, sentence.language, grammars=grammars)
        first = sentence.labels[0]
        if first == "none":
            tally.none_total += 1
            if result.at_risk:
                tally.false_positives.append((sentence, result.kind, result.matched))
            elif result.kind == "craving":
                tally.none_craving += 1
            continue
        tally.total[first] += 1
        if first == "craving":
            hit = bool(result.kinds)
            if result.emergency:
                tally.craving_emergency += 1
        else:
            hit = any(label in result.kinds for label in sentence.labels)
        if hit:
            tally.found[first] += 1
        else:
            tally.missed.setdefault(first, []).append(sentence)
    return tallies


def meets_targets(tally: Tally) -> bool:
    kinds = [kind for kind in (*RISK_KINDS, "craving") if tally.total[kind]]
    return all(tally.recall(kind) >= RECALL_TARGET for kind in kinds) and (
        tally.false_positive_rate <= FALSE_POSITIVE_TARGET
    )


def report(half: str = "report", language: str | None = None, show: int = 0) -> tuple[str, bool]:
    """The printed report for one half ("tune", "report" or "all") and whether every language meets the
    targets. `show`: list up to that many missed sentences and false positives per language (for tuning)."""
    sentences = [s for s in read_corpus(language) if half == "all" or s.half == half]
    tallies = evaluate(sentences)
    lines = [f"Risk check on the {half} half of safety/corpus ({len(sentences)} sentences)", ""]
    header = f"{'language':<9}{'kind':<11}{'sentences':>10}{'found':>7}{'recall':>9}"
    ok = True
    for code in sorted(tallies):
        tally = tallies[code]
        lines.append(header)
        for kind in (*RISK_KINDS, "craving"):
            if tally.total[kind]:
                mark = "" if tally.recall(kind) >= RECALL_TARGET else "   below 97%"
                lines.append(
                    f"{code:<9}{kind:<11}{tally.total[kind]:>10}{tally.found[kind]:>7}{tally.recall(kind):>9.1%}{mark}"
                )
        fp = tally.false_positive_rate
        mark = "" if fp <= FALSE_POSITIVE_TARGET else "   above 5%"
        lines.append(
            f"{code:<9}{'everyday':<11}{tally.none_total:>10}{len(tally.false_positives):>7}"
            f"{fp:>9.1%} false positives{mark}"
        )
        lines.append(
            f"{'':<9}everyday sentences read as a craving (coping help, not an alert): {tally.none_craving}; "
            f"cravings read as an emergency: {tally.craving_emergency}"
        )
        lines.append("")
        ok = ok and meets_targets(tally)
        if show:
            for kind, missed in tally.missed.items():
                for s in missed[:show]:
                    lines.append(f"  MISSED {kind:<9} {s.language}:{s.line}  {s.text}")
            for s, kind, rules in tally.false_positives[:show]:
                lines.append(f"  FALSE  {kind:<9} {s.language}:{s.line}  {s.text}   [{' '.join(rules)}]")
            lines.append("")
    lines.append(f"Targets (recall >= 97% on every kind, false positives <= 5%): {'met' if ok else 'NOT met'}")
    return "\n".join(lines), ok

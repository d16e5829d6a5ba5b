"""A small grammar of risk signals, one per language, compiled from data (`safety/data/risk/<language>.json`, then
the admin's `RiskWord` and `RiskRule` rows) and matched against the tokens of `safety.language`.

**Words** are named categories ("self": I, me, myself…; "means": pills, rope…; "tonight": tonight, after work…).
An entry may be several words ("end it all"), or end in `*` to match every word that starts so ("suicid*").

**Rules** are patterns over words and categories, each with a kind:
- a risk kind (`overdose`, `suicide`, `self_harm`, `harm`) or `craving`: a signal;
- `idiom`: an everyday expression; a signal that overlaps one does not count ("dead tired", "me muero de risa"),
  unless the signal starts before the idiom and holds all of it ("he threatened to kill me" holds "kill me");
- `past`: a marker of long ago ("years ago", "hace años"); a sentence with one and no `recent` marker ("again",
  "last night") is testimony, and its signals do not count; nor do the previous sentence's ("I overdosed on my
  birthday. That was twelve years ago.");
- `about`: talk about the subject, not of oneself now (a film, the news, a lyric, a training); like `past`, for
  its own sentence, except that an emergency signal still counts;
- `recent`: see `past`;
- `not_negation`: an expression whose negative word does not negate ("can not stop thinking", "not sure").

A pattern is words separated by spaces:
- `kill` a word (compared by stem: kill, kills, killing, killed); `suicid*` a word starting so;
- `@self` a word or phrase of a category; `kill|end|@harm_verb` any one of them (single words);
- `(end it all|this is goodbye|@farewell)` any one of these phrases: a group is one element;
- `=mate` a word as written (folded), not by its stem: "mate" but not "matarme";
- `$` (last) the end of a sentence, a comma or the end of the text: "vou fazer $";
- `x?` (a word, category, choice or group with `?`) may be absent;
- `~3` up to three words of anything, within the sentence.

**Negation**: a signal counts unless a negative word ("not", "never", "no", in the `negation` category) lies in it
or in the four words before it, with no comma, sentence end or `negation_break` word ("but") between. A rule
whose pattern itself has a negative word ("do not want to live", "won't wake up") is never negated: the negation is
part of what it says. So "I'm not going to kill myself" does not count; "I don't want to live" does.

A rule may be marked `emergency` (call the emergency number now): every overdose, a plan with a time or means at
hand.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .language import COMMA, SENTENCE_END, Speller, Token, single, words_of

SIGNAL_KINDS = ("overdose", "suicide", "self_harm", "harm", "craving")
MODIFIER_KINDS = ("idiom", "past", "about", "recent", "not_negation")
RULE_KINDS = SIGNAL_KINDS + MODIFIER_KINDS
NEGATION_CATEGORY = "negation"
NEGATION_BREAK_CATEGORY = "negation_break"
NEGATION_REACH = 4  # words before a signal that a negative word reaches from


class GrammarError(ValueError):
    """A word list or pattern that cannot be compiled; the message says which and why."""


@dataclass
class Element:
    """One place in a pattern: the key sequences that may fill it (by first key), word prefixes, optional or not;
    or a gap of up to `gap` words."""

    sequences: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    prefixes: list[str] = field(default_factory=list)
    exact: set[str] = field(default_factory=set)  # words compared as written (folded), not by stem
    optional: bool = False
    gap: int = 0
    end: bool = False  # "$": the end of a sentence, a comma or the end of the text
    prefix_tuple: tuple[str, ...] = ()  # `prefixes`, frozen once compiled (str.startswith takes a tuple)

    def first_keys(self) -> set[str]:
        return set(self.sequences)

    def ends(self, tokens: list[Token], i: int) -> list[int]:
        if i >= len(tokens) or tokens[i].key in (SENTENCE_END, COMMA):
            return []
        out = []
        for seq in self.sequences.get(tokens[i].key, ()):
            end = i + len(seq)
            if end <= len(tokens) and all(tokens[i + k].key == seq[k] for k in range(1, len(seq))):
                out.append(end)
        if self.prefixes or self.exact:
            word = single(tokens[i].word)
            if word in self.exact or (self.prefixes and word.startswith(self.prefix_tuple)):
                out.append(i + 1)
        return out


@dataclass
class Rule:
    ident: str
    kind: str
    elements: list[Element]
    emergency: bool
    negation_aware: bool  # the pattern itself has a negative word


@dataclass
class Match:
    rule: Rule
    start: int
    end: int


@dataclass
class Grammar:
    language: str
    speller: Speller
    rules: list[Rule]
    negators: set[str]
    breaks: set[str]
    by_first_key: dict[str, list[Rule]] = field(default_factory=dict)
    by_prefix: dict[str, list[tuple[str, Rule]]] = field(default_factory=dict)  # by the prefix's first letter
    by_exact: dict[str, list[Rule]] = field(default_factory=dict)

    def index(self) -> None:
        for rule in self.rules:
            for element in rule.elements:
                element.prefix_tuple = tuple(element.prefixes)
            first = rule.elements[0]
            for key in first.first_keys():
                self.by_first_key.setdefault(key, []).append(rule)
            for prefix in first.prefixes:
                self.by_prefix.setdefault(prefix[:1], []).append((prefix, rule))
            for word in first.exact:
                self.by_exact.setdefault(word, []).append(rule)

    def matches(self, tokens: list[Token]) -> list[Match]:
        found: list[Match] = []
        for i, token in enumerate(tokens):
            candidates = list(self.by_first_key.get(token.key, ()))
            if self.by_prefix or self.by_exact:
                word = single(token.word)
                candidates += [rule for prefix, rule in self.by_prefix.get(word[:1], ()) if word.startswith(prefix)]
                candidates += self.by_exact.get(word, ())
            seen = set()
            for rule in candidates:
                if id(rule) in seen:
                    continue
                seen.add(id(rule))
                end = _shortest_end(rule.elements, tokens, i)
                if end is not None:
                    found.append(Match(rule, i, end))
        return found


def _shortest_end(elements: list[Element], tokens: list[Token], start: int) -> int | None:
    """The nearest end of a match of `elements` from `start`, trying short gaps first."""
    positions = {start}
    for element in elements:
        reached: set[int] = set()
        for i in positions:
            if element.end:
                if i == len(tokens) or tokens[i].key in (SENTENCE_END, COMMA):
                    reached.add(i)
            elif element.gap:
                j = i
                reached.add(j)
                while j < len(tokens) and j - i < element.gap and tokens[j].key != SENTENCE_END:
                    j += 1
                    reached.add(j)
            else:
                reached.update(element.ends(tokens, i))
                if element.optional:
                    reached.add(i)
        if not reached:
            return None
        positions = reached
    return min(positions) if positions else None


def compile_grammar(
    language: str,
    words: dict[str, list[str]],
    spellings: dict[str, str],
    rules: list[dict],
    skip_bad: Callable[[GrammarError], None] | None = None,
) -> Grammar:
    """Build a language's grammar. `words`: category → entries; `spellings`: written → meant; `rules`: dicts with
    `kind`, `pattern`, optional `emergency` and `id`. Raises GrammarError naming the bad entry, unless `skip_bad`
    is given: then a bad rule is passed to it and left out (the site keeps checking with the others)."""
    speller = Speller(language, spellings)
    categories: dict[str, Element] = {}
    for name, entries in words.items():
        element = Element()
        for entry in entries:
            entry = entry.strip()
            if not entry:
                continue
            if entry.endswith("*"):
                prefix = single(speller.respell([_folded_one(entry[:-1], name)])[0])
                element.prefixes.append(prefix)
                continue
            if entry.startswith("="):
                element.exact.add(single(_folded_one(entry[1:], name)))
                continue
            keys = tuple(speller.keys_of_phrase(entry))
            if keys:
                element.sequences.setdefault(keys[0], []).append(keys)
        categories[name] = element
    negators = set(categories.get(NEGATION_CATEGORY, Element()).sequences)
    breaks = set(categories.get(NEGATION_BREAK_CATEGORY, Element()).sequences)
    compiled = []
    for number, rule in enumerate(rules, 1):
        kind = rule.get("kind", "")
        ident = rule.get("id") or f"{language}:{kind}:{number}"
        try:
            if kind not in RULE_KINDS:
                raise GrammarError(f"{ident}: unknown kind {kind!r} (one of {', '.join(RULE_KINDS)})")
            elements = _compile_pattern(rule.get("pattern", ""), speller, categories, ident)
        except GrammarError as error:
            if skip_bad is None:
                raise
            skip_bad(error)
            continue
        aware = any(
            key in negators
            for element in elements
            for seqs in element.sequences.values()
            for seq in seqs
            for key in seq
        )
        compiled.append(Rule(ident, kind, elements, bool(rule.get("emergency")), aware))
    grammar = Grammar(language, speller, compiled, negators, breaks)
    grammar.index()
    return grammar


def _folded_one(word: str, where: str) -> str:
    parts = [w for w in words_of(word) if w not in (SENTENCE_END, COMMA)]
    if len(parts) != 1:
        raise GrammarError(f"{where}: {word!r}* must be one word")
    return parts[0]


def _split_pattern(pattern: str, ident: str) -> list[str]:
    """Elements separated by spaces; a parenthesised group "(end it all|this is goodbye)?" is one element."""
    parts, depth, current = [], 0, ""
    for ch in pattern.strip():
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                raise GrammarError(f"{ident}: a ')' without its '('")
        if ch.isspace() and depth == 0:
            if current:
                parts.append(current)
            current = ""
        else:
            current += ch
    if depth:
        raise GrammarError(f"{ident}: a '(' without its ')'")
    if current:
        parts.append(current)
    return parts


def _compile_pattern(pattern: str, speller: Speller, categories: dict[str, Element], ident: str) -> list[Element]:
    elements: list[Element] = []
    for part in _split_pattern(pattern, ident):
        if part.startswith("~"):
            try:
                gap = int(part[1:])
            except ValueError:
                raise GrammarError(f"{ident}: {part!r} is not a gap like ~3") from None
            if not 1 <= gap <= 12:
                raise GrammarError(f"{ident}: a gap is ~1 to ~12, not {part!r}")
            elements.append(Element(gap=gap))
            continue
        if part == "$":
            elements.append(Element(end=True))
            continue
        optional = part.endswith("?")
        body = part[:-1] if optional else part
        if body.startswith("("):
            if not body.endswith(")"):
                raise GrammarError(f"{ident}: {part!r}: a group is (a b|c d) or (a b|c d)?")
            body = body[1:-1]
        element = Element(optional=optional)
        for atom in body.split("|"):
            atom = atom.strip()
            if not atom:
                raise GrammarError(f"{ident}: empty choice in {part!r}")
            if atom.startswith("@") and " " not in atom:
                category = categories.get(atom[1:])
                if category is None:
                    raise GrammarError(f"{ident}: no word category {atom!r}")
                for key, seqs in category.sequences.items():
                    element.sequences.setdefault(key, []).extend(seqs)
                element.prefixes.extend(category.prefixes)
                element.exact |= category.exact
            elif atom.startswith("=") and " " not in atom:
                element.exact.add(single(_folded_one(atom[1:], ident)))
            elif atom.endswith("*") and " " not in atom:
                element.prefixes.append(single(speller.respell([_folded_one(atom[:-1], ident)])[0]))
            else:
                if "@" in atom or "*" in atom or "~" in atom:
                    raise GrammarError(f"{ident}: {atom!r}: inside a phrase, only plain words")
                keys = tuple(speller.keys_of_phrase(atom))
                if not keys:
                    raise GrammarError(f"{ident}: {atom!r} has no word in it")
                element.sequences.setdefault(keys[0], []).append(keys)
        elements.append(element)
    if not elements:
        raise GrammarError(f"{ident}: empty pattern")
    if elements[0].gap or elements[0].optional:
        raise GrammarError(f"{ident}: a pattern cannot start with a gap or an optional word")
    if elements[-1].gap:
        raise GrammarError(f"{ident}: a pattern cannot end with a gap")
    if elements[0].end or any(element.end for element in elements[:-1]):
        raise GrammarError(f"{ident}: $ (the end of a sentence) can only end a pattern")
    return elements


@dataclass(frozen=True)
class Finding:
    kind: str
    emergency: bool
    rule: str


@dataclass
class _Read:
    """One grammar's reading of a text: its tokens, the signals it found, and its modifiers in word positions."""

    grammar: Grammar
    tokens: list[Token]
    signals: list[Match]
    plain: list[Match]


def find(grammars: list[Grammar], words: list[str]) -> list[Finding]:
    """The signals every grammar finds in `words` (from `language.words_of`) that count, after idioms, negation
    and testimony. Idioms, `past`, `about` and `recent` of any language apply to the signals of every language
    (a Portuguese "overdose" signal inside an English "overdose awareness day" does not count), compared by the
    positions of the written words; negation stays within each language."""
    sentence_of = _sentences(words)
    idioms: list[tuple[int, int]] = []
    past: set[int] = set()
    about: set[int] = set()
    recent: set[int] = set()
    reads = []
    for grammar in grammars:
        tokens = grammar.speller.tokens(words)
        if not tokens:
            continue
        found = grammar.matches(tokens)
        for m in found:
            kind = m.rule.kind
            if kind in SIGNAL_KINDS or kind == "not_negation":
                continue
            start, end = tokens[m.start].source, tokens[m.end - 1].source + 1
            if kind == "idiom":
                idioms.append((start, end))
            else:
                {"past": past, "about": about, "recent": recent}[kind].add(sentence_of[start])
        signals = [m for m in found if m.rule.kind in SIGNAL_KINDS]
        plain = [m for m in found if m.rule.kind == "not_negation"]
        reads.append(_Read(grammar, tokens, signals, plain))
    past |= {sentence - 1 for sentence in past}
    findings = []
    for read in reads:
        for m in read.signals:
            start, end = read.tokens[m.start].source, read.tokens[m.end - 1].source + 1
            if any(_spoils(idiom, (start, end)) for idiom in idioms):
                continue
            if not m.rule.negation_aware and _negated(read.grammar, read.tokens, m, read.plain):
                continue
            sentence = sentence_of[start]
            if sentence not in recent and (sentence in past or (sentence in about and not m.rule.emergency)):
                continue
            findings.append(Finding(m.rule.kind, m.rule.emergency, m.rule.ident))
    return findings


def _spoils(idiom: tuple[int, int], signal: tuple[int, int]) -> bool:
    """An idiom spoils a signal it overlaps, unless the signal starts before it and holds all of it."""
    if not (idiom[0] < signal[1] and signal[0] < idiom[1]):
        return False
    return not (signal[0] < idiom[0] and idiom[1] <= signal[1])


def _sentences(words: list[str]) -> list[int]:
    number, out = 0, []
    for word in words:
        out.append(number)
        if word == SENTENCE_END:
            number += 1
    return out


def _negated(grammar: Grammar, tokens: list[Token], m: Match, plain: list[Match]) -> bool:
    def is_negator(i: int) -> bool:
        return tokens[i].key in grammar.negators and not any(p.start <= i < p.end for p in plain)

    if any(is_negator(i) for i in range(m.start, m.end)):
        return True
    i = m.start - 1
    while i >= 0 and m.start - i <= NEGATION_REACH:
        key = tokens[i].key
        if key in (SENTENCE_END, COMMA) or key in grammar.breaks:
            return False
        if is_negator(i):
            return True
        i -= 1
    return False

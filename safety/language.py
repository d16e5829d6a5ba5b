"""Turning what someone wrote into tokens the risk grammar can match, the same way for the text and for the grammar.

The steps, for every language:
1. `fold`: Unicode NFKD, accents dropped, case folded, apostrophes removed ("can't" → "cant", "I'm" → "im"),
   hyphens and underscores made spaces.
2. Numbers and symbols standing for letters inside a word ("k1ll", "$uicide", "d3ad") are read as letters.
3. Words, numbers, emoji and sentence ends (. ! ? ; :) become tokens; commas and "but" end the
   reach of a negation only (see `grammar`).
4. A run of three or more of the same letter is cut to two ("pleaseeee" → "pleasee", "dieee" → "diee").
5. Each language's spelling table rewrites shorthand, contractions and common misspellings into the words the
   grammar uses ("kms" → "kill myself", "cant" → "can not", "q" → "que"); the table is looked up with the word as
   written and with every doubled letter made single ("diee" → "die").
6. The Snowball stemmer of the language (the `snowballstemmer` package, BSD licence) reduces each word to its stem
   ("killing", "killed" → "kill"; "matarme", "mato" → "mat"); then doubled letters are made single, so a stem is
   compared with another stem whatever the writer's spelling ("kiilll" and "kill" meet at "kil").

The grammar's own words go through steps 1, 4, 5 and 6 when it is compiled, so a rule and a text always meet in
the same form.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer  # type: ignore[import-untyped]

_APOSTROPHES = "'’‘`´ʼʹ′"
_HYPHENS = "-‐‑‒–—_/"
_FOLD_TABLE = str.maketrans({**dict.fromkeys(_APOSTROPHES), **dict.fromkeys(_HYPHENS, " ")})

# Digits and symbols read as letters inside a word that also has letters ("k1ll", "$h", "m0rir").
_LEET = str.maketrans({"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a", "!": "i"})
_LEET_CANDIDATE = re.compile(r"[a-z0-9$@]*[a-z$@][a-z0-9$@]*")
_LEET_AFTER_LETTER = re.compile(r"[a-z][a-z0-9$@]*[0-9$@]|^[$@][a-z]")
_BANG_IN_WORD = re.compile(r"(?<=[a-z])!(?=[a-z])")  # "k!ll"
_NUMBER_WORD = re.compile(r"^[0-9]+$")

_EMOJI = "\U0001f300-\U0001faff\u2600-\u27bf\u2b00-\u2bff"
_TOKEN = re.compile(rf"[a-z0-9]+|[.!?;:]+|[,]|[{_EMOJI}]")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_DOUBLES = re.compile(r"([a-z])\1+")

SENTENCE_END = "."  # the token every . ! ? ; : and line break becomes
COMMA = ","

# Snowball's name for each language code; a language not here is matched without stemming.
STEMMERS = {
    "ar": "arabic",
    "ca": "catalan",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}


def fold(text: str) -> str:
    """Lower case, accents and apostrophes removed, hyphens made spaces, runs of spaces and line breaks made one
    space (a line break does not end a sentence: people break lines mid-thought)."""
    text = unicodedata.normalize("NFKD", (text or "").translate(_FOLD_TABLE))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.translate(_FOLD_TABLE)
    return re.sub(r"\s+", " ", text).strip()


def single(word: str) -> str:
    """Every run of one letter made single: "kill" → "kil", "diiee" → "die"."""
    return _DOUBLES.sub(r"\1", word)


def squeeze(word: str) -> str:
    return _REPEATS.sub(r"\1\1", word)


def _unleet(match: re.Match) -> str:
    """ "k1ll", "d3ad", "$uicide" → letters; "3am", "10pm", "2nite" stay (a digit first is a number)."""
    word = match.group(0)
    return word.translate(_LEET) if _LEET_AFTER_LETTER.search(word) else word


def words_of(text: str) -> list[str]:
    """Steps 1-4: the folded tokens of a text, sentence ends as ".", commas as ","."""
    folded = _LEET_CANDIDATE.sub(_unleet, _BANG_IN_WORD.sub("i", fold(text)))
    tokens = []
    for token in _TOKEN.findall(folded):
        if token[0] in ".!?;:":
            tokens.append(SENTENCE_END)
        else:
            tokens.append(squeeze(token))
    return tokens


@lru_cache(maxsize=64)
def _stemmer(language: str):
    name = STEMMERS.get(language)
    return snowballstemmer.stemmer(name) if name else None


@dataclass(frozen=True)
class Token:
    word: str  # folded and squeezed, after the spelling table ("kill")
    key: str  # stem with doubled letters made single ("kil"); the unit the grammar compares
    position: int  # index in the token list
    source: int  # index of the written word it came from (the same for every language's tokens)


class Speller:
    """One language's step 5 and 6: spelling table, then stems. Built once per compiled grammar."""

    def __init__(self, language: str, spellings: dict[str, str]):
        self.language = language
        self.stemmer = _stemmer(language)
        self.spellings: dict[str, list[str]] = {}
        for written, meant in spellings.items():
            for form in {squeeze(fold(written)), single(fold(written))}:
                if form:
                    self.spellings.setdefault(form, words_of(meant))
        self._keys: dict[str, str] = {}

    def key(self, word: str) -> str:
        if word in (SENTENCE_END, COMMA):
            return word
        cached = self._keys.get(word)
        if cached is None:
            stem = self.stemmer.stemWord(word) if self.stemmer and not _NUMBER_WORD.match(word) else word
            cached = self._keys[word] = single(stem)
            if len(self._keys) > 50_000:
                self._keys.clear()
        return cached

    def respell(self, words: list[str]) -> list[str]:
        return [word for word, _source in self._respelled(words)]

    def _respelled(self, words: list[str]) -> list[tuple[str, int]]:
        out: list[tuple[str, int]] = []
        for source, word in enumerate(words):
            meant = self.spellings.get(word)
            if meant is None and word not in (SENTENCE_END, COMMA):
                meant = self.spellings.get(single(word))
            out.extend((part, source) for part in (meant if meant is not None else [word]))
        return out

    def tokens(self, words: list[str]) -> list[Token]:
        return [Token(word, self.key(word), i, source) for i, (word, source) in enumerate(self._respelled(words))]

    def keys_of_phrase(self, phrase: str) -> list[str]:
        """A grammar word or phrase, in the form the tokens take ("killing myself" → ["kil", "myself"])."""
        return [self.key(word) for word in self.respell(words_of(phrase)) if word not in (SENTENCE_END, COMMA)]

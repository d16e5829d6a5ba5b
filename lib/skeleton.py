"""The confusable skeleton of a string (Unicode TR39, section 4), case-insensitive: two names with the same
skeleton look alike ("Rıver" and "river", Cyrillic "а" and Latin "a", "rn" and "m").

The data is Unicode's confusables.txt as shipped by the pure-Python `confusable-homoglyphs` package. That file
keeps each source ↔ prototype pair both ways; `_prototypes` turns it back into TR39's one-way map (a source has
exactly one prototype; a prototype maps to itself). The map is built once per process (~10,000 entries, a few
milliseconds).
"""

import json
import unicodedata
from functools import cache
from importlib import resources

# confusable-homoglyphs wraps right-to-left characters in these marks for display.
_MARKS = str.maketrans("", "", "\u200e\u200f")


def _clean(text: str) -> str:
    return text.translate(_MARKS)


@cache
def _prototypes() -> dict[str, str]:
    raw = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    pairs = {_clean(key): [_clean(entry["c"]) for entry in entries] for key, entries in raw.items()}
    mapping: dict[str, str] = {}
    for char, partners in pairs.items():
        if len(char) != 1 or len(partners) != 1:
            continue  # a sequence, or a prototype with several sources: maps to itself
        partner = partners[0]
        if len(partner) > 1 or len(pairs.get(partner, ())) > 1:
            mapping[char] = partner  # a source of a multi-character or shared prototype
        elif partner != char:
            # A pair alone: the data does not say which is the prototype, and either gives the same equality.
            mapping[char] = min(char, partner)
    return mapping


def _skeleton_once(text: str) -> str:
    table = _prototypes()
    mapped = "".join(table.get(char, char) for char in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def skeleton(text: str) -> str:
    """TR39's skeleton of `text` after NFKC and case folding (as usernames are compared), folded again (a prototype
    may be a capital letter). Folding first means "RIVER" and "river" match, at the cost of "I" and "l"."""
    once = _skeleton_once(unicodedata.normalize("NFKC", text).casefold()).casefold()
    return _skeleton_once(once).casefold()

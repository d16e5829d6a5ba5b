"""Spanish is complete: every message in the catalogue has a translation, none is a machine guess (fuzzy), and the
compiled catalogue is not older than the source."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")


def entries():
    """(msgid, msgstr pieces, flags) for every entry but obsolete ones."""
    text = PO.read_text()
    for block in re.split(r"\n\s*\n", text):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid") for line in lines):
            continue
        flags = " ".join(line for line in lines if line.startswith("#,"))
        msgid = "".join(
            re.findall(
                r'^(?:msgid|")\s*"?(.*)"$',
                "\n".join(text_line for text_line in lines if not text_line.startswith("msgstr")),
                re.M,
            )
        )
        strings, current = [], None
        for line in lines:
            if line.startswith("msgstr"):
                current = [line.split('"', 1)[1].rsplit('"', 1)[0]]
                strings.append(current)
            elif line.startswith('"') and current is not None:
                current.append(line[1:-1])
        yield msgid, ["".join(parts) for parts in strings], flags


def test_every_message_is_translated_and_none_is_fuzzy():
    found = list(entries())
    assert len(found) > 1000
    messages = found[1:]  # the first is the catalogue's header
    untranslated = [msgid for msgid, strings, _flags in messages if not strings or not all(strings)]
    fuzzy = [msgid for msgid, _strings, flags in messages if "fuzzy" in flags]
    assert untranslated == [], f"{len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert fuzzy == [], f"{len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"


def test_the_compiled_catalogue_is_there():
    assert MO.exists() and MO.stat().st_size > 50_000

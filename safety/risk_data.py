"""Where each language's risk grammar comes from: the shipped files `safety/data/risk/<language>.json`, copied into
the `RiskWord` and `RiskRule` tables (by migration 0006 and `manage.py load_risk_language`), where operators edit
them in the admin.

A file holds `{"language": "en", "spellings": {written: meant}, "words": {category: [entries]}, "rules": [{"kind",
"pattern", "emergency"?, "note"?}]}`. The same compiler (safety/grammar.py) reads the files (the corpus report and
its test) and the tables (every check on the site), so what is measured is what runs.
"""

import json
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data" / "risk"
SPELLING = "spelling"  # the RiskWord category that holds "written = meant" lines


@dataclass
class LanguageData:
    language: str
    words: dict[str, list[str]]
    spellings: dict[str, str]
    rules: list[dict]


def shipped() -> dict[str, LanguageData]:
    """Every language file, by language code."""
    out = {}
    for path in sorted(DATA_DIR.glob("*.json")):
        raw = json.loads(path.read_text(encoding="utf-8"))
        language = raw.get("language") or path.stem
        rules = []
        for number, rule in enumerate(raw.get("rules", []), 1):
            rules.append({"id": f"{language}:{rule['kind']}:{number}", **rule})
        out[language] = LanguageData(language, raw.get("words", {}), raw.get("spellings", {}), rules)
    return out


def spelling_lines(spellings: dict[str, str]) -> str:
    return "\n".join(f"{written} = {meant}" for written, meant in spellings.items())


def parse_spelling_lines(entries: list[str]) -> dict[str, str]:
    out = {}
    for line in entries:
        written, sep, meant = line.partition("=")
        if sep and written.strip() and meant.strip():
            out[written.strip()] = meant.strip()
    return out


def load_shipped(word_model, rule_model, languages: list[str] | None = None) -> tuple[int, int]:
    """Copy the shipped files into the tables: shipped rows are replaced; rows an operator added or edited
    (`shipped=False`) are kept, and a shipped row is not written over them. Returns (categories, rules) written.
    Takes the models so a migration can pass its historical ones."""
    written_words = written_rules = 0
    for language, data in shipped().items():
        if languages and language not in languages:
            continue
        kept_categories = set(
            word_model.objects.filter(language=language, shipped=False).values_list("category", flat=True)
        )
        word_model.objects.filter(language=language, shipped=True).delete()
        categories = {**data.words, SPELLING: None}
        for category, entries in categories.items():
            if category in kept_categories:
                continue
            text = spelling_lines(data.spellings) if entries is None else "\n".join(entries)
            word_model.objects.create(language=language, category=category, entries=text, shipped=True)
            written_words += 1
        kept_rules = set(rule_model.objects.filter(language=language, shipped=False).values_list("kind", "pattern"))
        rule_model.objects.filter(language=language, shipped=True).delete()
        new_rules = []
        seen = set()
        for rule in data.rules:
            key = (rule["kind"], rule["pattern"])
            if key in kept_rules or key in seen:
                continue
            seen.add(key)
            new_rules.append(
                rule_model(
                    language=language,
                    kind=rule["kind"],
                    pattern=rule["pattern"],
                    emergency=bool(rule.get("emergency")),
                    note=rule.get("note", "")[:200],
                    shipped=True,
                )
            )
        rule_model.objects.bulk_create(new_rules)
        written_rules += len(new_rules)
    return written_words, written_rules


def from_tables(word_model, rule_model) -> dict[str, LanguageData]:
    """The grammar data of every language in the tables (active rules only)."""
    out: dict[str, LanguageData] = {}
    for row in word_model.objects.all():
        data = out.setdefault(row.language, LanguageData(row.language, {}, {}, []))
        entries = [line.strip() for line in row.entries.splitlines() if line.strip()]
        if row.category == SPELLING:
            data.spellings.update(parse_spelling_lines(entries))
        else:
            data.words[row.category] = entries
    for rule in rule_model.objects.filter(is_active=True).order_by("pk"):
        data = out.setdefault(rule.language, LanguageData(rule.language, {}, {}, []))
        data.rules.append(
            {
                "id": f"{rule.language}:{rule.kind}:r{rule.pk}",
                "kind": rule.kind,
                "pattern": rule.pattern,
                "emergency": rule.emergency,
            }
        )
    return out


def seed_tables(apps, schema_editor=None) -> None:
    """Fill the tables from the shipped files (a migration's RunPython, or tests that flushed them)."""
    load_shipped(apps.get_model("safety", "RiskWord"), apps.get_model("safety", "RiskRule"))

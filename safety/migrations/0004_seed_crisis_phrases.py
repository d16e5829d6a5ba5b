"""Seed the crisis language: signals that someone may be at risk and everyday idioms that do not count, in English,
Spanish and Portuguese, from safety/data/crisis_phrases.json (kept as a file so it can be reviewed). Operators edit
them in the admin. The reverse deletes exactly the seeded rows."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "crisis_phrases.json"


def _rows():
    return json.loads(DATA.read_text(encoding="utf-8"))


def seed(apps, schema_editor):
    CrisisPhrase = apps.get_model("safety", "CrisisPhrase")
    existing = set(CrisisPhrase.objects.values_list("language", "kind", "phrase"))
    CrisisPhrase.objects.bulk_create(
        CrisisPhrase(language=row["language"], kind=row["kind"], phrase=row["phrase"], note=row.get("note", ""))
        for row in _rows()
        if (row["language"], row["kind"], row["phrase"]) not in existing
    )


def unseed(apps, schema_editor):
    CrisisPhrase = apps.get_model("safety", "CrisisPhrase")
    for row in _rows():
        CrisisPhrase.objects.filter(language=row["language"], kind=row["kind"], phrase=row["phrase"]).delete()


class Migration(migrations.Migration):
    dependencies = [("safety", "0003_crisis_language_moderation_blocks")]

    operations = [migrations.RunPython(seed, unseed)]

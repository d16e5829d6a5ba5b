"""The risk grammar replaces the phrase list: RiskWord and RiskRule, filled from safety/data/risk/*.json. A phrase an
operator had added to the old list (one not shipped in safety/data/crisis_phrases.json) becomes a rule of its own
words, kept as the operator's (shipped=False): a signal as a suicide rule, an idiom as an idiom."""

import json
import re
from pathlib import Path

from django.db import migrations, models

from safety.risk_data import seed_tables

OLD_DATA = Path(__file__).resolve().parent.parent / "data" / "crisis_phrases.json"


def seed(apps, schema_editor):
    seed_tables(apps)
    RiskRule = apps.get_model("safety", "RiskRule")
    CrisisPhrase = apps.get_model("safety", "CrisisPhrase")
    shipped = {(r["language"], r["kind"], r["phrase"]) for r in json.loads(OLD_DATA.read_text(encoding="utf-8"))}
    for phrase in CrisisPhrase.objects.all():
        if (phrase.language, phrase.kind, phrase.phrase) in shipped:
            continue
        words = re.sub(r"[()|?~@*]", " ", phrase.phrase).split()
        if not words:
            continue
        RiskRule.objects.get_or_create(
            language=phrase.language[:8],
            kind="suicide" if phrase.kind == "signal" else "idiom",
            pattern=" ".join(words),
            defaults={"is_active": phrase.is_active, "note": "From the old phrase list", "shipped": False},
        )


def unseed(apps, schema_editor):
    apps.get_model("safety", "RiskRule").objects.all().delete()
    apps.get_model("safety", "RiskWord").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("safety", "0006_crisis_line_verified_on_and_overdose"),
    ]

    operations = [
        migrations.CreateModel(
            name="RiskRule",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(max_length=8)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("overdose", "Overdose or medical emergency"),
                            ("suicide", "Suicide"),
                            ("self_harm", "Self-harm"),
                            ("harm", "Harm from or to someone else"),
                            ("craving", "Craving or relapse (coping help, not an emergency)"),
                            ("idiom", "Everyday idiom: signals inside it do not count"),
                            ("past", "Long ago: a sentence with it is testimony"),
                            (
                                "about",
                                "Talk about the subject (news, a film, a lyric): not an alert unless an emergency",
                            ),
                            ("recent", "Recent: cancels a 'long ago' in the sentence"),
                            ("not_negation", "A negative word here does not negate"),
                        ],
                        max_length=12,
                    ),
                ),
                (
                    "pattern",
                    models.TextField(
                        help_text="Words, @categories, a|b single-word choices, (a b|c d) phrase choices, x? optional, ~3 a gap."
                    ),
                ),
                ("emergency", models.BooleanField(default=False, help_text="Call the emergency number now.")),
                ("is_active", models.BooleanField(default=True)),
                ("shipped", models.BooleanField(default=False, editable=False)),
                ("note", models.CharField(blank=True, max_length=200)),
            ],
            options={
                "ordering": ["language", "kind", "pk"],
            },
        ),
        migrations.CreateModel(
            name="RiskWord",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("language", models.CharField(help_text="A language code: en, es, pt…", max_length=8)),
                (
                    "category",
                    models.SlugField(help_text="Named in rules as @category, e.g. @self, @means.", max_length=40),
                ),
                ("entries", models.TextField(help_text="One per line. A phrase is several words; a prefix ends in *.")),
                ("shipped", models.BooleanField(default=False, editable=False)),
                ("note", models.CharField(blank=True, max_length=200)),
            ],
            options={
                "ordering": ["language", "category"],
            },
        ),
        migrations.AddConstraint(
            model_name="riskrule",
            constraint=models.UniqueConstraint(fields=("language", "kind", "pattern"), name="one_risk_rule"),
        ),
        migrations.AddConstraint(
            model_name="riskword",
            constraint=models.UniqueConstraint(fields=("language", "category"), name="one_risk_word_category"),
        ),
        migrations.RunPython(seed, unseed),
        migrations.DeleteModel(
            name="CrisisPhrase",
        ),
    ]

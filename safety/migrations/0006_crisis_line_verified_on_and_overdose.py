"""Lines get a `verified_on` date and an "overdose" kind; add and update the lines checked for the risk-language note
(shared/notes/risk-language.md §3, read on 2026-11-01). Only numbers (and only websites among its sources) that note marks verified are added here, and
only those rows get a date; the other rows stay as they were (verified_on empty: check them by hand)."""

import datetime
import importlib

from django.db import migrations, models

VERIFIED_ON = datetime.date(2026, 11, 1)

LINES = [
    # country, country name, kind, name, description, phone, text, website, hours, languages, order
    ("US", "United States", "emergency", "Emergency services", "Police, fire and ambulance.", "911", "", "", "24/7",
     "", 10),
    ("US", "United States", "crisis", "988 Suicide & Crisis Lifeline",
     "Free and confidential support for anyone in distress, including with substance use.",
     "988", "988", "https://988lifeline.org", "24/7", "English, Spanish", 10),
    ("US", "United States", "crisis", "Crisis Text Line", "Text a trained crisis counselor, free.", "", "741741",
     "", "24/7", "English", 20),
    ("US", "United States", "overdose", "Never Use Alone",
     "If you are going to use alone, call: someone stays on the line and sends help if you stop responding. "
     "Any state. No judgment.", "1-800-484-3731", "", "https://neverusealone.com", "24/7", "English", 10),
    ("US", "United States", "addiction", "SAMHSA National Helpline",
     "Free, confidential treatment referral and information about substance use.",
     "1-800-662-4357", "", "https://www.samhsa.gov/find-help/helplines/national-helpline", "24/7",
     "English, Spanish", 20),
    ("CA", "Canada", "emergency", "Emergency services", "Police, fire and ambulance.", "911", "", "", "24/7", "", 10),
    ("CA", "Canada", "crisis", "9-8-8 Suicide Crisis Helpline", "Call or text for support in English or French.",
     "988", "988", "https://988.ca", "24/7", "English, French", 10),
    ("CA", "Canada", "overdose", "National Overdose Response Service (NORS)",
     "If you are going to use alone, call: a peer stays on the line and sends help if you stop responding.",
     "1-888-688-6677", "", "", "24/7", "English, French", 10),
    ("GB", "United Kingdom", "emergency", "Emergency services", "Police, fire and ambulance.", "999", "", "", "24/7",
     "", 10),
    ("GB", "United Kingdom", "crisis", "Samaritans", "Someone to talk to, whatever you're going through.",
     "116 123", "", "https://www.samaritans.org", "24/7", "English", 10),
    ("IE", "Ireland", "crisis", "Samaritans Ireland", "Someone to talk to, whatever you're going through.",
     "116 123", "", "https://www.samaritans.org/ireland/", "24/7", "English", 10),
    ("ES", "España", "emergency", "Emergencias", "Policía, bomberos y ambulancia.", "112", "", "", "24/7", "", 10),
    ("ES", "España", "crisis", "Línea 024", "Atención a la conducta suicida: gratuita, confidencial.", "024", "",
     "https://www.sanidad.gob.es/linea024/", "24/7", "Español", 10),
    ("ES", "España", "crisis", "Teléfono de la Esperanza", "Alguien con quien hablar en una crisis.",
     "717 003 717", "", "", "24/7", "Español", 20),
    ("MX", "México", "emergency", "Emergencias", "Policía, bomberos y ambulancia.", "911", "", "", "24/7", "", 10),
    ("MX", "México", "crisis", "Línea de la Vida",
     "Orientación gratuita y confidencial sobre salud mental, adicciones y apoyo en crisis.", "800 911 2000", "",
     "https://www.gob.mx/salud/conadic", "24/7", "Español", 10),
    ("BR", "Brasil", "emergency", "SAMU", "Urgência médica, também intoxicação e tentativa de suicídio.", "192", "",
     "", "24/7", "", 10),
    ("BR", "Brasil", "crisis", "CVV – Centro de Valorização da Vida", "Apoio emocional e prevenção do suicídio, "
     "gratuito.", "188", "", "", "24/7", "Português", 10),
    ("PT", "Portugal", "emergency", "Emergência", "Número europeu de emergência.", "112", "", "", "24/7", "", 10),
    ("PT", "Portugal", "crisis", "Linha de Prevenção do Suicídio", "Linha nacional, gratuita.", "1411", "", "",
     "24/7", "Português", 10),
    ("PT", "Portugal", "crisis", "SNS 24: aconselhamento psicológico", "Ligue e escolha a opção 4.",
     "808 24 24 24", "", "https://www.sns24.gov.pt/en/servico/aconselhamento-psicologico-no-sns-24/", "24/7",
     "Português", 20),
    ("PT", "Portugal", "support", "SOS Voz Amiga", "Alguém com quem falar.", "213 544 545", "", "",
     "15:30–00:30", "Português", 10),
    ("AR", "Argentina", "crisis", "Centro de Asistencia al Suicida", "Línea nacional, gratuita.", "0800 345 1435", "",
     "", "24/7", "Español", 10),
    ("AR", "Argentina", "crisis", "Centro de Asistencia al Suicida (CABA y GBA)",
     "En la Ciudad y el Gran Buenos Aires.", "135", "", "", "24/7", "Español", 20),
    ("AR", "Argentina", "crisis", "Línea de salud mental", "Línea nacional de salud mental, gratuita.",
     "0800 999 0091", "", "", "24/7", "Español", 30),
    ("AU", "Australia", "emergency", "Emergency services", "Police, fire and ambulance (112 also works from mobiles).",
     "000", "", "", "24/7", "", 10),
    ("AU", "Australia", "crisis", "Suicide Call Back Service", "Free counselling for anyone affected by suicide.",
     "1300 659 467", "", "", "24/7", "English", 20),
    ("AU", "Australia", "overdose", "Poisons Information Centre", "Advice about a poisoning or an overdose.",
     "13 11 26", "", "", "24/7", "English", 10),
]

# Rows whose phone number the note verified but that carry a number it did not: updated for the phone only, their
# other numbers left as they are, and no verified_on date (Lifeline's text number 0477 13 11 14 needs a check).
PHONE_ONLY = [("AU", "Lifeline", "13 11 14")]

FIELDS = ("country", "country_name", "kind", "name", "description", "phone", "text", "website", "hours",
          "languages", "order")


def seed(apps, schema_editor):
    CrisisLine = apps.get_model("safety", "CrisisLine")
    for row in LINES:
        values = dict(zip(FIELDS, row, strict=True))
        values["verified_on"] = VERIFIED_ON
        values["is_active"] = True
        CrisisLine.objects.update_or_create(country=values["country"], name=values["name"], defaults=values)
    for country, name, phone in PHONE_ONLY:
        CrisisLine.objects.filter(country=country, name=name).update(phone=phone)


def unseed(apps, schema_editor):
    """Remove the rows this migration added (0002's rows stay, with this migration's edits)."""
    CrisisLine = apps.get_model("safety", "CrisisLine")
    earlier = importlib.import_module("safety.migrations.0002_seed_crisis_lines")
    seeded = {(row[0], row[3]) for row in earlier.LINES}
    for row in LINES:
        if (row[0], row[3]) not in seeded:
            CrisisLine.objects.filter(country=row[0], name=row[3]).delete()


class Migration(migrations.Migration):
    dependencies = [("safety", "0005_moderation_and_blocks_move_out")]

    operations = [
        migrations.AddField(
            model_name="crisisline",
            name="verified_on",
            field=models.DateField(
                blank=True,
                help_text="When someone last checked these numbers against the line's own source.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="crisisline",
            name="kind",
            field=models.CharField(
                choices=[
                    ("emergency", "Emergency services"),
                    ("crisis", "Crisis and suicide prevention"),
                    ("overdose", "Overdose: never use alone"),
                    ("addiction", "Drug and alcohol helpline"),
                    ("support", "Someone to talk to"),
                ],
                max_length=12,
            ),
        ),
        migrations.RunPython(seed, unseed),
    ]

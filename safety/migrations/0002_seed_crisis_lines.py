"""Seed the Get help page with well-known free lines. Operators edit or extend them in the admin."""

from django.db import migrations

LINES = [
    # country, country name, kind, name, description, phone, text, website, hours, languages, order
    ("US", "United States", "crisis", "988 Suicide & Crisis Lifeline",
     "Free and confidential support for anyone in distress, including with substance use.",
     "988", "988", "https://988lifeline.org", "24/7", "English, Spanish", 10),
    ("US", "United States", "addiction", "SAMHSA National Helpline",
     "Free, confidential treatment referral and information about substance use.",
     "1-800-662-4357", "", "https://www.samhsa.gov/find-help/helplines/national-helpline", "24/7",
     "English, Spanish", 20),
    ("US", "United States", "emergency", "Emergency services", "Police, fire and ambulance.", "911", "", "", "24/7", "",
     30),
    ("GB", "United Kingdom", "crisis", "Samaritans", "Someone to talk to, whatever you're going through.",
     "116 123", "", "https://www.samaritans.org", "24/7", "English", 10),
    ("GB", "United Kingdom", "addiction", "FRANK", "Honest information and advice about drugs.",
     "0300 123 6600", "82111", "https://www.talktofrank.com", "24/7", "English", 20),
    ("GB", "United Kingdom", "emergency", "Emergency services", "Police, fire and ambulance.", "999", "", "", "24/7",
     "", 30),
    ("IE", "Ireland", "crisis", "Samaritans Ireland", "Someone to talk to, whatever you're going through.",
     "116 123", "", "https://www.samaritans.org/ireland/", "24/7", "English", 10),
    ("IE", "Ireland", "emergency", "Emergency services", "Police, fire and ambulance.", "112", "", "", "24/7", "", 30),
    ("CA", "Canada", "crisis", "9-8-8 Suicide Crisis Helpline", "Call or text for support in English or French.",
     "988", "988", "https://988.ca", "24/7", "English, French", 10),
    ("CA", "Canada", "emergency", "Emergency services", "Police, fire and ambulance.", "911", "", "", "24/7", "", 30),
    ("AU", "Australia", "crisis", "Lifeline", "Crisis support and suicide prevention.", "13 11 14", "0477 13 11 14",
     "https://www.lifeline.org.au", "24/7", "English", 10),
    ("AU", "Australia", "addiction", "National Alcohol and Other Drug Hotline",
     "Free, confidential advice about alcohol and other drugs.", "1800 250 015", "",
     "https://www.health.gov.au/contacts/national-alcohol-and-other-drug-hotline", "24/7", "English", 20),
    ("AU", "Australia", "emergency", "Emergency services", "Police, fire and ambulance.", "000", "", "", "24/7", "",
     30),
    ("NZ", "New Zealand", "crisis", "Need to talk? 1737", "Call or text 1737 to talk with a trained counsellor.",
     "1737", "1737", "https://1737.org.nz", "24/7", "English", 10),
    ("NZ", "New Zealand", "addiction", "Alcohol Drug Helpline", "Free, confidential help about drinking or drug use.",
     "0800 787 797", "8681", "https://alcoholdrughelp.org.nz", "24/7", "English", 20),
    ("NZ", "New Zealand", "emergency", "Emergency services", "Police, fire and ambulance.", "111", "", "", "24/7", "",
     30),
    ("MX", "México", "addiction", "Línea de la Vida",
     "Orientación gratuita y confidencial sobre adicciones y apoyo en crisis.", "800 911 2000", "",
     "https://www.gob.mx/salud/conadic", "24/7", "Español", 10),
    ("MX", "México", "emergency", "Emergencias", "Policía, bomberos y ambulancia.", "911", "", "", "24/7", "", 30),
    ("ES", "España", "crisis", "Línea 024", "Atención a la conducta suicida: gratuita, confidencial.", "024", "",
     "https://www.sanidad.gob.es/linea024/", "24/7", "Español", 10),
    ("ES", "España", "emergency", "Emergencias", "Policía, bomberos y ambulancia.", "112", "", "", "24/7", "", 30),
    ("DE", "Deutschland", "crisis", "TelefonSeelsorge", "Anonyme Beratung, kostenlos, rund um die Uhr.",
     "0800 111 0 111", "", "https://www.telefonseelsorge.de", "24/7", "Deutsch", 10),
    ("DE", "Deutschland", "emergency", "Notruf", "Polizei, Feuerwehr und Rettungsdienst.", "112", "", "", "24/7", "",
     30),
    ("ZZ", "Anywhere else", "support", "Find a Helpline",
     "A directory of free, confidential helplines in many countries.", "", "", "https://findahelpline.com", "", "",
     10),
]

FIELDS = ("country", "country_name", "kind", "name", "description", "phone", "text", "website", "hours",
          "languages", "order")


def seed(apps, schema_editor):
    CrisisLine = apps.get_model("safety", "CrisisLine")
    for row in LINES:
        values = dict(zip(FIELDS, row, strict=True))
        CrisisLine.objects.get_or_create(country=values["country"], name=values["name"], defaults=values)


def unseed(apps, schema_editor):
    CrisisLine = apps.get_model("safety", "CrisisLine")
    for row in LINES:
        CrisisLine.objects.filter(country=row[0], name=row[3]).delete()


class Migration(migrations.Migration):
    dependencies = [("safety", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

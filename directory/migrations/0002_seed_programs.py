"""The fellowships and programs PeerHaven knows from the start. Operators add local ones in the admin."""

from django.db import migrations

PROGRAMS = [
    # slug, name, short name, philosophy, who may attend
    ("aa", "Alcoholics Anonymous", "AA", "twelve_step",
     "Open meetings: anyone. Closed meetings: anyone with a desire to stop drinking."),
    ("na", "Narcotics Anonymous", "NA", "twelve_step",
     "Open meetings: anyone. Closed meetings: anyone with a desire to stop using."),
    ("al-anon", "Al-Anon Family Groups", "Al-Anon", "twelve_step",
     "Family and friends of people with a drinking problem; Alateen for young people."),
    ("ca", "Cocaine Anonymous", "CA", "twelve_step", "Anyone with a desire to stop using cocaine and all other "
     "mind-altering substances."),
    ("smart", "SMART Recovery", "SMART", "secular", "Anyone who wants to change an addictive behaviour."),
    ("celebrate-recovery", "Celebrate Recovery", "CR", "faith_based",
     "Anyone with any hurt, habit or hang-up; Christ-centred."),
    ("wfs", "Women for Sobriety", "WFS", "secular", "Women who want to stop drinking or using."),
    ("recovery-dharma", "Recovery Dharma / Refuge Recovery", "Dharma", "buddhist",
     "Anyone recovering from any addiction, using Buddhist practice."),
    ("lifering", "LifeRing Secular Recovery", "LifeRing", "secular", "Anyone who wants to live free of alcohol "
     "and other drugs."),
    ("eda", "Eating Disorders Anonymous", "EDA", "twelve_step", "Anyone who wants to recover from an eating "
     "disorder."),
    ("peer-led", "Local peer-led group", "Peer-led", "peer_led", "As each group says."),
]


def seed(apps, schema_editor):
    Program = apps.get_model("directory", "Program")
    for slug, name, short_name, philosophy, who in PROGRAMS:
        Program.objects.get_or_create(
            slug=slug,
            defaults={"name": name, "short_name": short_name, "philosophy": philosophy, "who_may_attend": who},
        )


def unseed(apps, schema_editor):
    apps.get_model("directory", "Program").objects.filter(slug__in=[p[0] for p in PROGRAMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]

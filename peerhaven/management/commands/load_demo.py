"""Load invented demo data: members, groups and meetings. Safe to run again; it updates in place.

No person, group or meeting here is real. The fellowships themselves come from a migration.
"""

from datetime import time

from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.models import User, Visibility
from accounts.services import connect, update_profile
from directory.models import FeedFormat, Meeting, Program, Source
from groups.models import Group, GroupKind, GroupRole, GroupVisibility, Membership

DEMO_PASSWORD = "peerhaven-demo-2026"

MEMBERS = [
    # username, display name, pronouns, time zone, fellowships, languages
    ("river", "River", "they/them", "America/Chicago", ["aa"], ["en"]),
    ("maya", "Maya K.", "she/her", "America/New_York", ["smart"], ["en", "es"]),
    ("tomas", "Tomás", "he/him", "America/Los_Angeles", ["na", "aa"], ["es", "en"]),
    ("june", "June", "she/her", "Europe/London", ["wfs"], ["en"]),
    ("ash", "Ash", "", "Australia/Sydney", ["recovery-dharma"], ["en"]),
]

GROUPS = [
    (
        "lakeside-home-group",
        "Lakeside Home Group",
        "aa",
        GroupKind.HOME_GROUP,
        GroupVisibility.OPEN,
        "A friendly home group for people in AA. Newcomers welcome.",
        "Anyone with a desire to stop drinking.",
    ),
    (
        "tools-not-rules",
        "Tools, Not Rules",
        "smart",
        GroupKind.SMART,
        GroupVisibility.OPEN,
        "Practising SMART tools together between meetings.",
        "Anyone working on an addictive behaviour.",
    ),
    (
        "women-at-dawn",
        "Women at Dawn",
        "wfs",
        GroupKind.WOMEN_ONLY,
        GroupVisibility.REQUEST,
        "Early-morning check-ins for women in recovery.",
        "Women, including trans women, in recovery.",
    ),
    (
        "quiet-harbour",
        "Quiet Harbour",
        None,
        GroupKind.PEER_LED,
        GroupVisibility.UNLISTED,
        "A small invitation-only circle.",
        "By invitation from a member.",
    ),
]

# fmt: off
MEETINGS = [
    # program, name, day (0=Sunday), time, minutes, zone, location, address, (lat, lon), conference URL, phone,
    # types. Names, places and links are invented; the towns' coordinates are only roughly right.
    ("aa", "Lakeside Serenity", 1, time(19, 0), 60, "America/Chicago", "Lakeside Community Hall",
     "12 Example Street, Springfield, IL 62701, USA", (39.80, -89.65), "", "", ["O", "D", "BE"]),
    ("aa", "Early Birds Online", 2, time(7, 0), 60, "America/New_York", "", "", None,
     "https://meet.jit.si/peerhaven-demo-early-birds", "", ["O", "D"]),
    ("na", "Just for Today Hybrid", 3, time(20, 0), 90, "America/Los_Angeles", "St. Example Church",
     "400 Sample Avenue, Riverton, CA 95001, USA", (36.97, -122.03), "https://meet.jit.si/peerhaven-demo-jft",
     "+1 555 010 0100", ["O", "JFT"]),
    ("smart", "SMART Tuesday Tools", 2, time(18, 30), 90, "America/New_York", "", "", None,
     "https://meet.jit.si/peerhaven-demo-smart", "", ["O"]),
    ("wfs", "New Life Circle", 4, time(10, 0), 60, "Europe/London", "Library meeting room",
     "1 Placeholder Road, Exampleton, EX1 1AA, UK", (51.51, -0.13), "", "", ["W"]),
    ("recovery-dharma", "Sunday Sit and Share", 0, time(17, 0), 75, "Australia/Sydney", "", "", None,
     "https://meet.jit.si/peerhaven-demo-dharma", "", ["MI"]),
    ("aa", "Grupo Nueva Esperanza", 5, time(21, 0), 60, "America/Chicago", "Centro Comunitario",
     "88 Calle Ejemplo, Springfield, IL 62702, USA", (39.79, -89.64), "", "", ["O", "S"]),
    ("aa", "Midnight Owls", 6, time(23, 30), 60, "America/Chicago", "", "", None,
     "https://meet.jit.si/peerhaven-demo-owls", "", ["O"]),
]
# fmt: on


class Command(BaseCommand):
    help = "Load invented demo members, groups and meetings (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        programs = {p.slug: p for p in Program.objects.all()}
        users = {}
        for username, display, pronouns, zone, fellowships, languages in MEMBERS:
            user, created = User.objects.get_or_create(username=username, defaults={"display_name": display})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            update_profile(
                user,
                fellowships=[programs[s] for s in fellowships],
                display_name=display,
                pronouns=pronouns,
                time_zone=zone,
                languages=languages,
                pronouns_visibility=Visibility.MEMBERS,
                fellowships_visibility=Visibility.MEMBERS,
            )
            users[username] = user
        connect(users["river"], users["maya"])

        for slug, name, program, kind, visibility, description, eligibility in GROUPS:
            group, _created = Group.objects.update_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "program": programs.get(program) if program else None,
                    "kind": kind,
                    "visibility": visibility,
                    "description": description,
                    "eligibility": eligibility,
                },
            )
            for index, user in enumerate(users.values()):
                if visibility == GroupVisibility.UNLISTED and index > 1:
                    continue
                role = GroupRole.FACILITATOR if index == 0 else GroupRole.MEMBER
                Membership.objects.get_or_create(group=group, user=user, defaults={"role": role})

        demo_source, _created = Source.objects.update_or_create(
            slug="demo", defaults={"name": "Demo meetings (invented)", "format": FeedFormat.MANUAL}
        )
        for program, name, day, start, minutes, zone, location, address, point, url, phone, types in MEETINGS:
            Meeting.objects.update_or_create(
                source=demo_source,
                source_key=name.lower().replace(" ", "-"),
                day=day,
                defaults={
                    "name": name,
                    "program": programs[program],
                    "latitude": point[0] if point else None,
                    "longitude": point[1] if point else None,
                    "time": start,
                    "duration_minutes": minutes,
                    "timezone": zone,
                    "location_name": location,
                    "formatted_address": address,
                    "conference_url": url,
                    "conference_phone": phone,
                    "types": types,
                },
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(users)} members, {len(GROUPS)} groups, {len(MEETINGS)} meetings.\n"
                f"Log in as 'river' (or maya, tomas, june, ash) with the password '{DEMO_PASSWORD}'."
            )
        )

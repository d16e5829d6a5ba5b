"""Load invented demo data: members, groups and meetings. Safe to run again; it updates in place.

No person, group or meeting here is real. The fellowships themselves come from a migration.
"""

from datetime import time, timedelta
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import User, Visibility
from accounts.services import connect, update_profile
from directory.models import FeedFormat, Meeting, Program, Source
from groups.models import Group, GroupKind, GroupRole, GroupVisibility, Guidelines, Membership, Thread
from groups.services.discussion import react, reply, start_thread
from groups.services.groups import accept_guidelines, publish_guidelines
from journey.checkup import QUESTIONS
from journey.models import Counter, today_for
from journey.services import attendance, checkins, checkups, counters, goals, journal, plan
from moderation.alerts import raise_at_risk_alert
from moderation.models import Report, RiskKind

DEMO_PASSWORD = "peerhaven-demo-2026"

MEMBERS = [
    # username, display name, pronouns, time zone, fellowships, languages
    ("river", "River", "they/them", "America/Chicago", ["aa"], ["en"]),
    ("maya", "Maya K.", "she/her", "America/New_York", ["smart"], ["en", "es"]),
    ("tomas", "Tomás", "he/him", "America/Los_Angeles", ["na", "aa"], ["es", "en"]),
    ("june", "June", "she/her", "Europe/London", ["wfs"], ["en"]),
    ("ash", "Ash", "", "Australia/Sydney", ["recovery-dharma"], ["en"]),
]

# A profile country (for which help lines come first); the others find theirs from their time zone.
COUNTRIES = {"river": "US"}

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
                country=COUNTRIES.get(username, ""),
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
        _demo_recovery(users["river"])
        _demo_groups(users)
        _demo_alert(users)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {len(users)} members, {len(GROUPS)} groups, {len(MEETINGS)} meetings.\n"
                f"Log in as 'river' (or maya, tomas, june, ash) with the password '{DEMO_PASSWORD}'."
            )
        )


def _demo_recovery(user) -> None:
    """Sixty invented days of River's own recovery, so that "My recovery" has something to show. Only once."""
    if Counter.objects.filter(user=user).exists():
        return
    today = today_for(user)
    counter = counters.create_counter(
        user,
        pathway="alcohol",
        start_date=today - timedelta(days=200),
        cost_per_day=Decimal("12.50"),
        currency="USD",
        why="To be there for my kids, and for me.",
        today=today,
    )
    counters.record_slip(counter, slip_date=today - timedelta(days=38), learned="Call before, not after.", today=today)
    for n in range(60, -1, -1):
        if n % 7 == 3:
            continue  # a few days without a check-in, as in life
        wave = (n * 7) % 5
        checkins.record_checkin(
            user,
            today=today,
            date=today - timedelta(days=n),
            mood=2 + wave % 4,
            craving=max(0, 7 - n // 6 - wave),
            tired=n % 4 == 0,
            lonely=n % 9 == 0,
            went_to_meeting=n % 3 == 0,
            reached_out=n % 2 == 0,
            health=2 + (60 - n) // 20,
            home=3,
            purpose=2 + wave % 3,
            community=2 + (60 - n) // 25,
            triggers=["payday"] if n % 14 == 0 else [],
        )
    for n in range(0, 56, 3):
        attendance.record_attendance(user, today=today, date=today - timedelta(days=n), name="Tuesday Serenity (demo)")
    walk = goals.create_goal(user, today=today, domain="health", title="Walk three times a week")
    for text in ("Find walking shoes", "Walk around the block", "Walk with Maya on Saturday"):
        goals.add_step(walk, text=text)
    goals.toggle_step(walk.steps.order_by("position", "pk")[0])
    goals.create_goal(user, today=today, domain="community", title="Give a share at my home group", progress=30)
    checkups.record_checkup(user, today=today, answers={q.key: 2 + i % 3 for i, q in enumerate(QUESTIONS)})
    plan.save_plan(
        user,
        warning_signs="Skipping meals, staying in, not answering the phone.",
        triggers=[{"trigger": "Payday", "response": "Pay the bills first; call Maya."}],
        people=[{"name": "Maya (sponsor)", "phone": "+1 555 0100", "note": "any time"}],
        reasons="My kids. Waking up clear.",
        crisis_plan="Call Maya, then the helpline on the Get help page.",
    )
    journal.create_entry(
        user,
        today=today,
        title="Three good things",
        tags=["gratitude"],
        mood=4,
        prompt="gratitude",
        body="Coffee with Maya. The walk in the rain. My daughter laughing at dinner.",
    )


DEMO_GUIDELINES = """1. What is said here stays here. Don't share anyone's story or name outside the group.
2. Speak from your own experience: "I", not "you should".
3. Be kind. Disagree gently, never about a person.
4. No selling, no promotion, no advice about medication: that is for professionals.
5. If you are worried about someone, use "Report" and choose "Someone may be at risk"."""


def _demo_groups(users) -> None:
    """Guidelines, accepted by every member, and a first conversation in the open groups. Only once per group."""
    meetings = {"lakeside-home-group": "Lakeside Serenity", "tools-not-rules": "SMART Tuesday Tools"}
    for group in Group.objects.filter(slug__in=[g[0] for g in GROUPS]):
        if group.slug in meetings:
            group.meetings.add(*Meeting.objects.filter(source__slug="demo", name=meetings[group.slug]))
        if not Guidelines.objects.filter(group=group).exists():
            guidelines = publish_guidelines(group, users["river"], DEMO_GUIDELINES)
            for membership in Membership.objects.filter(group=group):
                accept_guidelines(membership, guidelines.version)
        if group.visibility == GroupVisibility.UNLISTED or Thread.objects.filter(group=group).exists():
            continue
        thread = start_thread(
            users["maya"],
            group,
            title="How do you get through the evenings?",
            body="Evenings are the hardest for me. What helps you? For me it's a walk and calling someone.",
        )
        first = reply(users["river"], thread, body="Cooking something new. And this group, honestly.")
        react(users["maya"], first, "thank_you")
        reply(users["june"], thread, body="Tea, a bath and an early night. **Early** is the key word for me.")


def _demo_alert(users) -> None:
    """An open at-risk alert in Lakeside's moderation queue (River facilitates it), waiting a few minutes, so the
    queue shows how an alert looks: the kind of risk, the time waiting, "I'll take this". Only once."""
    group = Group.objects.filter(slug="lakeside-home-group").first()
    if group is None or Report.objects.filter(group=group, member=users["ash"], priority=True).exists():
        return
    report = raise_at_risk_alert(
        users["ash"], group=group, kind=RiskKind.SUICIDE, detail="Found by the crisis-language check (demo)."
    )
    report.created_at = timezone.now() - timedelta(minutes=7)
    report.save(update_fields=["created_at"])

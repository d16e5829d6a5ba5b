"""Send event reminders a stopped worker missed (safe to run often, e.g. every 15 minutes from cron)."""

from django.core.management.base import BaseCommand

from groups.tasks import send_due_event_reminders


class Command(BaseCommand):
    help = "Remind members going to events starting soon whose reminder has not been sent."

    def handle(self, *args, **options):
        outcomes = send_due_event_reminders()
        summary = ", ".join(f"{name}: {count}" for name, count in sorted(outcomes.items())) or "nothing due"
        self.stdout.write(summary)

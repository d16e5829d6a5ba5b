"""Send every check-in reminder whose moment has passed, and queue the next ones.

A safety net for a task worker that was down: run it every few minutes from cron or a timer. Running it twice, or
alongside the worker, sends nothing twice (see `journey.tasks`).
"""

from django.core.management.base import BaseCommand

from journey.tasks import send_due_reminders


class Command(BaseCommand):
    help = "Send the check-in reminders that are due and queue the next ones (safe to run repeatedly)."

    def handle(self, *args, **options):
        outcomes = send_due_reminders()
        summary = ", ".join(f"{count} {outcome}" for outcome, count in sorted(outcomes.items())) or "none due"
        self.stdout.write(f"Check-in reminders: {summary}.")

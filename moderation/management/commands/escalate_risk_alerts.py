"""Tell the site's moderators of every at-risk alert still open and not taken after RISK_ALERT_ESCALATE_MINUTES.

A safety net for a task worker that was down: run it every minute or two from cron or a timer. Running it twice, or
alongside the worker, tells nobody twice (see `moderation.tasks`).
"""

from django.core.management.base import BaseCommand

from moderation.tasks import escalate_due_alerts


class Command(BaseCommand):
    help = "Escalate the at-risk alerts nobody has taken in time to the site's moderators (safe to run repeatedly)."

    def handle(self, *args, **options):
        count = escalate_due_alerts()
        self.stdout.write(f"At-risk alerts escalated: {count}.")

from django.core.management.base import BaseCommand

from api.models import IdempotencyKey


class Command(BaseCommand):
    help = "Forget Idempotency-Keys older than 24 hours."

    def handle(self, *args, **options):
        deleted, _ = IdempotencyKey.objects.expired().delete()
        self.stdout.write(f"{deleted} expired idempotency keys removed")

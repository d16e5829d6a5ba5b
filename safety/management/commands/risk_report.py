from django.core.management.base import BaseCommand, CommandError

from safety.risk_report import report


class Command(BaseCommand):
    help = (
        "Recall and false positives of the shipped risk grammar on the corpus (safety/corpus), per kind and language."
    )

    def add_arguments(self, parser):
        parser.add_argument("--half", choices=["report", "tune", "all"], default="report")
        parser.add_argument("--language", default=None)
        parser.add_argument("--show", type=int, default=0, help="List up to N misses and false positives.")

    def handle(self, *args, half, language, show, **options):
        text, ok = report(half, language, show)
        self.stdout.write(text)
        if not ok:
            raise CommandError("the targets are not met")

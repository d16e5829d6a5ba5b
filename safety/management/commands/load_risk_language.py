from django.core.management.base import BaseCommand

from safety.crisis import forget_grammar
from safety.models import RiskRule, RiskWord
from safety.risk_data import load_shipped


class Command(BaseCommand):
    help = (
        "Copy the shipped risk grammar (safety/data/risk/*.json) into the tables after an upgrade. Rows an operator "
        "added or edited in the admin are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="*", help="Only these language codes (default: every file).")

    def handle(self, *args, languages, **options):
        words, rules = load_shipped(RiskWord, RiskRule, languages or None)
        forget_grammar()
        self.stdout.write(f"Loaded {words} word categories and {rules} rules.")

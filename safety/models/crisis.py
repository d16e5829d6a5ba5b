"""Risk language, kept as data an operator can edit: the word categories and rules of each language's grammar
(see safety/grammar.py for what they mean and safety/crisis.py for how they are used).

The shipped grammar lives in `safety/data/risk/<language>.json`; migrations and `manage.py load_risk_language`
copy it here with `shipped=True`. A row an operator adds or edits in the admin has `shipped=False` and is never
overwritten by a later load. A new language is new rows (or a new file): nothing in the code names a language
except the choice of Snowball stemmer (safety/language.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RuleKind(models.TextChoices):
    OVERDOSE = "overdose", _("Overdose or medical emergency")
    SUICIDE = "suicide", _("Suicide")
    SELF_HARM = "self_harm", _("Self-harm")
    HARM = "harm", _("Harm from or to someone else")
    CRAVING = "craving", _("Craving or relapse (coping help, not an emergency)")
    IDIOM = "idiom", _("Everyday idiom: signals inside it do not count")
    PAST = "past", _("Long ago: a sentence with it is testimony")
    ABOUT = "about", _("Talk about the subject (news, a film, a lyric): not an alert unless an emergency")
    RECENT = "recent", _("Recent: cancels a 'long ago' in the sentence")
    NOT_NEGATION = "not_negation", _("A negative word here does not negate")


class RiskWord(models.Model):
    """One category of one language: its entries, one per line (a word, a phrase, or a prefix ending in *). The
    category `spelling` holds `written = meant` lines (shorthand, contractions, misspellings)."""

    language = models.CharField(max_length=8, help_text="A language code: en, es, pt…")
    category = models.SlugField(max_length=40, help_text="Named in rules as @category, e.g. @self, @means.")
    entries = models.TextField(help_text="One per line. A phrase is several words; a prefix ends in *.")
    shipped = models.BooleanField(default=False, editable=False)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["language", "category"]
        constraints = [models.UniqueConstraint(fields=["language", "category"], name="one_risk_word_category")]

    def __str__(self) -> str:
        return f"[{self.language}] @{self.category}"

    def entry_list(self) -> list[str]:
        return [line.strip() for line in self.entries.splitlines() if line.strip()]


class RiskRule(models.Model):
    language = models.CharField(max_length=8)
    kind = models.CharField(max_length=12, choices=RuleKind)
    pattern = models.TextField(
        help_text="Words, @categories, a|b single-word choices, (a b|c d) phrase choices, x? optional, ~3 a gap."
    )
    emergency = models.BooleanField(default=False, help_text="Call the emergency number now.")
    is_active = models.BooleanField(default=True)
    shipped = models.BooleanField(default=False, editable=False)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["language", "kind", "pk"]
        constraints = [models.UniqueConstraint(fields=["language", "kind", "pattern"], name="one_risk_rule")]

    def __str__(self) -> str:
        return f"[{self.language}/{self.kind}] {self.pattern}"

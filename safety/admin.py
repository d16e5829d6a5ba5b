from django import forms
from django.contrib import admin

from .grammar import GrammarError, compile_grammar
from .models import CrisisLine, RiskRule, RiskWord
from .risk_data import from_tables


@admin.register(CrisisLine)
class CrisisLineAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind", "phone", "text", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["country", "kind", "is_active"]
    search_fields = ["name", "country_name", "description"]


class RiskRuleForm(forms.ModelForm):
    class Meta:
        model = RiskRule
        fields = ["language", "kind", "pattern", "emergency", "is_active", "note"]

    def clean(self):
        """A pattern that does not compile (an unknown @category, a gap at the start…) is refused with the reason,
        next to the pattern."""
        cleaned = super().clean()
        language, pattern, kind = cleaned.get("language"), cleaned.get("pattern"), cleaned.get("kind")
        if language and pattern and kind:
            data = from_tables(RiskWord, RiskRule).get(language)
            words = data.words if data else {}
            spellings = data.spellings if data else {}
            try:
                compile_grammar(language, words, spellings, [{"kind": kind, "pattern": pattern, "id": "this rule"}])
            except GrammarError as error:
                self.add_error("pattern", str(error))
        return cleaned


@admin.register(RiskRule)
class RiskRuleAdmin(admin.ModelAdmin):
    """The patterns of each language's risk grammar (safety/grammar.py explains them). A save takes effect at once
    (safety/crisis.py listens for saves and deletes); an edited shipped rule is kept by later loads."""

    form = RiskRuleForm
    list_display = ["pattern", "language", "kind", "emergency", "is_active", "shipped", "note"]
    list_editable = ["is_active"]
    list_filter = ["language", "kind", "emergency", "is_active", "shipped"]
    search_fields = ["pattern", "note"]

    def save_model(self, request, obj, form, change):
        obj.shipped = False
        super().save_model(request, obj, form, change)


@admin.register(RiskWord)
class RiskWordAdmin(admin.ModelAdmin):
    """The word categories of each language (@self, @means…), one entry per line; `spelling` holds
    `written = meant` lines."""

    list_display = ["category", "language", "shipped", "note"]
    list_filter = ["language", "shipped"]
    search_fields = ["category", "entries", "note"]

    def save_model(self, request, obj, form, change):
        obj.shipped = False
        super().save_model(request, obj, form, change)

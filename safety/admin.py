from django.contrib import admin

from .models import CrisisLine, CrisisPhrase


@admin.register(CrisisLine)
class CrisisLineAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind", "phone", "text", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["country", "kind", "is_active"]
    search_fields = ["name", "country_name", "description"]


@admin.register(CrisisPhrase)
class CrisisPhraseAdmin(admin.ModelAdmin):
    """Phrases that may mean a person is at risk, and idioms that do not. A save takes effect at once
    (safety/crisis.py listens for saves and deletes)."""

    list_display = ["phrase", "language", "kind", "is_active", "note"]
    list_editable = ["is_active"]
    list_filter = ["language", "kind", "is_active"]
    search_fields = ["phrase", "note"]

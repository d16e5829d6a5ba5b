from django.contrib import admin

from .models import CrisisLine


@admin.register(CrisisLine)
class CrisisLineAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "kind", "phone", "text", "order", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["country", "kind", "is_active"]
    search_fields = ["name", "country_name", "description"]

from django.contrib import admin

from .models import Counter


# Counters are a member's private record: the operator sees that one exists, never its content.
@admin.register(Counter)
class CounterAdmin(admin.ModelAdmin):
    list_display = ["pk", "user", "pathway", "created_at"]
    fields = ["user", "pathway", "created_at"]
    readonly_fields = fields  # type: ignore[assignment]  # django-stubs types `fields` wider than `readonly_fields`
    raw_id_fields = ["user"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

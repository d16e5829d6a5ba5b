from django.contrib import admin

from .models import Meeting, Program


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "philosophy"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "day", "time", "timezone", "is_active"]
    list_filter = ["program", "day", "is_active"]
    search_fields = ["name", "location_name", "formatted_address"]

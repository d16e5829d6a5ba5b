from django.contrib import admin

from .models import CalendarFeed, Correction, Meeting, MeetingType, Program, SavedMeeting, Source


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "philosophy"]
    prepopulated_fields = {"slug": ["short_name"]}


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["name", "program", "day", "time", "timezone", "is_active"]
    list_filter = ["program", "day", "is_active"]
    search_fields = ["name", "location_name", "formatted_address"]


@admin.register(MeetingType)
class MeetingTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "program", "category", "language"]
    list_filter = ["program", "category"]
    search_fields = ["code"]


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "format", "program", "last_imported_at"]
    list_filter = ["format", "program"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["stewards"]
    readonly_fields = ["last_imported_at", "last_report"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["meeting", "status", "created_at", "handled_at"]
    list_filter = ["status"]
    raw_id_fields = ["meeting", "reporter", "handled_by"]
    readonly_fields = ["created_at"]


@admin.register(SavedMeeting)
class SavedMeetingAdmin(admin.ModelAdmin):
    list_display = ["meeting", "created_at"]
    raw_id_fields = ["user", "meeting"]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    """The key is the member's secret: the admin shows that a feed exists, never its URL."""

    list_display = ["user", "created_at"]
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request):
        return False

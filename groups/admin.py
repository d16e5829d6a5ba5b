from django.contrib import admin

from .models import Group, Membership


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "program", "visibility"]
    list_filter = ["kind", "visibility"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]

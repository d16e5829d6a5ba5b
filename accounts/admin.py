from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Connection, PersonalAccessToken, RoleAssignment, User


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    readonly_fields = ["granted_at", "granted_by"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "is_active", "is_staff", "date_joined"]
    list_filter = ["is_active", "is_staff", "role_assignments__role"]
    search_fields = ["username", "display_name", "email"]
    ordering = ["username"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["username", "password", "display_name", "email"]}),
        ("Profile", {"fields": ["pronouns", "fellowships", "languages", "time_zone"]}),
        (
            "Who sees what",
            {
                "fields": [
                    "display_name_visibility",
                    "pronouns_visibility",
                    "fellowships_visibility",
                    "languages_visibility",
                    "time_zone_visibility",
                ]
            },
        ),
        ("Permissions", {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["username", "password1", "password2"]})]


@admin.register(Connection)
class ConnectionAdmin(admin.ModelAdmin):
    list_display = ["low", "high", "created_at"]
    raw_id_fields = ["low", "high"]


@admin.register(PersonalAccessToken)
class PersonalAccessTokenAdmin(admin.ModelAdmin):
    list_display = ["user", "name", "hint", "created_at", "expires_at", "revoked_at"]
    readonly_fields = ["token_hash", "hint", "last_used_at"]
    raw_id_fields = ["user"]

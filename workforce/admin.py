"""Administrators manage staff, organizations, offices and programs here."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from workforce.models import AccessLog, Office, Organization, Program, ProgramPrivilege, User


class ProgramPrivilegeInline(admin.TabularInline):
    model = ProgramPrivilege
    extra = 0


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "organization", "is_active"]
    list_filter = ["role", "organization", "is_active"]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        ("Workforce", {"fields": ["role", "organization", "offices", "current_office"]}),
    ]
    filter_horizontal = ["offices", "groups", "user_permissions"]
    inlines = [ProgramPrivilegeInline]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "city", "is_active"]
    list_filter = ["organization", "is_active"]


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "is_active"]


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: the access log is evidence, not data to edit."""

    list_display = ["at", "user", "action", "seeker_id", "outcome", "ip_address"]
    list_filter = ["action"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False

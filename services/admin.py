from django.contrib import admin

from services.models import ServiceRecord, ServiceType


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ["name", "capture_mode", "countable", "trigger_event", "active"]
    list_filter = ["capture_mode", "countable", "active"]
    search_fields = ["name"]

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False  # deactivate instead: recorded services keep their entry


@admin.register(ServiceRecord)
class ServiceRecordAdmin(admin.ModelAdmin):
    list_display = ["service_type", "seeker", "service_date", "credited_staff"]
    list_select_related = ["service_type", "seeker", "credited_staff"]
    raw_id_fields = ["seeker", "credited_staff", "recorded_by"]
    readonly_fields = ["event", "source", "created_at"]

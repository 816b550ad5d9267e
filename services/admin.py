"""Administrators edit the 9002 service catalog here; recorded services are read, not rewritten.

Edits are audited by django-auditlog (ServiceType is registered with its designated
staff). Nothing is deleted: an entry no longer wanted is deactivated, which hides it from
manual entry and automatic triggering and leaves every recorded service as it was.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import ManyToManyField, QuerySet
from django.forms import Field, Form
from django.http import HttpRequest

from seekers.selectors import seeker_linked_list
from services.forms import ServiceTypeAdminForm
from services.models import ServiceRecord, ServiceType
from services.services import service_type_participation_rebuild
from workforce.admin_site import RecentAuthAdminMixin
from workforce.constants import ROLES_SERVING_SEEKERS
from workforce.models import User


@admin.register(ServiceType)
class ServiceTypeAdmin(RecentAuthAdminMixin, admin.ModelAdmin):
    """Editing the catalog needs a recent "Confirm it's you" (step-up)."""

    form = ServiceTypeAdminForm
    list_display = ["name", "capture_mode", "countable", "federal_category", "credit_rule",
                    "trigger_event", "active"]  # fmt: skip
    list_filter = ["active", "capture_mode", "countable", "federal_category", "credit_rule",
                   "trigger_event", "workshop_category", "note_required",
                   "designated_staff_only", "state_office_only"]  # fmt: skip
    search_fields = ["name", "description"]
    filter_horizontal = ["designated_staff"]
    fieldsets = [
        (None, {"fields": ["name", "description", "active", "state_office_only"]}),
        ("Reporting", {"fields": ["capture_mode", "countable", "federal_category"]}),
        ("Who records it and who gets credit", {
            "fields": ["roles_allowed", "designated_staff_only", "designated_staff",
                       "note_required", "credit_rule"],
        }),
        ("Automatic entries", {"fields": ["trigger_event", "workshop_category"]}),
    ]  # fmt: skip

    def formfield_for_manytomany(self, db_field: ManyToManyField, request: HttpRequest,
                                 **kwargs: object) -> Field | None:  # fmt: skip
        if db_field.name == "designated_staff":
            kwargs["queryset"] = User.objects.filter(role__in=ROLES_SERVING_SEEKERS)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # deactivate instead: recorded services keep their entry

    def save_model(self, request: HttpRequest, obj: ServiceType, form: Form,
                   change: bool) -> None:  # fmt: skip
        """Whether an entry extends participation decides periods: rebuild the affected ones."""
        super().save_model(request, obj, form, change)
        if change:
            service_type_participation_rebuild(service_type=obj, changed_fields=form.changed_data)


@admin.register(ServiceRecord)
class ServiceRecordAdmin(admin.ModelAdmin):
    """Read-mostly: services are recorded by staff and events; only a note may be corrected.

    A changed date or entry would change participation, which is rebuilt only by the
    services that record services, so neither is editable here.
    """

    list_display = ["service_date", "service_type", "seeker", "credited_staff", "office",
                    "event"]  # fmt: skip
    list_select_related = ["service_type", "seeker", "credited_staff", "office"]
    list_filter = ["service_type__capture_mode", "event", "office"]
    search_fields = ["service_type__name"]
    date_hierarchy = "service_date"
    fields = ["seeker", "service_type", "service_date", "credited_staff", "recorded_by",
              "office", "event", "source", "created_at", "note"]  # fmt: skip
    readonly_fields = [f for f in fields if f != "note"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[ServiceRecord]:
        return seeker_linked_list(user=request.user, rows=super().get_queryset(request))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

"""Seekers in the Django admin: masked SSN only, scoped by the visibility rule."""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from seekers.models import Demographics, JobSeeker, OtherName


class OtherNameInline(admin.TabularInline):
    model = OtherName
    extra = 0


class DemographicsInline(admin.StackedInline):
    model = Demographics
    extra = 0


@admin.register(JobSeeker)
class JobSeekerAdmin(admin.ModelAdmin):
    list_display = ["id", "last_name", "first_name", "date_of_birth", "masked_ssn", "opted_out"]
    list_filter = ["account_type", "opted_out", "ssn_is_pseudo"]
    # The SSN itself never reaches a form here; staff reveal it on the seeker's page (logged).
    exclude = ["ssn"]
    # The data-sharing choice changes only through optout.services.consent_set (seed 002:
    # a state supervisor opts a client back in, with reason, channel and history row).
    readonly_fields = ["masked_ssn", "ssn_is_pseudo", "opted_out", "created_by", "created_at",
                       "updated_at"]  # fmt: skip
    filter_horizontal = ["offices"]
    inlines = [OtherNameInline, DemographicsInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[JobSeeker]:
        return JobSeeker.objects.visible_to(request.user)

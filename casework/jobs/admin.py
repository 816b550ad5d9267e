"""Admin of employers and job postings (public job orders: no seeker data here)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Count, QuerySet
from django.http import HttpRequest

from seekers.constants import PostingStatus
from seekers.models import Employer, JobPosting

# The 23 major groups of the 2018 Standard Occupational Classification (first two digits).
SOC_MAJOR_GROUPS = {
    "11": "Management", "13": "Business and Financial Operations",
    "15": "Computer and Mathematical", "17": "Architecture and Engineering",
    "19": "Life, Physical, and Social Science", "21": "Community and Social Service",
    "23": "Legal", "25": "Educational Instruction and Library",
    "27": "Arts, Design, Entertainment, Sports, and Media",
    "29": "Healthcare Practitioners and Technical", "31": "Healthcare Support",
    "33": "Protective Service", "35": "Food Preparation and Serving Related",
    "37": "Building and Grounds Cleaning and Maintenance", "39": "Personal Care and Service",
    "41": "Sales and Related", "43": "Office and Administrative Support",
    "45": "Farming, Fishing, and Forestry", "47": "Construction and Extraction",
    "49": "Installation, Maintenance, and Repair", "51": "Production",
    "53": "Transportation and Material Moving", "55": "Military Specific",
}  # fmt: skip


class OccupationGroupFilter(admin.SimpleListFilter):
    """Postings by SOC major group: the first two digits of the occupation code."""

    title = "occupation group"
    parameter_name = "soc_group"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        return [(code, f"{code}- {name}") for code, name in SOC_MAJOR_GROUPS.items()]

    def queryset(self, request: HttpRequest, queryset: QuerySet[JobPosting]) -> QuerySet:
        group = self.value()
        if group in SOC_MAJOR_GROUPS:
            return queryset.filter(occupation_code__startswith=f"{group}-")
        return queryset


class JobPostingInline(admin.TabularInline):
    model = JobPosting
    extra = 0
    fields = ["title", "occupation_code", "city", "status", "posted_on", "closes_on"]
    show_change_link = True
    ordering = ["-posted_on", "-id"]


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "state", "contact_name", "contact_phone", "posting_count"]
    list_filter = ["state"]
    search_fields = ["name", "city", "contact_name", "contact_email"]
    readonly_fields = ["created_at"]
    inlines = [JobPostingInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Employer]:
        return super().get_queryset(request).annotate(posting_total=Count("postings"))

    @admin.display(description="postings", ordering="posting_total")
    def posting_count(self, employer: Employer) -> int:
        return employer.posting_total


@admin.register(JobPosting)
class JobPostingAdmin(admin.ModelAdmin):
    list_display = ["title", "employer", "occupation_code", "occupation_title", "city", "status",
                    "posted_on", "closes_on"]  # fmt: skip
    list_filter = ["status", OccupationGroupFilter, "occupation_title", "posted_on"]
    list_select_related = ["employer"]
    search_fields = ["title", "employer__name", "occupation_code", "occupation_title", "city"]
    autocomplete_fields = ["employer"]
    date_hierarchy = "posted_on"
    readonly_fields = ["created_at"]
    actions = ["close_postings"]

    @admin.action(description="Close the selected postings")
    def close_postings(self, request: HttpRequest, queryset: QuerySet[JobPosting]) -> None:
        # One by one, so django-auditlog records each change.
        postings = list(queryset.exclude(status=PostingStatus.CLOSED))
        for posting in postings:
            posting.status = PostingStatus.CLOSED
            posting.save(update_fields=["status"])
        self.message_user(request, f"{len(postings)} posting(s) closed.")

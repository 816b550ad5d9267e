"""Administrators read the calls' consent records here; notice versions are drafted,
previewed and published in registration.notices.admin."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from registration.models import RegistrationCall
from registration.notices import admin as notices_admin  # noqa: F401
from seekers.selectors import seeker_linked_list
from workforce.admin import ReadOnlyAdmin


@admin.register(RegistrationCall)
class RegistrationCallAdmin(ReadOnlyAdmin):
    """The consent records; draft values are never shown."""

    list_display = ["pk", "started_at", "staff", "office", "outcome", "notice_version"]
    list_filter = ["outcome", "office"]
    list_select_related = ["staff", "office", "notice_version"]
    fields = [
        "staff", "office", "started_at", "ended_at", "outcome", "seeker", "searches",
        "no_match_confirmed_at", "notice_version", "notice_read_at", "abandoned_at",
    ]  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> QuerySet[RegistrationCall]:
        return seeker_linked_list(user=request.user, rows=super().get_queryset(request))

"""Reads of the core: offices a user may switch to, audit and access-log pages."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.db.models import QuerySet

from workforce.models import AccessLog, Office, User


def office_list_for(*, user: User) -> QuerySet[Office]:
    return user.offices.filter(is_active=True).select_related("organization")


def change_log_list() -> QuerySet[LogEntry]:
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")


def access_log_list() -> QuerySet[AccessLog]:
    return AccessLog.objects.select_related("user").order_by("-at")

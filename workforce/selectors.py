"""Reads of the core: offices a user may switch to, audit and access-log pages."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.db.models import QuerySet

from workforce.audit import access_log_scope, change_log_scope
from workforce.models import AccessLog, Office, User


def office_list_for(*, user: User) -> QuerySet[Office]:
    return user.offices.filter(is_active=True).select_related("organization")


def change_log_list(*, user: User) -> QuerySet[LogEntry]:
    """The change history this user may read (entries about hidden seekers left out)."""
    entries = LogEntry.objects.select_related("actor", "content_type")
    return change_log_scope(user=user, entries=entries).order_by("-timestamp", "-id")


def access_log_list(*, user: User) -> QuerySet[AccessLog]:
    """The access log this user may read (rows about hidden seekers left out)."""
    rows = AccessLog.objects.select_related("user")
    return access_log_scope(user=user, rows=rows).order_by("-at", "-id")

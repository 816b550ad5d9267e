"""Reads of the core: offices a user may switch to, audit and access-log pages."""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry
from django.db.models import QuerySet
from django.utils import timezone

from workforce.audit import access_log_scope, change_log_scope
from workforce.constants import ACCESS_ALERT_ACTIONS
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


# Alerts are shown above the access log for this long.
ALERT_DAYS = 7


def access_alert_list(*, user: User) -> QuerySet[AccessLog]:
    """Hourly limits reached in the last ALERT_DAYS days, newest first: someone read in bulk."""
    since = timezone.now() - datetime.timedelta(days=ALERT_DAYS)
    return access_log_list(user=user).filter(action__in=ACCESS_ALERT_ACTIONS, at__gte=since)

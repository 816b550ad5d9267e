"""Reads of the core: offices a user may switch to, audit and access-log pages."""

from __future__ import annotations

import datetime

from auditlog.models import LogEntry
from django.db.models import QuerySet
from django.utils import timezone

from workforce.constants import ACCESS_ALERT_ACTIONS
from workforce.models import AccessLog, Office, User


def office_list_for(*, user: User) -> QuerySet[Office]:
    return user.offices.filter(is_active=True).select_related("organization")


def change_log_list() -> QuerySet[LogEntry]:
    return LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")


def access_log_list() -> QuerySet[AccessLog]:
    return AccessLog.objects.select_related("user").order_by("-at")


# issue 14 (sessions): alerts are shown above the access log for this long.
ALERT_DAYS = 7


def access_alert_list() -> QuerySet[AccessLog]:
    """Hourly limits reached in the last ALERT_DAYS days, newest first: someone read in bulk."""
    since = timezone.now() - datetime.timedelta(days=ALERT_DAYS)
    return access_log_list().filter(action__in=ACCESS_ALERT_ACTIONS, at__gte=since)

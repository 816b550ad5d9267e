"""Reads for the Activity section of Case Details: the audit trail of one seeker.

Changes come from django-auditlog: every record about a seeker stores
`{"seeker_id": ...}` with its log entries (seekers.models.activity.SeekerActivity),
so one indexed query finds them whatever kind of record changed. Sensitive reads
(SSN reveals, document downloads, Opt-Out Lookups) come from the access log.
"""

from __future__ import annotations

from dataclasses import dataclass

from auditlog.models import LogEntry
from django.db.models import BigIntegerField, QuerySet
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast

from seekers.models import JobSeeker
from workforce.models import AccessLog, User

ACTIVITY_SHOWN = 15


@dataclass(frozen=True)
class Activity:
    """The section's rows and whether there are more to see on the full page."""

    changes: list[LogEntry]
    reads: list[AccessLog]
    more: bool
    show_values: bool
    show_reads: bool


def seeker_change_list(*, seeker: JobSeeker) -> QuerySet[LogEntry]:
    """Every change about the seeker, newest first (uses auditlog_seeker_activity_idx)."""
    return (
        LogEntry.objects.alias(
            seeker_key=Cast(KeyTextTransform("seeker_id", "additional_data"), BigIntegerField())
        )
        .filter(additional_data__has_key="seeker_id", seeker_key=seeker.pk)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )


def seeker_read_list(*, seeker: JobSeeker) -> QuerySet[AccessLog]:
    return AccessLog.objects.filter(seeker_id=seeker.pk).select_related("user").order_by("-at")


def seeker_activity_get(*, seeker: JobSeeker, user: User, limit: int = ACTIVITY_SHOWN) -> Activity:
    """The latest changes (and, for those who read audit, the latest sensitive reads)."""
    changes = list(seeker_change_list(seeker=seeker)[: limit + 1])
    show_reads = user.may_read_audit
    reads = list(seeker_read_list(seeker=seeker)[:limit]) if show_reads else []
    return Activity(
        changes=changes[:limit],
        reads=reads,
        more=len(changes) > limit,
        show_values=user.may_read_audit,
        show_reads=show_reads,
    )

"""Participation periods and exit dates, from the services a seeker received.

The federal rules (docs/participation.md has the sources):

- A person becomes a participant on the date of their first service that extends
  participation: countable in the catalog, and not self-service, information-only or
  follow-up (20 CFR 677.150(a)(3)).
- A period ends when 90 consecutive days pass with no such service and none scheduled;
  the exit date is the date of the last such service (20 CFR 677.150(c); TEGL 10-16).
  So a next service 90 days after the last one (89 days without service between them)
  continues the period, and one 91 days after it (90 days without) starts a new one.
- A workshop the seeker was referred to while the period was open is a scheduled
  service: the period stays open until the workshop's date, even past the 90 days.
- Other services never start nor extend a period.

Periods are stored (ParticipationPeriod) so reports read them with plain SQL; they are
rebuilt for a seeker in the same transaction as any change to that seeker's services.
Whether the last period has ended depends on today and on scheduled services, so that
is decided when read (`period_status`, `participation_summary`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from seekers.models import JobSeeker
from seekers.services import seekers_lock, seekers_lock_all
from services.constants import NOT_PARTICIPATION
from services.models import (
    ParticipationPeriod,
    ServiceRecord,
    WorkshopReferral,
    WorkshopResult,
)

# Days without a participation service after which the period has ended.
EXIT_GAP_DAYS = 90


def participation_service_sql(alias: str) -> str:
    """Whether a service extends participation, in SQL, for the service type aliased `alias`.

    `ServiceType.extends_participation` as a condition: countable in the catalog and not
    self-service, information-only or follow-up (20 CFR 677.150(a)(3); TEGL 10-16). The
    one copy that the rebuild and every report statement use; the statement binds
    `%(excluded)s` from `participation_sql_params()`.
    """
    return f"{alias}.countable AND NOT ({alias}.federal_category = ANY(%(excluded)s))"


def participation_sql_params() -> dict[str, object]:
    """The parameters `participation_service_sql` needs, in a new dict callers add to."""
    return {"excluded": list(NOT_PARTICIPATION)}


# Each seeker's "points" in date order: participation services, and workshop referrals.
# A point keeps the period open until `open_until`: a service for 90 days after it, a
# referral until its workshop's date (a scheduled service). A point that comes after
# every earlier point's `open_until` starts a new period; so a service exactly 90 days
# after the last one continues it, and one 91 days after starts a new one (`at > ...`).
# A referral made after the period had ended starts a "period" of no service, which is
# dropped unless a service follows while it is scheduled. The running max needs no
# recursion: a new period starts only past every earlier point, so the max stays right.
_REBUILD_SQL = f"""
WITH points AS (
    SELECT r.seeker_id, r.service_date AS on_day, r.service_date + %(gap)s AS open_until,
           0 AS kind, r.id
    FROM services_servicerecord r
    JOIN services_servicetype t ON t.id = r.service_type_id
    WHERE {participation_service_sql("t")} {{record_filter}}
    UNION ALL
    SELECT f.seeker_id, (f.referred_at AT TIME ZONE %(tz)s)::date,
           (w.starts_at AT TIME ZONE %(tz)s)::date, 1, f.id
    FROM services_workshopreferral f
    JOIN services_workshop w ON w.id = f.workshop_id
    WHERE TRUE {{referral_filter}}
), starts AS (
    SELECT seeker_id, on_day, kind, id,
           CASE WHEN on_day > max(open_until) OVER (
                    PARTITION BY seeker_id ORDER BY on_day, kind, id
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                THEN 1 ELSE 0 END AS starts
    FROM points
), numbered AS (
    SELECT seeker_id, on_day, kind, id,
           sum(starts) OVER (PARTITION BY seeker_id ORDER BY on_day, kind, id
                             ROWS UNBOUNDED PRECEDING) AS period
    FROM starts
)
INSERT INTO services_participationperiod
    (seeker_id, start_date, last_service_date, start_service_id, last_service_id, service_count)
SELECT seeker_id,
       min(on_day),
       max(on_day),
       (array_agg(id ORDER BY on_day, id))[1],
       (array_agg(id ORDER BY on_day DESC, id DESC))[1],
       count(*)
FROM numbered
WHERE kind = 0
GROUP BY seeker_id, period
"""  # noqa: S608 (constant SQL; values are bound parameters)


@transaction.atomic  # the locks below last until the caller's transaction ends
def participation_rebuild(*, seeker_ids: Iterable[int] | None) -> None:
    """Recompute the periods of these seekers (all seekers with None) from their services.

    Call it inside the transaction that changed the services, after the change.

    It locks the seekers first (`seekers.services.seekers_lock`, FOR NO KEY UPDATE, in id
    order; with None every seeker, `seekers_lock_all`): a no-op for the writes that already
    took the seeker's lock at their start, as every write about a seeker's services does,
    and a safety net for any that did not. Why a lock rather than an upsert: the periods are
    a function of *all* the seeker's services. Two transactions each adding a service see
    only their own (READ COMMITTED), so without a lock each computes periods that miss the
    other's service; an upsert would then store whichever finished last, silently wrong,
    and a delete-then-insert collides on `period_seeker_start` (the 500 of issue 14). With
    the lock the second rebuild starts after the first commits, and its statements (each
    with a fresh snapshot) see both services.
    """
    params = participation_sql_params() | {
        "gap": EXIT_GAP_DAYS,
        "tz": timezone.get_default_timezone_name(),
    }
    if seeker_ids is None:
        seekers_lock_all()
    else:
        seeker_ids = sorted(set(seeker_ids))
        seekers_lock(seeker_ids=seeker_ids)
    with connection.cursor() as cursor:
        if seeker_ids is None:
            cursor.execute("DELETE FROM services_participationperiod")
            filters = {"record_filter": "", "referral_filter": ""}
        else:
            params["ids"] = seeker_ids
            cursor.execute(
                "DELETE FROM services_participationperiod WHERE seeker_id = ANY(%(ids)s)", params
            )
            filters = {
                "record_filter": "AND r.seeker_id = ANY(%(ids)s)",
                "referral_filter": "AND f.seeker_id = ANY(%(ids)s)",
            }
        cursor.execute(_REBUILD_SQL.format(**filters), params)


@dataclass(frozen=True)
class PeriodStatus:
    """Where a period stands on a given day."""

    ended: bool
    exit_date: datetime.date | None  # set once ended: the last participation service
    projected_exit: datetime.date  # the exit date if nothing more happens
    # The last day the period is still open if nothing else is received or scheduled:
    # 90 days after the last service, or the latest scheduled date if that is later.
    exit_confirmed_after: datetime.date


def period_status(
    *, last_service_date: datetime.date, today: datetime.date,
    scheduled: Iterable[datetime.date] = (),
) -> PeriodStatus:  # fmt: skip
    """Has the period ended by `today`? A service scheduled for today or later keeps it open.

    Ended means more than 90 days since the last service and nothing scheduled; a date
    already past is no longer scheduled (the workshop was missed or not resulted yet).
    """
    confirmed_after = max(
        [last_service_date + datetime.timedelta(days=EXIT_GAP_DAYS),
         *[d for d in scheduled if d >= today]]
    )  # fmt: skip
    ended = today > confirmed_after
    return PeriodStatus(
        ended=ended,
        exit_date=last_service_date if ended else None,
        projected_exit=last_service_date,
        exit_confirmed_after=confirmed_after,
    )


def participation_summary(
    *, seeker: JobSeeker, today: datetime.date | None = None
) -> dict[str, Any] | None:
    """The seeker's participation, with the service behind each date; None if never a participant.

    Two queries whatever the number of periods: the periods with their first and last
    services, and the seeker's workshop referrals that may still be scheduled.
    """
    today = today or timezone.localdate()
    periods = list(
        ParticipationPeriod.objects.filter(seeker=seeker)
        .select_related("start_service__service_type", "last_service__service_type")
        .order_by("start_date")
    )
    if not periods:
        return None
    current = periods[-1]
    scheduled = _scheduled_referrals(period=current, today=today)
    status = period_status(
        last_service_date=current.last_service_date, today=today,
        scheduled=[_local_date(r.workshop.starts_at) for r in scheduled],
    )  # fmt: skip
    latest = max(scheduled, key=lambda r: r.workshop.starts_at, default=None)
    extended = latest is not None and status.exit_confirmed_after == _local_date(
        latest.workshop.starts_at
    )
    return {
        "today": today,
        "ended": status.ended,
        "participant_since": current.start_date,
        "participant_since_why": _why(current.start_service),
        "last_service_date": current.last_service_date,
        "last_service_why": _why(current.last_service),
        "projected_exit": status.projected_exit,
        "exit_date": status.exit_date,
        "exit_confirmed_after": status.exit_confirmed_after,
        "exit_confirmed_after_why": (
            _why_scheduled(latest) if extended and latest else _why(current.last_service)
        ),
        "scheduled": [_scheduled_row(r) for r in scheduled],
        "current": _period_row(current, ended=status.ended),
        "earlier": [_period_row(p, ended=True) for p in reversed(periods[:-1])],
    }


def _scheduled_referrals(*, period: ParticipationPeriod, today: datetime.date
                         ) -> list[WorkshopReferral]:  # fmt: skip
    """Pending referrals to workshops from today on, made while the period was open.

    The same rule as the rebuild: a referral keeps the period open until its workshop's
    date, and counts only if made before the period had ended (a referral made while an
    earlier one was scheduled counts too). One made later belongs to a new period.
    """
    referrals = (
        WorkshopReferral.objects.filter(
            seeker_id=period.seeker_id, workshop__starts_at__date__gte=period.start_date
        )
        .select_related("workshop")
        .order_by("referred_at", "pk")
    )
    open_until = period.last_service_date + datetime.timedelta(days=EXIT_GAP_DAYS)
    kept = []
    for referral in referrals:
        if _local_date(referral.referred_at) > open_until:
            break
        workshop_day = _local_date(referral.workshop.starts_at)
        open_until = max(open_until, workshop_day)
        if referral.result == WorkshopResult.PENDING and workshop_day >= today:
            kept.append(referral)
    return kept


def _local_date(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment, timezone.get_default_timezone()).date()


def _why(service: ServiceRecord) -> dict[str, Any]:
    return {"service": service.service_type.name, "date": service.service_date}


def _why_scheduled(referral: WorkshopReferral) -> dict[str, Any]:
    workshop = referral.workshop
    return {"service": f"Workshop: {workshop.title}", "date": _local_date(workshop.starts_at)}


def _scheduled_row(referral: WorkshopReferral) -> dict[str, Any]:
    workshop = referral.workshop
    return {
        "workshop": workshop.title,
        "category": workshop.get_category_display(),
        "date": _local_date(workshop.starts_at),
    }


def _period_row(period: ParticipationPeriod, *, ended: bool) -> dict[str, Any]:
    return {
        "start_date": period.start_date,
        "start_why": _why(period.start_service),
        "last_service_date": period.last_service_date,
        "exit_why": _why(period.last_service),
        "exit_date": period.last_service_date if ended else None,
        "service_count": period.service_count,
    }

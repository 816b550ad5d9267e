"""Participation periods and exit dates, from the services a seeker received.

The federal rules (docs/participation.md has the sources):

- A person becomes a participant on the date of their first service that extends
  participation: countable in the catalog, and not self-service, information-only or
  follow-up (20 CFR 677.150(a)(3)).
- A period ends when 90 consecutive days pass with no such service and none scheduled;
  the exit date is the date of the last such service (20 CFR 677.150(c); TEGL 10-16).
  So a next service 90 days after the last one (89 days without service between them)
  continues the period, and one 91 days after it (90 days without) starts a new one.
- Other services never start nor extend a period.

Periods are stored (ParticipationPeriod) so reports read them with plain SQL; they are
rebuilt for a seeker in the same transaction as any change to that seeker's services.
Whether the last period has ended depends on today and on scheduled services, so that
is decided when read (`period_status`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from services.constants import NOT_PARTICIPATION

# Days without a participation service after which the period has ended.
EXIT_GAP_DAYS = 90

_REBUILD_SQL = """
WITH counted AS (
    SELECT r.id, r.seeker_id, r.service_date
    FROM services_servicerecord r
    JOIN services_servicetype t ON t.id = r.service_type_id
    WHERE t.countable AND NOT (t.federal_category = ANY(%(excluded)s)) {seeker_filter}
), gaps AS (
    SELECT id, seeker_id, service_date,
           CASE WHEN service_date - lag(service_date) OVER w > %(gap)s THEN 1 ELSE 0 END AS starts
    FROM counted
    WINDOW w AS (PARTITION BY seeker_id ORDER BY service_date, id)
), numbered AS (
    SELECT id, seeker_id, service_date,
           sum(starts) OVER (PARTITION BY seeker_id ORDER BY service_date, id
                             ROWS UNBOUNDED PRECEDING) AS period
    FROM gaps
)
INSERT INTO services_participationperiod
    (seeker_id, start_date, last_service_date, start_service_id, last_service_id, service_count)
SELECT seeker_id,
       min(service_date),
       max(service_date),
       (array_agg(id ORDER BY service_date, id))[1],
       (array_agg(id ORDER BY service_date DESC, id DESC))[1],
       count(*)
FROM numbered
GROUP BY seeker_id, period
"""


def participation_rebuild(*, seeker_ids: Iterable[int] | None) -> None:
    """Recompute the periods of these seekers (all seekers with None) from their services.

    Call it inside the transaction that changed the services, after the change.
    """
    params: dict[str, object] = {"excluded": list(NOT_PARTICIPATION), "gap": EXIT_GAP_DAYS}
    with connection.cursor() as cursor:
        if seeker_ids is None:
            cursor.execute("DELETE FROM services_participationperiod")
            seeker_filter = ""
        else:
            params["ids"] = sorted(set(seeker_ids))
            cursor.execute(
                "DELETE FROM services_participationperiod WHERE seeker_id = ANY(%(ids)s)", params
            )
            seeker_filter = "AND r.seeker_id = ANY(%(ids)s)"
        cursor.execute(_REBUILD_SQL.format(seeker_filter=seeker_filter), params)


@dataclass(frozen=True)
class PeriodStatus:
    """Where a period stands on a given day."""

    ended: bool
    exit_date: datetime.date | None  # set once ended: the last participation service
    projected_exit: datetime.date  # the exit date if nothing more happens
    exit_confirmed_after: datetime.date  # the day after which it ends, if nothing is scheduled


def period_status(
    *, last_service_date: datetime.date, today: datetime.date,
    scheduled: Iterable[datetime.date] = (),
) -> PeriodStatus:  # fmt: skip
    """Has the period ended by `today`? A service scheduled after the last one keeps it open."""
    latest = max([last_service_date, *[d for d in scheduled if d >= last_service_date]])
    confirmed_after = latest + datetime.timedelta(days=EXIT_GAP_DAYS)
    ended = today > confirmed_after
    return PeriodStatus(
        ended=ended,
        exit_date=last_service_date if ended else None,
        projected_exit=last_service_date,
        exit_confirmed_after=confirmed_after,
    )

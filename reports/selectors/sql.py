"""The SQL the reports share: visibility, the read-only transaction, and the periods CTE.

Seekers are counted only through `JobSeeker.objects.visible_to(user)`, embedded as a
subquery, so the one visibility rule applies to every figure (DESIGN.md, principle 3).

Whether a participation period has ended is decided here in SQL by the same rule as
`services.participation.period_status` and `participation_summary`: on the report date
`today`, more than 90 days have passed since its last participation service, and no
service is scheduled in it (a pending workshop referral, made while the period was
open, for a workshop on `today` or later). Whether a service is a participation service
is `services.participation.participation_service_sql`, the one copy of that condition.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import OperationalError, connection, transaction
from psycopg.errors import QueryCanceled

from seekers.models import JobSeeker
from services.models import WorkshopResult
from services.participation import (
    EXIT_GAP_DAYS,
    participation_service_sql,
    participation_sql_params,
)
from workforce.models import Office, User


def visible_filter(user: User, column: str) -> tuple[str, dict[str, object]]:
    """`AND <column> IN (visible_to(user))`, with named parameters, to add to a WHERE.

    When visible_to(user) restricts nothing (state-agency staff see every seeker) the
    condition is left out: every seeker id in these tables is a seeker (foreign keys),
    and a semi-join with a million seekers costs about half a second per statement.
    """
    visible = JobSeeker.objects.visible_to(user).order_by().values("pk")
    if not visible.query.where:
        return "", {}
    try:
        sql, params = visible.query.sql_with_params()
    except EmptyResultSet:  # visible_to returned .none(): nobody
        return "AND false", {}
    named: dict[str, object] = {}
    pieces = iter(params)

    def name_placeholder(match: re.Match) -> str:
        if match.group(0) == "%%":
            return "%%"
        key = f"visible{len(named)}"
        named[key] = next(pieces)
        return f"%({key})s"

    return f"AND {column} IN ({re.sub(r'%%|%s', name_placeholder, sql)})", named


# For the report's transaction only: no JIT (compiling these plans took 1-3 s, more than
# it saved), enough memory to hash a quarter's services without spilling to disk, and a
# statement timeout (REPORT_STATEMENT_SECONDS), so no report holds a connection for long.
REPORT_SETTINGS = (
    "SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true),"
    " set_config('statement_timeout', %(timeout)s, true)"
)
# The advisory-lock namespace of "one report at a time per user" (the second key is the
# user's id); any constant no other lock in the project uses.
REPORT_LOCK_CLASS = 0x5245_5054  # "REPT"


class ReportBusy(Exception):
    """Another report or export of the same user is still running."""


class ReportTooSlow(Exception):
    """The report ran longer than REPORT_STATEMENT_SECONDS and PostgreSQL cancelled it."""


@contextmanager
def report_transaction(*, user: User) -> Iterator[None]:
    """One transaction per report: its settings, and one report at a time per user.

    Reports and exports are the expensive reads (ASVS 5.0 15.2.2): a user who opens the
    same large export in ten tabs, or a report that would run for minutes, must not take
    the connections that staff on a call need. The lock is a transaction-level advisory
    lock, so it ends with the report however it ends. Raises ReportBusy (another of the
    user's reports is running) or ReportTooSlow (cancelled by statement_timeout).
    """
    timeout_ms = max(1, int(settings.REPORT_STATEMENT_SECONDS * 1000))
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(REPORT_SETTINGS, {"timeout": str(timeout_ms)})
            cursor.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)", [REPORT_LOCK_CLASS, user.pk or 0]
            )
            if not cursor.fetchone()[0]:
                raise ReportBusy
            yield
    except OperationalError as error:
        if isinstance(error.__cause__, QueryCanceled):
            raise ReportTooSlow from error
        raise


def fetch(*statements: tuple[str, dict[str, object]], user: User) -> list[list[dict]]:
    """Run the statements in one report transaction; each one's rows as dicts."""
    results = []
    with report_transaction(user=user), connection.cursor() as cursor:
        for sql, params in statements:
            cursor.execute(sql, params)
            columns = [c.name for c in cursor.description]
            results.append([dict(zip(columns, row, strict=True)) for row in cursor.fetchall()])
    return results


def period_params(*, user: User, today: datetime.date) -> tuple[str, dict[str, object]]:
    """The visibility condition on periods, and the parameters PERIODS_CTE binds."""
    visible, params = visible_filter(user, "p.seeker_id")
    params |= participation_sql_params() | {
        "today": today,
        "gap": EXIT_GAP_DAYS,
        "tz": settings.TIME_ZONE,
        "pending": WorkshopResult.PENDING.value,
    }
    return visible, params


# Periods of visible seekers with whether each has ended by %(today)s: period_status's
# rule, in SQL. A period has ended when more than %(gap)s days have passed since its last
# participation service and no service is scheduled in it: no workshop referral, still
# pending, for a workshop on %(today)s or later, that belongs to the period. A referral
# belongs to the period when it was made while the period was open (by its services or
# by an earlier referral's workshop), exactly as services.participation's rebuild chains
# them; so `held` replays that chaining, only for the few seekers with such a referral,
# and gives the last service date of each chain holding one.
PERIODS_CTE = f"""
WITH referrals AS (
    SELECT ref.seeker_id, ref.id, ref.result = %(pending)s AS pending,
           (ref.referred_at AT TIME ZONE %(tz)s)::date AS referred_on,
           (w.starts_at AT TIME ZONE %(tz)s)::date AS workshop_on
    FROM services_workshopreferral ref
    JOIN services_workshop w ON w.id = ref.workshop_id
    WHERE ref.seeker_id IN (
        SELECT r2.seeker_id FROM services_workshopreferral r2
        JOIN services_workshop w2 ON w2.id = r2.workshop_id
        WHERE r2.result = %(pending)s AND (w2.starts_at AT TIME ZONE %(tz)s)::date >= %(today)s
    )
), points AS (
    SELECT r.seeker_id, r.service_date AS on_day, r.service_date + %(gap)s AS open_until,
           0 AS kind, r.id, false AS scheduled
    FROM services_servicerecord r
    JOIN services_servicetype t ON t.id = r.service_type_id
    WHERE r.seeker_id IN (SELECT seeker_id FROM referrals)
      AND {participation_service_sql("t")}
    UNION ALL
    SELECT seeker_id, referred_on, workshop_on, 1, id,
           pending AND workshop_on >= %(today)s
    FROM referrals
), chained AS (
    SELECT seeker_id, kind, on_day, scheduled,
           sum(starts) OVER (PARTITION BY seeker_id ORDER BY on_day, kind, id
                             ROWS UNBOUNDED PRECEDING) AS chain
    FROM (
        SELECT *, CASE WHEN on_day > max(open_until) OVER (
                           PARTITION BY seeker_id ORDER BY on_day, kind, id
                           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
                       THEN 1 ELSE 0 END AS starts
        FROM points
    ) x
), held AS (
    SELECT seeker_id, max(on_day) FILTER (WHERE kind = 0) AS last_service_date
    FROM chained
    GROUP BY seeker_id, chain
    HAVING bool_or(scheduled) AND bool_or(kind = 0)
), periods AS (
    SELECT p.seeker_id, p.start_date, p.last_service_date,
           (p.last_service_date < %(today)s::date - %(gap)s AND h.seeker_id IS NULL) AS ended
    FROM services_participationperiod p
    LEFT JOIN held h
           ON h.seeker_id = p.seeker_id AND h.last_service_date = p.last_service_date
    WHERE p.start_date <= %(end)s {{visible}} {{office_filter}}
      -- Only periods that can count: still going on the range's first day or on today.
      AND (p.last_service_date >= least(%(start)s, %(today)s::date - %(gap)s)
           OR h.seeker_id IS NOT NULL)
)
"""  # noqa: S608 (constant SQL; values are bound parameters)

# A period is in a date range when it started by the range's end and was still going at
# its start: its last service falls on or after the start (the exit date is that last
# service, so a period whose last service came before the range had exited before it),
# or it has not ended yet (no exit date: still a participant).
IN_RANGE = "(last_service_date >= %(start)s OR NOT ended)"


def people_office_filter(office: Office | None, params: dict[str, object]) -> str:
    """People are counted by office through the offices the seeker is enrolled in."""
    if office is None:
        return ""
    params["office"] = office.pk
    return (
        "AND EXISTS (SELECT 1 FROM seekers_jobseeker_offices so "
        "WHERE so.jobseeker_id = p.seeker_id AND so.office_id = %(office)s)"
    )

"""Reports on services and participation (issue 5): the SQL, one statement per figure set.

Everything is aggregated by PostgreSQL (CTEs, FILTER, GROUPING SETS, date_trunc); Python
only names the few aggregated rows that come back. Seekers are counted only through
`JobSeeker.objects.visible_to(user)`, embedded as a subquery, so the one visibility
rule applies to every figure (DESIGN.md, principle 3).

Program-year quarters: program year (PY) 2026 runs from July 1, 2026 to June 30, 2027;
Q1 is July-September 2026, Q2 October-December 2026, Q3 January-March 2027 and Q4
April-June 2027 (the Department of Labor's WIOA reporting calendar).

Whether a participation period has ended is decided here in SQL by the same rule as
`services.participation.period_status` and `participation_summary`: on the report date
`today`, more than 90 days have passed since its last participation service, and no
service is scheduled in it (a pending workshop referral, made while the period was
open, for a workshop on `today` or later).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection, transaction
from django.utils import timezone

from seekers.models import JobSeeker
from services.constants import NOT_PARTICIPATION
from services.models import WorkshopResult
from services.participation import EXIT_GAP_DAYS
from workforce.models import Office, User

# --- program-year quarters -------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Quarter:
    """A quarter of a WIOA program year: PY2026 Q1 is July 1 to September 30, 2026."""

    year: int
    number: int

    MONTHS = {1: "July to September", 2: "October to December", 3: "January to March",
              4: "April to June"}  # fmt: skip

    @property
    def start(self) -> datetime.date:
        month = 7 + 3 * (self.number - 1)
        return datetime.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> datetime.date:
        return self.following().start - datetime.timedelta(days=1)

    def following(self) -> Quarter:
        return Quarter(self.year + (self.number == 4), self.number % 4 + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    @classmethod
    def containing(cls, day: datetime.date) -> Quarter:
        year = day.year if day.month >= 7 else day.year - 1
        return cls(year, (day.month - 7) % 12 // 3 + 1)

    def __str__(self) -> str:
        return f"PY{self.year} Q{self.number}"


def quarter_latest_complete(*, today: datetime.date) -> Quarter:
    """The most recent quarter that has ended by `today` (the report's default)."""
    return Quarter.containing(today).previous()


# --- SQL helpers -----------------------------------------------------------------------


def _visible_filter(user: User, column: str) -> tuple[str, dict[str, object]]:
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
# it saved) and enough memory to hash a quarter's services without spilling to disk.
_REPORT_SETTINGS = "SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true)"


def _fetch(*statements: tuple[str, dict[str, object]]) -> list[list[dict]]:
    """Run the statements in one read-only transaction; each one's rows as dicts."""
    results = []
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_REPORT_SETTINGS)
        for sql, params in statements:
            cursor.execute(sql, params)
            columns = [c.name for c in cursor.description]
            results.append([dict(zip(columns, row, strict=True)) for row in cursor.fetchall()])
    return results


def _period_params(*, user: User, today: datetime.date) -> tuple[str, dict[str, object]]:
    visible, params = _visible_filter(user, "p.seeker_id")
    params |= {
        "today": today,
        "gap": EXIT_GAP_DAYS,
        "tz": settings.TIME_ZONE,
        "pending": WorkshopResult.PENDING.value,
        "excluded": list(NOT_PARTICIPATION),
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
_PERIODS_CTE = """
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
      AND t.countable AND NOT (t.federal_category = ANY(%(excluded)s))
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
    WHERE p.start_date <= %(end)s {visible} {office_filter}
      -- Only periods that can count: still going on the range's first day or on today.
      AND (p.last_service_date >= least(%(start)s, %(today)s::date - %(gap)s)
           OR h.seeker_id IS NOT NULL)
)
"""

# A period is in a date range when it started by the range's end and was still going at
# its start: its last service falls on or after the start (the exit date is that last
# service, so a period whose last service came before the range had exited before it),
# or it has not ended yet (no exit date: still a participant).
_IN_RANGE = "(last_service_date >= %(start)s OR NOT ended)"


def _office_filter(office: Office | None, params: dict[str, object]) -> str:
    """People are counted by office through the offices the seeker is enrolled in."""
    if office is None:
        return ""
    params["office"] = office.pk
    return (
        "AND EXISTS (SELECT 1 FROM seekers_jobseeker_offices so "
        "WHERE so.jobseeker_id = p.seeker_id AND so.office_id = %(office)s)"
    )


# --- quarterly services report ---------------------------------------------------------


@dataclass
class QuarterlyReport:
    """The figures of one quarter, as the page, the CSV and the benchmark show them."""

    quarter: Quarter
    office: Office | None
    today: datetime.date
    served: int
    new: int
    exiters: int
    by_service: list[dict] = field(default_factory=list)
    by_office: list[dict] = field(default_factory=list)
    total_services: int = 0
    total_participation_services: int = 0

    @property
    def complete(self) -> bool:
        """The quarter is over: later reports can still change exiters (exits are retroactive)."""
        return self.quarter.end < self.today


# Per seeker first (a hash aggregate), then counted: cheaper than three count(DISTINCT).
_PEOPLE_SQL = (
    _PERIODS_CTE  # noqa: S608 (constant SQL; values are bound parameters)
    + """
SELECT count(*) FILTER (WHERE served) AS served,
       count(*) FILTER (WHERE new) AS new,
       count(*) FILTER (WHERE exiter) AS exiters
FROM (
    SELECT seeker_id,
           bool_or({in_range}) AS served,
           bool_or(start_date >= %(start)s) AS new,
           bool_or(ended AND last_service_date BETWEEN %(start)s AND %(end)s) AS exiter
    FROM periods
    GROUP BY seeker_id
) per_seeker
"""
)

# One scan of the quarter's services, grouped two ways at once.
_SERVICES_SQL = """
SELECT g.by_type, g.by_office, g.service_type_id, t.name AS service, g.office_id,
       o.name AS office,
       g.services, g.participation_services,
       t.countable AND NOT (t.federal_category = ANY(%(excluded)s)) AS participation
FROM (
    SELECT GROUPING(r.service_type_id) = 0 AS by_type, r.service_type_id, r.office_id,
           GROUPING(r.office_id) = 0 AS by_office,
           count(*) AS services,
           count(*) FILTER (
               WHERE st.countable AND NOT (st.federal_category = ANY(%(excluded)s))
           ) AS participation_services
    FROM services_servicerecord r
    JOIN services_servicetype st ON st.id = r.service_type_id
    WHERE r.service_date BETWEEN %(start)s AND %(end)s {visible} {office_filter}
    GROUP BY GROUPING SETS ((r.service_type_id), (r.office_id), ())
) g
LEFT JOIN services_servicetype t ON g.by_type AND t.id = g.service_type_id
LEFT JOIN workforce_office o ON g.by_office AND o.id = g.office_id
ORDER BY g.by_type, g.by_office DESC, t.name, o.name NULLS LAST
"""


def quarterly_report(
    *, user: User, quarter: Quarter, office: Office | None = None,
    today: datetime.date | None = None,
) -> QuarterlyReport:  # fmt: skip
    """Participants served, new participants, exiters and services of a program-year quarter.

    With an office, people are those enrolled in it and services those given there.
    """
    today = today or timezone.localdate()
    visible, params = _period_params(user=user, today=today)
    params |= {"start": quarter.start, "end": quarter.end}
    office_filter = _office_filter(office, params)
    people_sql = _PEOPLE_SQL.format(
        visible=visible, office_filter=office_filter, in_range=_IN_RANGE
    )
    visible_r, _ = _visible_filter(user, "r.seeker_id")
    service_office = "AND r.office_id = %(office)s" if office is not None else ""
    services_sql = _SERVICES_SQL.format(visible=visible_r, office_filter=service_office)
    [people], rows = _fetch((people_sql, params), (services_sql, params))
    report = QuarterlyReport(quarter=quarter, office=office, today=today, **people)
    for row in rows:  # at most one row per catalog entry and per office, plus the total
        if row["by_type"]:
            report.by_service.append(row)
        elif row["by_office"]:
            report.by_office.append(row)
        else:
            report.total_services = row["services"]
            report.total_participation_services = row["participation_services"]
    return report


# --- staff-credit report ---------------------------------------------------------------

# Grouped by ids first (a small hash aggregate), names joined to the few groups after.
_STAFF_CREDIT_SQL = """
SELECT a.month, a.staff_id, u.username, u.first_name, u.last_name, a.office_id,
       o.name AS office, a.services, a.participation_services
FROM (
    SELECT date_trunc('month', r.service_date)::date AS month,
           r.credited_staff_id AS staff_id, r.office_id,
           count(*) AS services,
           count(*) FILTER (
               WHERE st.countable AND NOT (st.federal_category = ANY(%(excluded)s))
           ) AS participation_services
    FROM services_servicerecord r
    JOIN services_servicetype st ON st.id = r.service_type_id
    WHERE r.service_date BETWEEN %(start)s AND %(end)s AND r.credited_staff_id IS NOT NULL
          {visible} {office_filter}
    GROUP BY 1, 2, 3
) a
JOIN workforce_user u ON u.id = a.staff_id
LEFT JOIN workforce_office o ON o.id = a.office_id
ORDER BY u.last_name, u.first_name, u.username, a.staff_id, o.name NULLS LAST, a.month
"""


def month_end(month: datetime.date) -> datetime.date:
    """The last day of the month that `month` (any day of it) is in."""
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def month_add(month: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after (or before, if negative) `month`'s."""
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def staff_credit_report(
    *, user: User, start: datetime.date, end: datetime.date, office: Office | None = None
) -> list[dict]:
    """Services credited to each staff member, by office and month (first to last month).

    Services credited to nobody (the seeker's own actions) are not in it.
    """
    visible, params = _visible_filter(user, "r.seeker_id")
    params |= {
        "start": start.replace(day=1),
        "end": month_end(end),
        "excluded": list(NOT_PARTICIPATION),
    }
    office_filter = ""
    if office is not None:
        params["office"] = office.pk
        office_filter = "AND r.office_id = %(office)s"
    sql = _STAFF_CREDIT_SQL.format(visible=visible, office_filter=office_filter)
    return _fetch((sql, params))[0]


# --- PIRL 900/901 export ---------------------------------------------------------------

PIRL_HEADER = ["seeker_id", "pirl_900_date_of_program_entry", "pirl_901_date_of_program_exit"]

_PIRL_SQL = (
    _PERIODS_CTE
    + """
SELECT seeker_id,
       to_char(start_date, 'YYYYMMDD') AS entry,
       CASE WHEN ended THEN to_char(last_service_date, 'YYYYMMDD') ELSE '' END AS exit
FROM periods
WHERE {in_range}
ORDER BY seeker_id, start_date
"""
)


def pirl_rows(
    *, user: User, start: datetime.date, end: datetime.date,
    today: datetime.date | None = None, chunk_size: int = 5000,
) -> Iterator[tuple[int, str, str]]:  # fmt: skip
    """(seeker id, PIRL 900, PIRL 901) of every visible seeker's period in the date range.

    PIRL 900 "Date of Program Entry" is the period's first participation service; PIRL
    901 "Date of Program Exit" its last one, blank while the period has not ended. Dates
    are YYYYMMDD. Rows come from a server-side cursor, `chunk_size` at a time, so the
    export streams at any size (a generator: the SQL runs when the first row is read).
    """
    visible, params = _period_params(user=user, today=today or timezone.localdate())
    params |= {"start": start, "end": end}
    sql = _PIRL_SQL.format(visible=visible, office_filter="", in_range=_IN_RANGE)
    # One read-only transaction for the whole download; the cursor lives inside it.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(_REPORT_SETTINGS)
        with connection.chunked_cursor() as cursor:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(chunk_size):
                yield from rows

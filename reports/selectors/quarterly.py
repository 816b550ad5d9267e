"""The quarterly services report: participants served, new, exiters, and the services."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from reports.selectors.quarters import Quarter
from reports.selectors.sql import (
    IN_RANGE,
    PERIODS_CTE,
    fetch,
    people_office_filter,
    period_params,
    visible_filter,
)
from services.participation import participation_service_sql
from workforce.models import Office, User


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
    PERIODS_CTE  # noqa: S608 (constant SQL; values are bound parameters)
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
_SERVICES_SQL = f"""
SELECT g.by_type, g.by_office, g.service_type_id, t.name AS service, g.office_id,
       o.name AS office,
       g.services, g.participation_services,
       {participation_service_sql("t")} AS participation
FROM (
    SELECT GROUPING(r.service_type_id) = 0 AS by_type, r.service_type_id, r.office_id,
           GROUPING(r.office_id) = 0 AS by_office,
           count(*) AS services,
           count(*) FILTER (
               WHERE {participation_service_sql("st")}
           ) AS participation_services
    FROM services_servicerecord r
    JOIN services_servicetype st ON st.id = r.service_type_id
    WHERE r.service_date BETWEEN %(start)s AND %(end)s {{visible}} {{office_filter}}
    GROUP BY GROUPING SETS ((r.service_type_id), (r.office_id), ())
) g
LEFT JOIN services_servicetype t ON g.by_type AND t.id = g.service_type_id
LEFT JOIN workforce_office o ON g.by_office AND o.id = g.office_id
ORDER BY g.by_type, g.by_office DESC, t.name, o.name NULLS LAST
"""  # noqa: S608 (constant SQL; values are bound parameters)


def quarterly_report(
    *, user: User, quarter: Quarter, office: Office | None = None,
    today: datetime.date | None = None,
) -> QuarterlyReport:  # fmt: skip
    """Participants served, new participants, exiters and services of a program-year quarter.

    With an office, people are those enrolled in it and services those given there.
    """
    today = today or timezone.localdate()
    visible, params = period_params(user=user, today=today)
    params |= {"start": quarter.start, "end": quarter.end}
    office_filter = people_office_filter(office, params)
    people_sql = _PEOPLE_SQL.format(visible=visible, office_filter=office_filter, in_range=IN_RANGE)
    visible_r, _ = visible_filter(user, "r.seeker_id")
    service_office = "AND r.office_id = %(office)s" if office is not None else ""
    services_sql = _SERVICES_SQL.format(visible=visible_r, office_filter=service_office)
    [people], rows = fetch((people_sql, params), (services_sql, params), user=user)
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

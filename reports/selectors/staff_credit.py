"""The staff-credit report: services credited per staff member, office and month."""

from __future__ import annotations

import datetime

from reports.selectors.quarters import month_end
from reports.selectors.sql import fetch, visible_filter
from services.participation import participation_service_sql, participation_sql_params
from workforce.models import Office, User

# Grouped by ids first (a small hash aggregate), names joined to the few groups after.
_STAFF_CREDIT_SQL = f"""
SELECT a.month, a.staff_id, u.username, u.first_name, u.last_name, a.office_id,
       o.name AS office, a.services, a.participation_services
FROM (
    SELECT date_trunc('month', r.service_date)::date AS month,
           r.credited_staff_id AS staff_id, r.office_id,
           count(*) AS services,
           count(*) FILTER (
               WHERE {participation_service_sql("st")}
           ) AS participation_services
    FROM services_servicerecord r
    JOIN services_servicetype st ON st.id = r.service_type_id
    WHERE r.service_date BETWEEN %(start)s AND %(end)s AND r.credited_staff_id IS NOT NULL
          {{visible}} {{office_filter}}
    GROUP BY 1, 2, 3
) a
JOIN workforce_user u ON u.id = a.staff_id
LEFT JOIN workforce_office o ON o.id = a.office_id
ORDER BY u.last_name, u.first_name, u.username, a.staff_id, o.name NULLS LAST, a.month
"""  # noqa: S608 (constant SQL; values are bound parameters)


def staff_credit_report(
    *, user: User, start: datetime.date, end: datetime.date, office: Office | None = None
) -> list[dict]:
    """Services credited to each staff member, by office and month (first to last month).

    Services credited to nobody (the seeker's own actions) are not in it.
    """
    visible, params = visible_filter(user, "r.seeker_id")
    params |= participation_sql_params() | {
        "start": start.replace(day=1),
        "end": month_end(end),
    }
    office_filter = ""
    if office is not None:
        params["office"] = office.pk
        office_filter = "AND r.office_id = %(office)s"
    sql = _STAFF_CREDIT_SQL.format(visible=visible, office_filter=office_filter)
    return fetch((sql, params), user=user)[0]

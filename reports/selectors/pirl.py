"""The PIRL 900/901 export: each visible seeker's periods in a date range, streamed."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.db import connection
from django.utils import timezone

from reports.selectors.sql import IN_RANGE, PERIODS_CTE, period_params, report_transaction
from workforce.models import User

PIRL_HEADER = ["seeker_id", "pirl_900_date_of_program_entry", "pirl_901_date_of_program_exit"]

_PIRL_SQL = (
    PERIODS_CTE
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
    visible, params = period_params(user=user, today=today or timezone.localdate())
    params |= {"start": start, "end": end}
    sql = _PIRL_SQL.format(visible=visible, office_filter="", in_range=IN_RANGE)
    # One report transaction for the whole download; the cursor lives inside it.
    with report_transaction(user=user), connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            yield from rows

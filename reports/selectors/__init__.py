"""Reports on services and participation (issue 5): the SQL, one statement per figure set.

Everything is aggregated by PostgreSQL (CTEs, FILTER, GROUPING SETS, date_trunc); Python
only names the few aggregated rows that come back. Seekers are counted only through
`JobSeeker.objects.visible_to(user)` (`sql.visible_filter`). These are the reads a read
replica would serve: nothing here writes.

One module per report (`quarterly`, `staff_credit`, `pirl`), the calendar they share
(`quarters`) and the SQL they share (`sql`); the public names are here.
"""

from reports.selectors.pirl import PIRL_HEADER, pirl_rows
from reports.selectors.quarterly import QuarterlyReport, quarterly_report
from reports.selectors.quarters import Quarter, month_add, month_end, quarter_latest_complete
from reports.selectors.sql import ReportBusy, ReportTooSlow
from reports.selectors.staff_credit import staff_credit_report

__all__ = [
    "PIRL_HEADER",
    "Quarter",
    "QuarterlyReport",
    "ReportBusy",
    "ReportTooSlow",
    "month_add",
    "month_end",
    "pirl_rows",
    "quarter_latest_complete",
    "quarterly_report",
    "staff_credit_report",
]

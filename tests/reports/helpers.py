"""The fixed report date and the short names the report tests share.

The report date is fixed at 11/21/2026 (TODAY), so the default quarter is PY2026 Q1
(07/01/2026 to 09/30/2026) and a period has ended when its last participation service
is before 08/23/2026 (TODAY - 90 days) and nothing is scheduled on or after it.
"""

from __future__ import annotations

import datetime

from reports.selectors import Quarter

TODAY = datetime.date(2026, 11, 21)
Q1 = Quarter(2026, 1)
D = datetime.date

"""Time the reports on a big database (issue 5: the quarterly report in under 10 seconds).

Run on a database filled by `seed_demo --seekers 1000000` and `seed_services --services
10000000`:

    python manage.py bench_reports [--runs 5]

As the first active supervisor, each report is run once to warm the caches, then
`--runs` times: the quarterly report for the most recent complete quarter (the whole
page, through Django's test client: middleware, SQL, template; for all offices and for
the office with the most seekers), the same report's SQL alone (as the supervisor, and
as a partner staff member, for whom visible_to is a real filter), the staff-credit page
for the last twelve complete months, and the PIRL 900/901 export of that quarter read
to its last row. Prints p50 and p95 in milliseconds. Figures go into docs/performance.md.
"""

from __future__ import annotations

import datetime
import statistics
import time
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports import selectors
from services.models import ServiceRecord
from workforce.constants import Role
from workforce.models import Office, User


def timed(action: Callable[[], object], runs: int) -> list[float]:
    action()  # warm the caches and the connection once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def fetch(client: Client, url: str, params: dict[str, object]) -> int:
    """GET a page or download and read all of it; the byte count."""
    response = client.get(url, params)
    if response.status_code != 200:
        raise CommandError(f"{url} {params} answered {response.status_code}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return len(body)


class Command(BaseCommand):
    help = "Time the quarterly, staff-credit and PIRL reports; prints p50/p95 per report."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=5, help="Timed runs per report.")

    def handle(self, *args: object, runs: int, **options: object) -> None:
        if runs < 1:
            raise CommandError("--runs must be 1 or more.")
        user = User.objects.filter(role=Role.SUPERVISOR, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError("No supervisor: run seed_demo first.")
        partner = (
            User.objects.filter(role=Role.PARTNER_STAFF, is_active=True).order_by("pk").first()
        )
        if partner is None:
            raise CommandError("No partner staff member: run seed_demo first.")
        office = (
            Office.objects.annotate(n=Count("seekers")).order_by("-n", "pk").first()
        )  # the busiest office
        today = timezone.localdate()
        quarter = selectors.quarter_latest_complete(today=today)
        last_month = selectors.month_add(today, -1)
        first_month = selectors.month_add(today, -12)
        client = Client()
        client.force_login(user)
        q = {"year": quarter.year, "quarter": quarter.number}
        credit = {"start": f"{first_month:%Y-%m}", "end": f"{last_month:%Y-%m}"}
        pirl = {"start": quarter.start.isoformat(), "end": quarter.end.isoformat()}
        cases: list[tuple[str, Callable[[], object]]] = [
            ("quarterly page, all offices", lambda: fetch(client, _url("quarterly"), q)),
            (
                f"quarterly page, office {office.pk}",
                lambda: fetch(client, _url("quarterly"), q | {"office": office.pk}),
            ),
            ("quarterly CSV, all offices", lambda: fetch(client, _url("quarterly"), q | _CSV)),
            (
                "quarterly SQL only, all offices",
                lambda: selectors.quarterly_report(user=user, quarter=quarter),
            ),
            (
                "quarterly SQL only, partner staff",  # visible_to filters: the semi-join path
                lambda: selectors.quarterly_report(user=partner, quarter=quarter),
            ),
            ("staff-credit page, 12 months", lambda: fetch(client, _url("staff-credit"), credit)),
            ("PIRL export, one quarter", lambda: fetch(client, _url("pirl"), pirl)),
        ]
        self._describe(quarter, office, first_month, last_month, runs)
        for label, action in cases:
            times = timed(action, runs)
            self.stdout.write(
                f"  {label:<34} p50 {statistics.median(times):9.1f} ms   p95 {p95(times):9.1f} ms"
            )
        report = selectors.quarterly_report(user=user, quarter=quarter)
        rows = sum(1 for _ in selectors.pirl_rows(user=user, start=quarter.start, end=quarter.end))
        self.stdout.write(
            f"{quarter}: served {report.served:,}, new {report.new:,}, exiters "
            f"{report.exiters:,}, services {report.total_services:,}; PIRL rows {rows:,}"
        )
        self.stdout.write(f"PostgreSQL {connection.cursor().connection.info.server_version}")

    def _describe(self, quarter: selectors.Quarter, office: Office, first: datetime.date,
                  last: datetime.date, runs: int) -> None:  # fmt: skip
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT (SELECT count(*) FROM seekers_jobseeker), "
                "(SELECT count(*) FROM services_participationperiod)"
            )
            seekers, periods = cursor.fetchone()
        services = ServiceRecord.objects.count()
        self.stdout.write(
            f"{seekers:,} seekers, {services:,} services, {periods:,} participation periods. "
            f"Quarter {quarter} ({quarter.start} to {quarter.end}); office {office}; staff "
            f"credit {first:%Y-%m} to {last:%Y-%m}; {runs} runs each after one warm-up."
        )


_CSV = {"format": "csv"}


def _url(name: str) -> str:
    return reverse(f"reports:reports-{name}")

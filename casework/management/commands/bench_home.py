"""Time Home, the first page after sign-in (issue 12: its cost must not grow with the state).

    python manage.py bench_home [--runs 200] [--explain]

Signs in, through Django's test client, as the first active case manager and the first
active partner staff member (for whom `visible_to` leaves out opted-out seekers), fetches
Home once to warm up and then `--runs` times each (middleware, SQL, template; no
network). Prints p50, p95 and max in milliseconds, the page's SQL query count, and the
seekers in the user's current office. With `--explain`, prints EXPLAIN (ANALYZE, BUFFERS)
of each statement that reads the seeker tables. Figures go into docs/performance.md.
"""

from __future__ import annotations

import re

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from seekers.models import JobSeeker
from workforce.bench import page_time
from workforce.constants import Role
from workforce.models import User

SEEKER_TABLES = re.compile(r'"seekers_jobseeker(_offices)?"')


class Command(BaseCommand):
    help = "Time Home as a case manager and as partner staff; prints p50/p95/max and queries."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=200)
        parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the reads.")

    def handle(self, *args: object, runs: int, explain: bool, **options: object) -> None:
        if runs < 1:
            raise CommandError("--runs must be 1 or more.")
        self.stdout.write(f"{JobSeeker.objects.count():,} seekers; {runs} runs per user.")
        for role in (Role.CASE_MANAGER, Role.PARTNER_STAFF):
            user = User.objects.filter(role=role, is_active=True).order_by("pk").first()
            if user is None or user.current_office is None:
                raise CommandError(f"No {role} with an office: run seed_demo first.")
            self._time(user, runs, explain)

    def _time(self, user: User, runs: int, explain: bool) -> None:
        client = Client()
        client.force_login(user)
        timings = page_time(client=client, url=reverse("casework:home"), runs=runs)
        in_office = user.current_office.seekers.count()
        self.stdout.write(
            f"Home as {user.get_role_display()} ({user.username}, {user.current_office}: "
            f"{in_office:,} seekers), {len(timings.queries)} SQL queries:\n{timings.summary()}"
        )
        if explain:
            self._explain(timings.queries)

    def _explain(self, queries: list[tuple[str, object]]) -> None:
        """EXPLAIN the seeker reads after the page's own planner settings (set_config)."""
        with transaction.atomic(), connection.cursor() as cursor:
            for sql, params in queries:
                if sql.lstrip().startswith("SELECT set_config"):
                    cursor.execute(sql, params)
                if not SEEKER_TABLES.search(sql):
                    continue
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", params)
                plan = "\n".join(f"    {row[0]}" for row in cursor.fetchall())
                self.stdout.write(f"  {sql[:160]}...\n{plan}")

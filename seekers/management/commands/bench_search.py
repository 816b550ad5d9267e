"""Benchmark seeker search against a Django-admin-style icontains search on the same data.

Run on a database filled by `seed_demo --seekers 1000000`:

    python manage.py bench_search [--rounds 5] [--query "Larsin Margaret" ...]

The query mix is fixed (QUERY_MIX below, 36 queries of every form of the grammar);
queries that need real values (a date of birth, phone, SSN, email, id) take them
from fixed sample seekers: the lowest ids with each kind of value. Times are
server-side: from the call into the search to the last row fetched, on a warm
connection. `--query` (repeatable) times the given queries instead of the mix, and
`--admin-rounds 0` leaves out (b) (to compare two versions of the search quickly).
Figures and the machine go into docs/performance.md.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.db.models import Q, QuerySet

from seekers.models import JobSeeker
from seekers.search import seeker_search
from seekers.ssn import format_ssn
from workforce.constants import Role, SearchScope
from workforce.models import User

# Name queries; common US names so that the big result sets are exercised too.
NAME_QUERIES = [
    "Smith", "Johnson", "Larsen", "Garcia", "Ar* Larsen", "Jo* Miller", "Mi* Brown",
    "Larsen, Arthur", "Garcia, Maria", "Smith, John", "Peggy Smith", "Margaret Johnson",
    "Ted Williams", "Bob Brown", "Liz Davis", "Chris Wilson", "Bill Jones", "Mary Smith",
    "Jonhson", "Smtih", "Willaims", "Catherine Jonson", "Schmidt", "Peggy Larson",
    "Robert Mller", "O'Brien", "Michael Rodriguez", "Jennifer Martinez",
]  # fmt: skip
ADMIN_SEARCH_FIELDS = [
    "first_name", "middle_name", "last_name", "other_names__first_name", "other_names__last_name",
]  # fmt: skip


def sample_queries() -> list[str]:
    """The structured forms, built from fixed sample seekers (lowest ids with the value)."""
    seekers = JobSeeker.objects.filter(ssn_index__isnull=False).exclude(phone="").exclude(email="")
    a, b, c = list(seekers.order_by("pk")[:3])
    phone = a.phone
    return [
        f"{a.last_name} {a.date_of_birth:%Y-%m-%d}",
        f"{b.date_of_birth:%-m/%-d/%Y}",
        f"({phone[:3]}) {phone[3:6]}-{phone[6:]}",
        f"{b.phone[:3]}.{b.phone[3:6]}.{b.phone[6:]}",
        format_ssn(c.ssn),
        f"*{a.ssn_last4} {a.last_name.lower()}",
        b.email,
        str(c.pk),
    ]


def admin_style(text: str) -> QuerySet[JobSeeker]:
    """What ModelAdmin.get_search_results does: every word icontains in some field, distinct."""
    queryset = JobSeeker.objects.all()
    for word in text.replace(",", " ").split():
        word = word.strip("*")
        any_field = Q()
        for name in ADMIN_SEARCH_FIELDS:
            any_field |= Q(**{f"{name}__icontains": word})
        queryset = queryset.filter(any_field)
    return queryset.distinct()


def run_admin(text: str) -> int:
    found = admin_style(text)
    total = found.count()
    list(found.order_by("last_name", "first_name", "pk")[:25])
    return total


def timed(action: Callable[[], object], rounds: int) -> list[float]:
    action()  # warm the caches and the connection once
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


class Command(BaseCommand):
    help = "Time seeker search against admin-style icontains search; prints p50/p95 and ratio."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rounds", type=int, default=5, help="Timed runs per query.")
        parser.add_argument(
            "--admin-rounds", type=int, default=1, help="Runs per query for (b); 0 skips it."
        )
        parser.add_argument(
            "--query", action="append", default=[], help="Time this query instead of the mix."
        )

    def handle(self, *args: object, rounds: int, admin_rounds: int, query: list[str],
               **options: object) -> None:  # fmt: skip
        user = User.objects.filter(role=Role.CASE_MANAGER, is_active=True).order_by("pk").first()
        if user is None:
            raise CommandError("No case manager: run seed_demo first.")
        seekers = JobSeeker.objects.count()
        queries = query or NAME_QUERIES + sample_queries()
        self.stdout.write(f"{seekers:,} seekers; {len(queries)} queries; {rounds} rounds each.")
        ours: list[float] = []
        theirs: list[float] = []
        for text in queries:
            mine = timed(
                lambda t=text: seeker_search(user=user, text=t, scope=SearchScope.ALL), rounds
            )
            result = seeker_search(user=user, text=text, scope=SearchScope.ALL)
            admin = timed(lambda t=text: run_admin(t), admin_rounds) if admin_rounds else [0.0]
            ours += mine
            theirs += admin
            self.stdout.write(
                f"  {text[:30]:<30} {result.total:>5}{'+' if result.capped else ' '} results  "
                f"search p50 {statistics.median(mine):7.1f} ms   "
                f"icontains {statistics.median(admin):8.1f} ms"
            )
        a50, a95 = statistics.median(ours), p95(ours)
        self.stdout.write("")
        self.stdout.write(f"(a) search     p50 {a50:8.1f} ms   p95 {a95:8.1f} ms")
        if not admin_rounds:  # --admin-rounds 0: the search alone (e.g. before/after a change)
            return
        b50, b95 = statistics.median(theirs), p95(theirs)
        self.stdout.write(f"(b) icontains  p50 {b50:8.1f} ms   p95 {b95:8.1f} ms")
        self.stdout.write(f"ratio b/a      p50 {b50 / a50:8.1f} x   p95 {b95 / a95:8.1f} x")
        self.stdout.write(f"PostgreSQL {connection.cursor().connection.info.server_version}")

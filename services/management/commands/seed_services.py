"""Synthetic service records for benchmarks: millions of rows in minutes, then periods once.

    python manage.py seed_services --services 10000000 [--seekers-needed 1000000]

Rows are made by PostgreSQL itself (`INSERT ... SELECT ... FROM generate_series`), one
statement per million, so nothing crosses the wire. What they look like:

- dates run from three years before today (three program years' worth) up to today,
  in the order the rows are written, as a live system writes them day by day;
- most services (EPISODE_SHARE) fall in an "episode" of about EPISODE_DAYS days per
  seeker, as a person's visits cluster while they look for work; the rest go to any
  seeker at any time (weekly claims, self-service);
- service types are drawn by weight (TYPE_WEIGHTS: the common manual and automatic
  entries), among the active catalog entries;
- the credited (and recording) staff member is drawn from the existing staff who serve
  seekers, except for entries credited to nobody; the office is the seeker's first office.

Then `participation_rebuild(seeker_ids=None)` once, and ANALYZE. Never in production.
"""

from __future__ import annotations

import datetime
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.utils import timezone

from seekers.models import JobSeeker
from services.constants import CaptureMode, CreditRule
from services.models import ServiceRecord, ServiceType
from services.participation import participation_rebuild
from workforce.constants import Role

BATCH = 1_000_000
SLOTS = 1000  # service types are drawn by slot: each gets slots in proportion to its weight
YEARS = 3
EPISODE_SHARE = 0.7
EPISODE_DAYS = 120
SERVING_ROLES = [Role.CASE_MANAGER, Role.PARTNER_STAFF, Role.DVOP, Role.SUPERVISOR]

# Relative frequency of the common entries; every other active entry weighs 1.
TYPE_WEIGHTS = {
    "Job Search Activity": 12, "Career Guidance": 10, "Job Referral": 10,
    "JobsMoGov Self Job Search": 10, "UI Weekly Claim": 8, "Resume Assistance": 5,
    "Staff Assisted LMI": 4, "Self-Service LMI": 4, "Provide LMI Information": 4,
    "Outreach and Intake": 4, "Referred to WIOA Services": 3, "Membership": 3,
    "Assessment": 3, "Initial Assessment": 3, "Workshop- Job Search": 3,
    "Jobs Self Registration": 2, "Staff-Entered Record": 2, "Job Search Assistance": 2,
    "Staff Assisted Registration": 2, "Referred to Other Services": 2,
    "Unemployment Compensation Assistance": 2,
}  # fmt: skip

_INSERT_SQL = """
INSERT INTO services_servicerecord
    (seeker_id, service_type_id, service_date, credited_staff_id, recorded_by_id, office_id,
     event, source, note, created_at)
SELECT sk.seeker_id, t.service_type_id, x.day,
       CASE WHEN t.credited THEN st.user_id END, CASE WHEN t.recorded THEN st.user_id END,
       sk.office_id, t.event, '', t.note,
       (x.day + time '12:00') AT TIME ZONE %(tz)s
FROM (
    SELECT g, %(first_day)s::date + (g * %(days)s / %(total)s)::int AS day,
           CASE WHEN random() < %(episode_share)s
                -- a window of seekers that slides through the id order as days pass
                THEN ((g * %(seekers)s / %(total)s)
                      + floor(random() * %(window)s)::bigint) %% %(seekers)s
                ELSE floor(random() * %(seekers)s)::bigint
           END AS seeker_n,
           floor(random() * %(slots)s)::int AS slot,
           floor(random() * %(staff)s)::int AS staff_n
    FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) g
) x
JOIN seed_seekers sk ON sk.n = x.seeker_n
JOIN seed_types t ON t.slot = x.slot
JOIN seed_staff st ON st.n = x.staff_n
ORDER BY x.g
"""


class Command(BaseCommand):
    help = "Generate N synthetic service records (benchmarks), then rebuild participation."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--services", type=int, default=1_000_000, help="How many (default 1,000,000)."
        )
        parser.add_argument(
            "--seekers-needed", type=int, default=0, metavar="N",
            help="First make sure at least N seekers exist, creating the missing ones as "
            "seed_demo does.",
        )  # fmt: skip
        parser.add_argument("--seed", type=float, default=0.2026, help="Random seed, -1 to 1.")
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Do nothing when services exist already (what make run uses).",
        )  # fmt: skip

    def handle(
        self, *args: object, services: int, seekers_needed: int, seed: float, **options: object
    ) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_services writes synthetic data and never runs in production.")
        if services < 1 or seekers_needed < 0 or not -1 <= seed <= 1:
            raise CommandError("--services must be 1 or more, --seekers-needed 0 or more.")
        if options.get("if_empty") and ServiceRecord.objects.exists():
            self.stdout.write("Services exist already; seed_services --if-empty does nothing.")
            return
        started = time.monotonic()
        missing = seekers_needed - JobSeeker.objects.count()
        if missing > 0:
            call_command("seed_demo", seekers=missing, stdout=self.stdout)
        with connection.cursor() as cursor:
            cursor.execute("SET work_mem = '256MB'")
            cursor.execute("SELECT setseed(%s)", [seed])
            counts = self._prepare(cursor)
        self._say(started, f"prepared: {counts['seekers']:,} seekers, {counts['staff']} staff")
        self._insert(services, counts)
        self._say(started, f"{services:,} services inserted")
        with transaction.atomic():
            participation_rebuild(seeker_ids=None)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE services_participationperiod")
            cursor.execute("SELECT count(*) FROM services_participationperiod")
            periods = cursor.fetchone()[0]
            cursor.execute("DROP TABLE seed_seekers, seed_types, seed_staff")
            cursor.execute("RESET work_mem")
        self._say(started, f"participation rebuilt: {periods:,} periods")

    def _prepare(self, cursor: object) -> dict[str, int]:
        """Temporary tables the generator draws from: seekers, weighted types, staff."""
        cursor.execute("DROP TABLE IF EXISTS seed_seekers, seed_types, seed_staff")
        cursor.execute("""
            CREATE TEMP TABLE seed_seekers AS
            SELECT (row_number() OVER (ORDER BY s.id) - 1)::bigint AS n, s.id AS seeker_id,
                   o.office_id
            FROM seekers_jobseeker s
            LEFT JOIN (SELECT jobseeker_id, min(office_id) AS office_id
                       FROM seekers_jobseeker_offices GROUP BY jobseeker_id) o
                   ON o.jobseeker_id = s.id
        """)  # fmt: skip
        cursor.execute("CREATE UNIQUE INDEX ON seed_seekers (n)")
        cursor.execute(
            "CREATE TEMP TABLE seed_staff AS SELECT (row_number() OVER (ORDER BY id) - 1)::int "
            "AS n, id AS user_id FROM workforce_user WHERE is_active AND role = ANY(%s)",
            [SERVING_ROLES],
        )
        slots = type_slots()
        cursor.execute(
            "CREATE TEMP TABLE seed_types AS SELECT * FROM unnest("
            "%s::int[], %s::int[], %s::text[], %s::bool[], %s::bool[], %s::text[]) "
            "AS t(slot, service_type_id, event, credited, recorded, note)",
            [list(column) for column in zip(*slots, strict=True)],
        )
        for table in ("seed_seekers", "seed_staff", "seed_types"):
            cursor.execute(f"ANALYZE {table}")
        cursor.execute(
            "SELECT (SELECT count(*) FROM seed_seekers), (SELECT count(*) FROM seed_staff)"
        )
        seekers, staff = cursor.fetchone()
        if not seekers:
            raise CommandError("No job seekers: run seed_demo first, or pass --seekers-needed N.")
        if not staff:
            raise CommandError("No staff who serve seekers: run seed_demo first.")
        return {"seekers": seekers, "staff": staff, "slots": len(slots)}

    def _insert(self, services: int, counts: dict[str, int]) -> None:
        today = timezone.localdate()
        first_day = today - datetime.timedelta(days=round(365.25 * YEARS))
        days = (today - first_day).days + 1
        params = {
            "tz": settings.TIME_ZONE, "first_day": first_day, "days": days, "total": services,
            "episode_share": EPISODE_SHARE, "window": counts["seekers"] * EPISODE_DAYS // days + 1,
            "seekers": counts["seekers"], "slots": counts["slots"], "staff": counts["staff"],
        }  # fmt: skip
        started = time.monotonic()
        for lo in range(0, services, BATCH):
            hi = min(lo + BATCH, services) - 1
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(_INSERT_SQL, params | {"lo": lo, "hi": hi})
            self._say(started, f"  {hi + 1:,} services")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE services_servicerecord")

    def _say(self, started: float, text: str) -> None:
        self.stdout.write(f"[{time.monotonic() - started:8.1f} s] {text}")


def type_slots() -> list[tuple[int, int, str, bool, bool, str]]:
    """SLOTS rows (slot, type, event, credited, recorded, note): each active entry's share."""
    entries = list(ServiceType.objects.filter(active=True).order_by("pk"))
    if not entries:
        raise CommandError("The service catalog has no active entry.")
    weights = [TYPE_WEIGHTS.get(entry.name, 1) for entry in entries]
    total = sum(weights)
    slots: list[tuple[int, int, str, bool, bool, str]] = []
    for entry, weight in zip(entries, weights, strict=True):
        automatic = entry.capture_mode == CaptureMode.AUTOMATIC
        credited = entry.credit_rule != CreditRule.NONE
        row = (
            entry.pk,
            entry.trigger_event if automatic else "",
            credited,
            credited,  # the seeker's own actions are recorded by nobody
            "Synthetic service (seed_services)." if entry.note_required else "",
        )
        share = max(1, round(SLOTS * weight / total))
        slots += [(len(slots) + i, *row) for i in range(share)]
    return slots

"""Create the demo organizations, staff (one per role) and a synthetic seeker population."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from seekers import demo
from workforce.models import User


class Command(BaseCommand):
    help = "Create demo data: 2 organizations, 3 offices, one user per role, N synthetic seekers."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--seekers", type=int, default=5000, help="How many seekers (default 5000)."
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if demo data exists."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed (same seed, same people)."
        )

    def handle(
        self, *args: object, seekers: int, if_empty: bool, seed: int, **options: object
    ) -> None:
        if settings.PRODUCTION:
            raise CommandError("seed_demo creates demo logins and never runs in production.")
        if seekers < 0:
            raise CommandError("--seekers must be zero or more.")
        if demo.demo_exists():
            if if_empty:
                self._print_logins(created=False)
                return
            offices = list(
                demo.Office.objects.filter(
                    organization__name__in=[demo.STATE_AGENCY, demo.PARTNER]
                ).order_by("pk")
            )
            users = list(User.objects.filter(username__in=[u.username for u in demo.DEMO_USERS]))
            self.stdout.write("Demo staff exist; adding seekers only.")
        else:
            offices, users = demo.demo_staff_create()
            casemanager = next(u for u in users if u.username == "casemanager")
            demo.demo_people_create(offices=offices, creator=casemanager)
        creators = [u for u in users if u.role in {"case_manager", "partner_staff", "dvop"}]
        started = time.monotonic()

        def progress(done: int) -> None:
            if done % 100_000 == 0 or done == seekers:
                rate = done / max(time.monotonic() - started, 1e-6)
                self.stdout.write(f"  {done:,} seekers ({rate:,.0f}/s)")

        count = demo.population_create(
            count=seekers, offices=offices, creators=creators, seed=seed, progress=progress
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {count:,} synthetic seekers in {time.monotonic() - started:.1f} s."
            )
        )
        self._print_logins(created=True)

    def _print_logins(self, *, created: bool) -> None:
        self.stdout.write(
            ("Demo data created." if created else "Demo data already present.")
            + " Demo logins (password: workforce-demo):"
        )
        for spec in demo.DEMO_USERS:
            self.stdout.write(f"  {spec.username:<12} {spec.role.label}")

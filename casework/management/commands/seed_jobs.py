"""Create synthetic demo employers and job postings (casework/jobs/demo.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from casework.jobs import demo


class Command(BaseCommand):
    help = "Create demo job postings: synthetic employers in Minnesota, real O*NET-SOC occupations."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--postings", type=int, default=demo.DEFAULT_POSTINGS,
            help=f"How many postings (default {demo.DEFAULT_POSTINGS}).",
        )  # fmt: skip
        parser.add_argument(
            "--employers", type=int, default=demo.DEFAULT_EMPLOYERS,
            help=f"How many employers (default {demo.DEFAULT_EMPLOYERS}).",
        )  # fmt: skip
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if job postings exist."
        )
        parser.add_argument(
            "--seed", type=int, default=2026, help="Random seed (same seed, same postings)."
        )

    def handle(self, *args: object, postings: int, employers: int, if_empty: bool, seed: int,
               **options: object) -> None:  # fmt: skip
        if settings.PRODUCTION:
            raise CommandError("seed_jobs creates made-up employers and never runs in production.")
        if postings < 0 or employers < 1:
            raise CommandError("--postings must be zero or more and --employers one or more.")
        if if_empty and demo.jobs_demo_exists():
            self.stdout.write("Job postings already present; nothing created.")
            return
        made_employers, made_postings = demo.jobs_demo_create(
            postings=postings, employers=employers, seed=seed
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {made_employers} demo employers and {made_postings} job postings."
            )
        )

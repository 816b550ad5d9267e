"""Load a nightly batch file of services done outside Workforce (seed 003).

    python manage.py import_service_batch FILE --source cr101|initial_assessment|workkeys
        [--reject-file PATH]

The CSV's first line names its columns: seeker_id or ssn, date, and optionally score
and detail. Bad rows go to the reject file (default FILE.rejects.csv) with a reason;
running the same file twice records nothing twice. See services/batch.py.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from services.batch import SOURCES, BatchFileError, batch_import


class Command(BaseCommand):
    help = "Import a nightly batch CSV of CR 101, Initial Assessment or WorkKeys services."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file to import.")
        parser.add_argument("--source", required=True, choices=sorted(SOURCES))
        parser.add_argument(
            "--reject-file", type=Path, default=None,
            help="Where bad rows go, with a reason column (default: FILE.rejects.csv).",
        )  # fmt: skip

    def handle(self, *args: object, **options: object) -> None:
        try:
            summary = batch_import(
                path=options["file"], source=options["source"], reject_path=options["reject_file"]
            )
        except BatchFileError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"rows read: {summary.read}")
        self.stdout.write(f"recorded: {summary.recorded}")
        self.stdout.write(f"already recorded: {summary.already}")
        self.stdout.write(f"rejected: {summary.rejected} (reasons in {summary.reject_path})")
        if summary.not_credited:
            self.stdout.write(
                f"recorded with nobody credited, date of birth not verified: {summary.not_credited}"
            )

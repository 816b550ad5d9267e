"""`python manage.py export_service_catalog --format csv [--output FILE]`: the catalog as CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.core.management.base import BaseCommand, CommandError, CommandParser

from services.models import ServiceType

# One column per catalog field, named after the field (the list, in its order).
COLUMNS = [
    "name", "description", "capture_mode", "countable", "federal_category", "roles_allowed",
    "designated_staff_only", "note_required", "credit_rule", "trigger_event",
    "workshop_category", "state_office_only", "active",
]  # fmt: skip

# A cell a spreadsheet would run as a formula is written with a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def catalog_rows() -> Iterator[list[str]]:
    """The header, then one row per catalog entry, by name."""
    yield COLUMNS
    for entry in ServiceType.objects.order_by("name").values(*COLUMNS):
        yield [_cell(entry[column]) for column in COLUMNS]


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(value)  # roles_allowed: role values, e.g. "dvop"
    text = str(value)
    return f"'{text}" if text.startswith(_FORMULA_START) else text


class Command(BaseCommand):
    help = "Write the 9002 seeker-service catalog, one row per entry, as CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["csv"], default="csv", help="Only csv for now.")
        parser.add_argument("--output", metavar="FILE", help="Write here instead of stdout.")

    def handle(self, *args: object, **options: object) -> None:
        rows = list(catalog_rows())
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        path = options["output"]
        if not path:
            self.stdout.write(buffer.getvalue(), ending="")
            return
        try:
            with open(path, "w", newline="", encoding="utf-8") as out:
                out.write(buffer.getvalue())
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc.strerror}.") from exc
        self.stderr.write(f"Wrote {len(rows) - 1} catalog entries to {path}.")

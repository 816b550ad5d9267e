"""`manage.py export_service_catalog --format csv`: one row per catalog entry, named columns."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from services.models import ServiceType
from tests.factories import ServiceTypeFactory

pytestmark = pytest.mark.django_db

COLUMNS = [
    "name", "description", "capture_mode", "countable", "federal_category", "roles_allowed",
    "designated_staff_only", "note_required", "credit_rule", "trigger_event",
    "workshop_category", "state_office_only", "active",
]  # fmt: skip


def export(*args: str) -> list[dict[str, str]]:
    out = io.StringIO()
    call_command("export_service_catalog", *args, stdout=out)
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def test_it_writes_one_row_per_entry_with_columns_named_after_the_fields() -> None:
    out = io.StringIO()
    call_command("export_service_catalog", "--format", "csv", stdout=out)
    reader = csv.DictReader(io.StringIO(out.getvalue()))
    rows = list(reader)
    assert reader.fieldnames == COLUMNS
    assert len(rows) == ServiceType.objects.count() == 50
    assert [row["name"] for row in rows] == sorted(row["name"] for row in rows)


def test_each_row_carries_the_entrys_values() -> None:
    rows = {row["name"]: row for row in export()}
    assert rows["DVOP IEP"]["roles_allowed"] == "dvop"
    assert rows["DVOP IEP"]["capture_mode"] == "manual"
    assert rows["Job Development"]["note_required"] == "true"
    assert rows["Referred to WIOA Services-Manual"]["active"] == "false"
    assert rows["Referred to WIOA Services-Manual"]["state_office_only"] == "true"
    assert rows["Partnership-Project Xcel"]["designated_staff_only"] == "true"
    assert rows["Membership"]["countable"] == "false"
    assert rows["Membership"]["credit_rule"] == "dob_verifier"
    assert rows["Membership"]["trigger_event"] == "membership_completed"
    assert rows["Workshop- Job Search"]["workshop_category"] == "job_search"
    assert rows["Job Referral"]["federal_category"] == "basic_career"
    assert rows["Onet"]["description"] == ServiceType.objects.get(name="Onet").description


def test_commas_quotes_and_line_breaks_survive_the_round_trip() -> None:
    text = 'Helps with "résumés", cover letters,\nand more'
    ServiceTypeFactory(name="Odd, \"quoted\" entry", description=text, roles_allowed=["dvop",
                       "supervisor"])  # fmt: skip
    row = next(row for row in export() if row["name"] == 'Odd, "quoted" entry')
    assert row["description"] == text
    assert row["roles_allowed"] == "dvop;supervisor"


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_neutralised() -> None:
    ServiceTypeFactory(name='=HYPERLINK("http://x")', description="+1 then -2")
    row = next(row for row in export() if "HYPERLINK" in row["name"])
    assert row["name"] == '\'=HYPERLINK("http://x")'
    assert row["description"] == "'+1 then -2"


def test_it_writes_to_a_file_with_output(tmp_path: Path) -> None:
    target = tmp_path / "catalog.csv"
    err = io.StringIO()
    call_command("export_service_catalog", "--output", str(target), stdout=io.StringIO(),
                 stderr=err)  # fmt: skip
    rows = list(csv.DictReader(target.open(newline="", encoding="utf-8")))
    assert len(rows) == 50
    assert "Wrote 50 catalog entries" in err.getvalue()


def test_an_unwritable_output_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Cannot write"):
        call_command("export_service_catalog", "--output", str(tmp_path / "no" / "such.csv"))


def test_an_unknown_format_is_refused() -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        call_command("export_service_catalog", "--format", "xlsx")

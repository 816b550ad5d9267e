"""The nightly batch import (seed 003): idempotent, rejects with reasons, SSNs never shown."""

from __future__ import annotations

import csv
import datetime
import io
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from seekers.models import JobSeeker
from services.models import ParticipationPeriod, ServiceRecord, ServiceType
from tests.factories import JobSeekerFactory
from workforce.models import User

pytestmark = pytest.mark.django_db

SSN = "231-45-6789"
TOMORROW = timezone.localdate() + datetime.timedelta(days=1)
Writer = Callable[..., Path]  # the `write` fixture: text or bytes into a file of tmp_path


@pytest.fixture
def seeker(dvop: User) -> JobSeeker:
    """A seeker whose date of birth the DVOP verified."""
    return JobSeekerFactory(ssn=SSN, dob_verified_by=dvop, dob_verified_at=timezone.now())


@pytest.fixture
def write(tmp_path: Path) -> Writer:
    def write(text: str | bytes, name: str = "batch.csv") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text)
        return path

    return write


def run(path: Path, source: str = "cr101", *extra: str) -> str:
    out = io.StringIO()
    call_command("import_service_batch", str(path), "--source", source, *extra, stdout=out)
    return out.getvalue()


def rejects_of(path: Path | str) -> list[dict[str, str]]:
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


# --- good rows -----------------------------------------------------------------------------


def test_it_records_a_service_per_good_row_and_prints_a_summary(
    write: Writer, seeker: JobSeeker
) -> None:
    other = JobSeekerFactory()
    path = write(f"seeker_id,date\n{seeker.pk},01/15/2025\n{other.pk},2025-01-16\n")
    output = run(path)
    assert output.splitlines() == [
        "rows read: 2", "recorded: 2", "already recorded: 0",
        f"rejected: 0 (reasons in {path}.rejects.csv)",
        "recorded with nobody credited, date of birth not verified: 1",
    ]  # fmt: skip
    records = ServiceRecord.objects.order_by("service_date")
    assert [(r.seeker, r.service_type.name, r.service_date, r.event) for r in records] == [
        (seeker, "CR 101 Remediation", datetime.date(2025, 1, 15), "cr101_remediation"),
        (other, "CR 101 Remediation", datetime.date(2025, 1, 16), "cr101_remediation"),
    ]
    assert all(r.source.startswith("batch:cr101:") and r.recorded_by is None for r in records)


def test_running_the_same_file_twice_records_nothing_twice(
    write: Writer, seeker: JobSeeker
) -> None:
    path = write(f"seeker_id,date,detail\n{seeker.pk},01/15/2025,Math\n{seeker.pk},01/15/2025,"
                 "Reading\n")  # fmt: skip
    run(path)
    output = run(path)
    assert "rows read: 2" in output and "recorded: 0" in output
    assert "already recorded: 2" in output
    assert ServiceRecord.objects.count() == 2


def test_a_row_repeated_in_the_file_is_recorded_once(write: Writer, seeker: JobSeeker) -> None:
    path = write(f"seeker_id,date\n{seeker.pk},01/15/2025\n{seeker.pk}, 2025-01-15 \n")
    output = run(path)
    assert "recorded: 1" in output and "already recorded: 1" in output
    assert ServiceRecord.objects.count() == 1


def test_it_finds_a_seeker_by_ssn_in_any_formatting(write: Writer, seeker: JobSeeker) -> None:
    path = write(f"ssn,date\n{SSN},01/15/2025\n231456789,01/16/2025\n")
    output = run(path, "initial_assessment")
    assert "recorded: 2" in output and SSN not in output and "231456789" not in output
    assert set(ServiceRecord.objects.values_list("seeker", flat=True)) == {seeker.pk}


def test_a_row_by_id_and_the_same_row_by_ssn_are_one_service(
    write: Writer, seeker: JobSeeker
) -> None:
    run(write(f"seeker_id,date\n{seeker.pk},01/15/2025\n", "by-id.csv"))
    output = run(write(f"ssn,date\n{SSN},2025-01-15\n", "by-ssn.csv"))
    assert "already recorded: 1" in output and ServiceRecord.objects.count() == 1


@pytest.mark.parametrize(
    ("source", "service"),
    [("cr101", "CR 101 Remediation"), ("initial_assessment", "Initial Assessment")],
)
def test_cr101_and_initial_assessment_credit_the_staff_who_verified_the_date_of_birth(
    write: Writer, seeker: JobSeeker, dvop: User, source: str, service: str
) -> None:
    run(write(f"seeker_id,date\n{seeker.pk},01/15/2025\n"), source)
    record = ServiceRecord.objects.get()
    assert (record.service_type.name, record.credited_staff, record.recorded_by) == (
        service, dvop, None,
    )  # fmt: skip


def test_a_seeker_with_no_verified_date_of_birth_gets_an_uncredited_service(
    write: Writer,
) -> None:
    unverified = JobSeekerFactory()
    output = run(write(f"seeker_id,date\n{unverified.pk},01/15/2025\n"))
    assert "nobody credited, date of birth not verified: 1" in output
    assert ServiceRecord.objects.get().credited_staff is None


def test_the_initial_assessment_is_recorded_once_for_each_assessment(
    write: Writer, seeker: JobSeeker
) -> None:
    names = ("Applied Math", "Reading", "Locating Information")
    path = write(
        "seeker_id,date,detail\n" + "".join(f"{seeker.pk},01/15/2025,{n}\n" for n in names)
    )
    run(path, "initial_assessment")
    assert sorted(ServiceRecord.objects.values_list("note", flat=True)) == [
        "Applied Math", "Locating Information", "Reading",
    ]  # fmt: skip


def test_a_workkeys_score_is_recorded_with_its_score(write: Writer, seeker: JobSeeker) -> None:
    run(write(f"Seeker ID,Date,Score,Detail\n{seeker.pk},01/15/2025,5.0,Applied Math\n"),
        "workkeys")  # fmt: skip
    record = ServiceRecord.objects.get()
    assert (record.service_type.name, record.note) == (
        "Workkey Assessment",
        "Score 5 · Applied Math",
    )


def test_a_batch_service_extends_participation(write: Writer, seeker: JobSeeker) -> None:
    run(write(f"seeker_id,date\n{seeker.pk},01/15/2025\n"))
    period = ParticipationPeriod.objects.get(seeker=seeker)
    assert period.start_date == datetime.date(2025, 1, 15)


# --- rejects --------------------------------------------------------------------------------


def test_bad_rows_go_to_the_reject_file_with_a_reason_and_good_rows_still_count(
    write: Writer, seeker: JobSeeker
) -> None:
    other = JobSeekerFactory(ssn="232-45-6780")
    rows = [
        (f"{seeker.pk}", "", "01/15/2025", "7", ""),  # good
        ("999999", "", "01/15/2025", "", "No job seeker has the id 999999."),
        ("12a", "", "01/15/2025", "", "seeker_id is not a number."),
        ("", "123-45-6789", "01/15/2025", "", "No job seeker has that SSN."),
        ("", "12345", "01/15/2025", "", "ssn is not nine digits."),
        ("", "", "01/15/2025", "", "Neither seeker_id nor ssn is filled in."),
        (f"{seeker.pk}", "232-45-6780", "01/15/2025", "",
         "seeker_id and ssn name two different job seekers."),
        (f"{seeker.pk}", "", "", "", "date is missing."),
        (f"{seeker.pk}", "", "15/01/2025", "",
         "date is not a date written MM/DD/YYYY or YYYY-MM-DD."),
        (f"{seeker.pk}", "", TOMORROW.strftime("%m/%d/%Y"), "", "date is in the future."),
        (f"{seeker.pk}", "", "01/15/2025", "high", "score is not a number."),
    ]  # fmt: skip
    text = "seeker_id,ssn,date,score\n" + "".join(",".join(r[:4]) + "\n" for r in rows)
    text += f"{other.pk},01/15/2025\n"  # a missing comma
    path = write(text)
    output = run(path, "workkeys")
    assert "rows read: 12" in output and "recorded: 1" in output and "rejected: 11" in output
    rejects = rejects_of(f"{path}.rejects.csv")
    expected = [r[4] for r in rows[1:]] + ["The row has 2 columns; the header has 4."]
    assert [r["reason"] for r in rejects] == expected
    assert rejects[0] == {"reason": "No job seeker has the id 999999.", "seeker_id": "999999",
                          "ssn": "", "date": "01/15/2025", "score": ""}  # fmt: skip
    # A short row lines up after its reason; whatever sits in the ssn column is masked.
    assert Path(f"{path}.rejects.csv").read_text().splitlines()[-1] == (
        f"The row has 2 columns; the header has 4.,{other.pk},***-**-2025"
    )
    assert ServiceRecord.objects.count() == 1


def test_the_reject_file_masks_ssns_and_nothing_prints_them(
    write: Writer, seeker: JobSeeker, capsys: pytest.CaptureFixture
) -> None:
    path = write(
        "ssn,date\n"
        f"{SSN},13/13/2025\n"  # a known SSN, a bad date
        "123-45-6789,01/15/2025\n"  # an unknown SSN
        "999999999,01/15/2025,extra\n"  # a wrong row: every SSN-shaped cell is masked
    )
    output = run(path)
    text = Path(f"{path}.rejects.csv").read_text()
    for secret in (SSN, "231456789", "123-45-6789", "999999999"):
        assert secret not in text and secret not in output
    assert [r["ssn"] for r in rejects_of(f"{path}.rejects.csv")] == [
        "***-**-6789", "***-**-6789", "***-**-9999",
    ]  # fmt: skip
    captured = capsys.readouterr()
    assert SSN not in captured.out + captured.err


@pytest.mark.parametrize(
    ("detail", "masked"),
    [
        ("re ssn123456789 call back", "re ssn***-**-6789 call back"),
        ("123-45-6789Larsen", "***-**-6789Larsen"),
        ("Larsen 123 45 6789x", "Larsen ***-**-6789x"),
        ("per 123.45.6789;", "per ***-**-6789;"),
        ("score 88, phone 612-555-0100", "score 88, phone 612-555-0100"),
    ],
)
def test_the_reject_file_masks_an_ssn_anywhere_in_a_cell(
    write: Writer, seeker: JobSeeker, detail: str, masked: str
) -> None:
    """Issue 14: a bad row's detail, score or shifted cell never carries a full SSN."""
    path = write(f'seeker_id,date,detail\n{seeker.pk},13/13/2025,"{detail}"\n')
    run(path)
    (reject,) = rejects_of(f"{path}.rejects.csv")
    assert reject["detail"] == masked


def test_an_ssn_in_a_good_rows_detail_reaches_the_note_masked(
    write: Writer, seeker: JobSeeker
) -> None:
    path = write(f'seeker_id,date,detail\n{seeker.pk},01/15/2025,"called re 231456789Larsen"\n')
    run(path)
    assert ServiceRecord.objects.get().note == "called re ***-**-6789Larsen"


def test_the_reject_file_is_readable_by_its_owner_only(write: Writer, seeker: JobSeeker) -> None:
    path = write("ssn,date\n123-45-6789,01/15/2025\n")
    run(path)
    mode = stat.S_IMODE(os.stat(f"{path}.rejects.csv").st_mode)
    assert mode & (stat.S_IRWXG | stat.S_IRWXO) == 0


def test_the_reject_file_can_be_put_elsewhere(write: Writer, tmp_path: Path) -> None:
    path = write("seeker_id,date\n999999,01/15/2025\n")
    elsewhere = tmp_path / "out" / "rejects.csv"
    elsewhere.parent.mkdir()
    output = run(path, "cr101", "--reject-file", str(elsewhere))
    assert f"reasons in {elsewhere}" in output
    assert [r["reason"] for r in rejects_of(elsewhere)] == ["No job seeker has the id 999999."]
    assert not Path(f"{path}.rejects.csv").exists()


# --- bad files -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", "is not a CSV text file"),
        (b"PK\x03\x04\x00\x00seeker_id,date", "is not a CSV text file"),
        (b"", "is empty"),
        (b"name,date\nAnn Doe,01/15/2025\n", "has no seeker_id or ssn column"),
        (b"231-45-6789,01/15/2025\n", "has no seeker_id or ssn column"),
        (b"seeker_id,when\n1,01/15/2025\n", "has no date column"),
        (b"seeker_id,date,date\n1,01/15/2025,01/16/2025\n", "names a column twice"),
    ],
)
def test_a_file_that_cannot_be_imported_is_a_one_line_error_and_nothing_is_written(
    write: Writer, seeker: JobSeeker, content: bytes, message: str
) -> None:
    path = write(content)
    with pytest.raises(CommandError) as raised:
        run(path)
    assert message in str(raised.value) and "\n" not in str(raised.value)
    assert "231-45-6789" not in str(raised.value)
    assert not ServiceRecord.objects.exists()
    assert not Path(f"{path}.rejects.csv").exists()


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"Cannot read .*: No such file or directory"):
        run(tmp_path / "nope.csv")


def test_an_unknown_source_is_refused(write: Writer) -> None:
    with pytest.raises(CommandError, match="invalid choice"):
        run(write("seeker_id,date\n"), "ged")


def test_an_inactive_catalog_entry_stops_the_import(write: Writer, seeker: JobSeeker) -> None:
    ServiceType.objects.filter(name="CR 101 Remediation").update(active=False)
    with pytest.raises(CommandError, match="no active entry"):
        run(write(f"seeker_id,date\n{seeker.pk},01/15/2025\n"))
    assert not ServiceRecord.objects.exists()


def test_the_command_exits_non_zero_on_a_bad_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_service_batch", str(path), "--source", "cr101"],
        cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == (
        f"CommandError: {path} is not a CSV text file (it is not UTF-8 text)."
    )

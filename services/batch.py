"""The nightly batch import of services done outside Workforce (seed 003).

CR 101 Remediation and the Initial Assessment reach Toolbox "through a nightly batch
job", WorkKeys scores are "uploaded into Toolbox by ACT". A file is a CSV with a header
naming its columns: `seeker_id` or `ssn` (either, or both), `date` (MM/DD/YYYY or
YYYY-MM-DD), and optionally `score` and `detail`.

Each row is checked on its own: a bad row goes to the reject file, with its reason and
every SSN in it masked to the last four digits, and never stops the others. A good row records
the catalog's service through `record_event`, credited as the catalog says (the staff
member who verified the seeker's date of birth, for CR 101 and the Initial Assessment).
Its source is a digest of the normalised row, so running the same file again, or a
file repeating yesterday's rows, records nothing twice. SSNs are never printed: reasons
name the column, not its value.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from seekers import ssn as ssn_rules
from seekers.models import JobSeeker, ssn_blind_index
from seekers.services import seeker_lock
from services.constants import CreditRule, Event
from services.events import record_event
from services.models import ServiceRecord, ServiceType
from workforce.ssn_text import ssn_mask

SOURCES = {
    "cr101": Event.CR101_REMEDIATION,
    "initial_assessment": Event.INITIAL_ASSESSMENT,
    "workkeys": Event.WORKKEYS_SCORE,
}
DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d")
MAX_DETAIL = 500
MAX_ID_DIGITS = 18  # a bigint holds 18 digits safely; longer is not an id
# An SSN is masked in the reject file wherever it appears, whatever the column (a row with
# a missing comma shifts the SSN into another), with the search's own pattern (ssn_mask).


class BatchFileError(Exception):
    """The file as a whole cannot be imported; the message is one line, without PII."""


class RowRejected(Exception):
    """One row cannot be imported; the message is its reason, without PII."""


@dataclass
class BatchSummary:
    """What one run did: rows read, recorded, already recorded, rejected."""

    read: int = 0
    recorded: int = 0
    already: int = 0
    rejected: int = 0
    not_credited: int = 0  # recorded with nobody credited: date of birth not verified
    reject_path: Path | None = None
    rejects: list[list[str]] = field(default_factory=list, repr=False)


@dataclass(frozen=True)
class _Row:
    seeker: JobSeeker
    day: datetime.date
    score: str
    detail: str

    def key(self, source: str) -> str:
        normalised = f"{self.seeker.pk}|{self.day.isoformat()}|{self.score}|{self.detail}"
        return f"batch:{source}:{hashlib.sha256(normalised.encode()).hexdigest()}"

    def note(self) -> str:
        return " · ".join(part for part in [f"Score {self.score}" if self.score else "",
                                            self.detail] if part)  # fmt: skip


def batch_import(*, path: Path, source: str, reject_path: Path | None = None) -> BatchSummary:
    """Import one file; write its rejects to `reject_path`: a reason, then the row as read.

    The reason comes first so that a row with too few or too many cells still lines up
    with the header after it.
    """
    if source not in SOURCES:
        raise BatchFileError(f"Unknown source {source!r}: use one of {', '.join(SOURCES)}.")
    event = SOURCES[source]
    reject_path = reject_path or Path(f"{path}.rejects.csv")
    if reject_path.resolve() == path.resolve():
        raise BatchFileError("The reject file cannot be the file being imported.")
    header, rows = _read(path)
    columns = _columns(header, path)
    _check_catalog(event)
    summary = BatchSummary(reject_path=reject_path)
    for row in rows:
        summary.read += 1
        try:
            parsed = _parse(row, columns)
        except RowRejected as exc:
            summary.rejected += 1
            summary.rejects.append([str(exc), *_masked(row, columns)])
            continue
        _record(parsed, event=event, source=source, summary=summary)
    _write_rejects(reject_path, header, summary.rejects)
    return summary


def _check_catalog(event: str) -> None:
    if not ServiceType.objects.filter(trigger_event=event, active=True).exists():
        raise BatchFileError(
            f"The service catalog has no active entry for {Event(event).label!r}; "
            "nothing was imported."
        )


def _read(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header and the non-blank rows; BatchFileError for anything that is not CSV text."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise BatchFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise BatchFileError(f"{path} is not a CSV text file (it is not UTF-8 text).") from None
    if "\x00" in text:
        raise BatchFileError(f"{path} is not a CSV text file (it holds binary data).")
    try:
        rows = [row for row in csv.reader(io.StringIO(text, newline="")) if _filled(row)]
    except csv.Error as exc:
        raise BatchFileError(f"{path} is not a readable CSV file: {exc}.") from None
    if not rows:
        raise BatchFileError(f"{path} is empty: it needs a header line and rows.")
    return rows[0], rows[1:]


def _filled(row: list[str]) -> bool:
    return any(cell.strip() for cell in row)


def _columns(header: list[str], path: Path) -> list[str]:
    columns = [re.sub(r"[\s-]+", "_", name.strip().lower()) for name in header]
    if not {"seeker_id", "ssn"} & set(columns):
        raise BatchFileError(
            f"{path} has no seeker_id or ssn column: its first line must name the columns, "
            "for example seeker_id,date,score,detail."
        )
    if "date" not in columns:
        raise BatchFileError(f"{path} has no date column in its first line.")
    if len(set(columns)) != len(columns):
        raise BatchFileError(f"{path} names a column twice in its first line.")
    return columns


def _parse(row: list[str], columns: list[str]) -> _Row:
    if len(row) != len(columns):
        raise RowRejected(f"The row has {len(row)} columns; the header has {len(columns)}.")
    values = {name: cell.strip() for name, cell in zip(columns, row, strict=True)}
    return _Row(
        seeker=_seeker(values.get("seeker_id", ""), values.get("ssn", "")),
        day=_day(values["date"]),
        score=_score(values.get("score", "")),
        detail=_detail(values.get("detail", "")),
    )


def _seeker(raw_id: str, raw_ssn: str) -> JobSeeker:
    if not raw_id and not raw_ssn:
        raise RowRejected("Neither seeker_id nor ssn is filled in.")
    seekers = JobSeeker.objects.select_related("dob_verified_by")
    by_id = by_ssn = None
    if raw_id:
        if not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > MAX_ID_DIGITS:
            raise RowRejected("seeker_id is not a number.")
        by_id = seekers.filter(pk=int(raw_id)).first()
        if by_id is None:
            raise RowRejected(f"No job seeker has the id {int(raw_id)}.")
    if raw_ssn:
        try:
            digits = ssn_rules.normalize(raw_ssn)
        except ValidationError:
            raise RowRejected("ssn is not nine digits.") from None
        by_ssn = seekers.filter(ssn_index=ssn_blind_index(digits)).first()
        if by_ssn is None:
            raise RowRejected("No job seeker has that SSN.")
    if by_id and by_ssn and by_id.pk != by_ssn.pk:
        raise RowRejected("seeker_id and ssn name two different job seekers.")
    return by_id or by_ssn


def _day(raw: str) -> datetime.date:
    if not raw:
        raise RowRejected("date is missing.")
    for fmt in DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(raw, fmt).date()
            break
        except ValueError:
            continue
    else:
        raise RowRejected("date is not a date written MM/DD/YYYY or YYYY-MM-DD.")
    if day > timezone.localdate():
        raise RowRejected("date is in the future.")
    return day


def _score(raw: str) -> str:
    if not raw:
        return ""
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise RowRejected("score is not a number.") from None
    if not number.is_finite():
        raise RowRejected("score is not a number.")
    return format(number.normalize(), "f")


def _detail(raw: str) -> str:
    """The detail as the service's note: an SSN typed into it is kept as its last four only."""
    detail = ssn_mask(" ".join(raw.split()))
    if len(detail) > MAX_DETAIL:
        raise RowRejected(f"detail is longer than {MAX_DETAIL} characters.")
    return detail


def _record(row: _Row, *, event: str, source: str, summary: BatchSummary) -> None:
    key = row.key(source)
    with transaction.atomic():
        # Locked before the check, so that two runs of one file count each row once.
        seeker_lock(seeker=row.seeker)
        if ServiceRecord.objects.filter(event=event, source=key).exists():
            summary.already += 1
            return
        records = record_event(event, seeker=row.seeker, actor=None, when=row.day, source=key,
                               note=row.note())  # fmt: skip
    summary.recorded += 1
    if any(r.credited_staff_id is None and r.service_type.credit_rule == CreditRule.DOB_VERIFIER
           for r in records):  # fmt: skip
        summary.not_credited += 1


def _masked(row: list[str], columns: list[str]) -> list[str]:
    ssn_at = columns.index("ssn") if "ssn" in columns else None
    return [_mask(cell) if i == ssn_at else ssn_mask(cell) for i, cell in enumerate(row)]


def _mask(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if not value.strip():
        return ""
    return f"***-**-{digits[-4:]}" if len(digits) >= 4 else "***"


def _write_rejects(path: Path, header: list[str], rejects: list[list[str]]) -> None:
    """Always written, so yesterday's rejects never pass for today's; readable by owner only."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["reason", *header])
        writer.writerows(rejects)

"""The PIRL 900/901 export: one row per participation period overlapping a date range."""

from __future__ import annotations

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.http import StreamingHttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports.selectors import PIRL_HEADER, pirl_rows
from seekers.models import JobSeeker
from services.constants import FederalCategory
from services.models import ServiceType, WorkshopReferral, WorkshopResult
from services.participation import participation_rebuild, participation_summary
from tests.factories import (
    JobSeekerFactory,
    ServiceRecordFactory,
    ServiceTypeFactory,
    WorkshopFactory,
    WorkshopReferralFactory,
)
from workforce.models import User

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 21)
CHICAGO = ZoneInfo("America/Chicago")


@pytest.fixture
def counted() -> ServiceType:
    return ServiceTypeFactory(
        name="Counted service", countable=True, federal_category=FederalCategory.BASIC_CAREER
    )


@pytest.fixture
def frozen_today(monkeypatch: pytest.MonkeyPatch) -> datetime.date:
    real = timezone.localdate

    def localdate(value: datetime.datetime | None = None, timezone: object = None) -> object:
        return TODAY if value is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


def serve(seeker: JobSeeker, kind: ServiceType, *days: datetime.date) -> None:
    for day in days:
        ServiceRecordFactory(seeker=seeker, service_type=kind, service_date=day)


@pytest.fixture
def people(counted: ServiceType) -> dict[str, JobSeeker]:
    """two: two periods in 2026 (gap of 120 days); open: still going; old: ended in 2025;
    hidden: opted out, exited."""
    found = {name: JobSeekerFactory(opted_out=name == "hidden")
             for name in ("two", "open", "old", "hidden")}  # fmt: skip
    serve(found["two"], counted, D(2026, 1, 5), D(2026, 2, 1), D(2026, 6, 1))
    serve(found["open"], counted, D(2026, 7, 1), D(2026, 9, 15), D(2026, 10, 30))
    serve(found["old"], counted, D(2025, 3, 3))
    serve(found["hidden"], counted, D(2026, 4, 4))
    participation_rebuild(seeker_ids=None)
    return found


def export(client: Client, start: str, end: str) -> list[list[str]]:
    response = client.get(reverse("reports:reports-pirl"), {"start": start, "end": end})
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_it_exports_entry_and_exit_dates_as_yyyymmdd(
    people: dict, frozen_today: D, supervisor_client: Client
) -> None:
    rows = export(supervisor_client, "2026-01-01", "2026-12-31")
    assert rows[0] == PIRL_HEADER == [
        "seeker_id", "pirl_900_date_of_program_entry", "pirl_901_date_of_program_exit",
    ]  # fmt: skip
    two, open_, hidden = people["two"].pk, people["open"].pk, people["hidden"].pk
    assert sorted(rows[1:]) == sorted([
        [str(two), "20260105", "20260201"],  # exited: 02/01 + 90 days passed long ago
        [str(two), "20260601", "20260601"],  # a second period, 120 days later
        [str(open_), "20260701", ""],  # 10/30 is 22 days ago: not exited
        [str(hidden), "20260404", "20260404"],  # supervisors see opted-out seekers
    ])  # fmt: skip


def test_only_periods_overlapping_the_range_are_exported(
    people: dict, frozen_today: D, supervisor_client: Client
) -> None:
    rows = export(supervisor_client, "2026-03-01", "2026-05-31")
    # two's first period ended 02/01, its second began 06/01; open began 07/01.
    assert rows[1:] == [[str(people["hidden"].pk), "20260404", "20260404"]]
    rows = export(supervisor_client, "2025-01-01", "2025-12-31")
    assert rows[1:] == [[str(people["old"].pk), "20250303", "20250303"]]


def test_the_download_is_a_streamed_csv_attachment(
    people: dict, frozen_today: D, supervisor_client: Client
) -> None:
    response = supervisor_client.get(
        reverse("reports:reports-pirl"), {"start": "2026-07-01", "end": "2026-09-30"}
    )
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="pirl-900-901-20260701-20260930.csv"'
    )
    response.close()  # as the WSGI server does: it ends the export's transaction unread


def test_it_never_contains_an_ssn(people: dict, frozen_today: D, supervisor_client: Client) -> None:
    body = "\n".join(",".join(row) for row in export(supervisor_client, "2025-01-01", "2026-12-31"))
    for seeker in people.values():
        seeker.refresh_from_db()
        assert seeker.ssn
        assert seeker.ssn.replace("-", "") not in body.replace("-", "")
    assert "ssn" not in body.splitlines()[0].lower()


def test_partner_staff_would_not_export_opted_out_seekers(people: dict, partner: User) -> None:
    ids = {row[0] for row in pirl_rows(user=partner, start=D(2026, 1, 1), end=D(2026, 12, 31),
                                       today=TODAY)}  # fmt: skip
    assert people["hidden"].pk not in ids
    assert people["two"].pk in ids


def test_without_a_range_it_shows_the_form_with_the_last_quarter(
    frozen_today: D, supervisor_client: Client
) -> None:
    response = supervisor_client.get(reverse("reports:reports-pirl"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.context["form"].initial == {"start": D(2026, 7, 1), "end": D(2026, 9, 30)}
    assert "pirl_901_date_of_program_exit" in response.content.decode()  # the column notes


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"start": "2026-02-30", "end": "2026-03-01"}, "start", "Enter a valid date."),
        ({"start": "2026-07-01", "end": ""}, "end", "Enter the last date."),
        ({"start": "2026-07-01", "end": "2026-06-30"}, "end", "on or after the first date"),
        ({"start": "2020-01-01", "end": "2026-01-01"}, "end", "three years or less"),
    ],
)
def test_a_bad_range_is_refused_with_a_message_beside_the_field(
    supervisor_client: Client, params: dict, field: str, message: str
) -> None:
    response = supervisor_client.get(reverse("reports:reports-pirl"), params)
    assert response.status_code == 400
    assert not response.streaming
    assert any(message in error for error in response.context["form"].errors[field])


def ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


# The SQL decides "ended" by the rule of period_status and participation_summary (the
# seeker page): the same answer in every case. Referrals: (made days ago, workshop days
# ago (negative: ahead), still pending).
@pytest.mark.parametrize(
    ("last", "referrals", "ended"),
    [
        (90, [], False),  # exactly 90 days: still open
        (91, [], True),  # 91: ended
        (200, [(150, -5, True)], False),  # made while open, workshop ahead
        (200, [(150, -5, False)], True),  # resulted: no longer scheduled
        (200, [(150, 1, True)], True),  # the workshop date has passed
        (100, [(5, -10, True)], True),  # made after the period ended (day 10 ago)
        (200, [(150, 40, False), (45, -10, True)], False),  # chained while the first held it
        (200, [(150, 60, False), (45, -10, True)], True),  # the chain broke on day 60 ago
    ],
)
def test_exit_in_sql_agrees_with_the_seeker_page(
    counted: ServiceType, supervisor: User, last: int, referrals: list, ended: bool
) -> None:
    seeker = JobSeekerFactory()
    serve(seeker, counted, ago(last))
    for made, held, pending in referrals:
        day = ago(held)
        when = datetime.datetime(day.year, day.month, day.day, 9, tzinfo=CHICAGO)
        result = {} if pending else {"result": WorkshopResult.NO_SHOW, "resulted_by": supervisor,
                                     "resulted_at": timezone.now()}  # fmt: skip
        referral = WorkshopReferralFactory(
            seeker=seeker, workshop=WorkshopFactory(starts_at=when), **result
        )
        made_at = datetime.datetime.combine(ago(made), datetime.time(10), tzinfo=CHICAGO)
        WorkshopReferral.objects.filter(pk=referral.pk).update(referred_at=made_at)
    participation_rebuild(seeker_ids=[seeker.pk])
    [(_id, _entry, exit_)] = list(
        pirl_rows(user=supervisor, start=ago(last), end=ago(last), today=TODAY)
    )
    summary = participation_summary(seeker=seeker, today=TODAY)
    assert summary["ended"] is ended
    assert exit_ == (f"{ago(last):%Y%m%d}" if ended else "")

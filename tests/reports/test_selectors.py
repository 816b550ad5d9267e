"""Quarterly services and staff-credit figures (reports.selectors): exact counts on the
hand-built dataset of conftest.py, at the fixed report date TODAY of helpers.py."""

from __future__ import annotations

import pytest

from reports.selectors import (
    Quarter,
    quarter_latest_complete,
    quarterly_report,
    staff_credit_report,
)
from tests.reports.helpers import Q1, TODAY, D
from workforce.models import Office, User

pytestmark = pytest.mark.django_db


# --- quarters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("quarter", "start", "end"),
    [
        (Quarter(2026, 1), D(2026, 7, 1), D(2026, 9, 30)),
        (Quarter(2026, 2), D(2026, 10, 1), D(2026, 12, 31)),
        (Quarter(2026, 3), D(2027, 1, 1), D(2027, 3, 31)),
        (Quarter(2026, 4), D(2027, 4, 1), D(2027, 6, 30)),
    ],
)
def test_program_year_quarters_begin_in_july(quarter: Quarter, start: D, end: D) -> None:
    assert (quarter.start, quarter.end) == (start, end)
    assert Quarter.containing(start) == quarter == Quarter.containing(end)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 11, 21), Quarter(2026, 1)),
        (D(2026, 10, 1), Quarter(2026, 1)),
        (D(2026, 9, 30), Quarter(2025, 4)),
        (D(2027, 2, 1), Quarter(2026, 2)),
        (D(2027, 7, 1), Quarter(2026, 4)),
    ],
)
def test_the_default_quarter_is_the_most_recent_complete_one(today: D, expected: Quarter) -> None:
    assert quarter_latest_complete(today=today) == expected


# --- the figures ------------------------------------------------------------------------


def test_it_counts_participants_served_new_and_exiters(dataset: dict, supervisor: User) -> None:
    report = quarterly_report(user=supervisor, quarter=Q1, today=TODAY)
    assert (report.served, report.new, report.exiters) == (6, 4, 3)  # ABDEGK, BDEK, AEK


def test_it_counts_services_by_service_type_and_by_office(
    dataset: dict, supervisor: User, office: Office, other_office: Office
) -> None:
    report = quarterly_report(user=supervisor, quarter=Q1, today=TODAY)
    assert [(r["service"], r["participation"], r["services"]) for r in report.by_service] == [
        ("Counted service", True, 6),
        ("Not countable", False, 1),
        ("Self-service", False, 1),
    ]
    assert [
        (r["office"], r["services"], r["participation_services"]) for r in report.by_office
    ] == [(office.name, 4, 4), (other_office.name, 3, 2), (None, 1, 0)]
    assert (report.total_services, report.total_participation_services) == (8, 6)


def test_an_office_counts_the_people_enrolled_there_and_the_services_given_there(
    dataset: dict, supervisor: User, office: Office
) -> None:
    report = quarterly_report(user=supervisor, quarter=Q1, office=office, today=TODAY)
    assert (report.served, report.new, report.exiters) == (3, 2, 2)  # ABE, BE, AE
    assert [(r["service"], r["services"]) for r in report.by_service] == [("Counted service", 4)]
    assert [(r["office"], r["services"]) for r in report.by_office] == [(office.name, 4)]


def test_exiters_grow_as_the_report_date_moves_on(dataset: dict, supervisor: User) -> None:
    # On 10/14/2026 A (07/15) and K (07/10) have had more than 90 days without service.
    early = quarterly_report(user=supervisor, quarter=Q1, today=D(2026, 10, 14))
    assert early.exiters == 2
    # On 01/01/2027 B's 09/20 is 103 days old, and D's workshop (12/01) is past.
    late = quarterly_report(user=supervisor, quarter=Q1, today=D(2027, 1, 1))
    assert late.exiters == 5  # A, B, D, E, K


def test_a_quarter_with_nothing_in_it_is_all_zeros(dataset: dict, supervisor: User) -> None:
    report = quarterly_report(user=supervisor, quarter=Quarter(2024, 2), today=TODAY)
    assert (report.served, report.new, report.exiters, report.total_services) == (0, 0, 0, 0)
    assert report.by_service == [] and report.by_office == []


# --- visibility --------------------------------------------------------------------------


def test_the_reports_apply_visible_to_for_partner_staff(
    dataset: dict, partner: User, supervisor: User
) -> None:
    """Only supervisors read reports, but the queries still go through visible_to(user):
    partner staff would not count E, who opted out."""
    mine = quarterly_report(user=partner, quarter=Q1, today=TODAY)
    assert (mine.served, mine.new, mine.exiters) == (5, 3, 2)
    assert mine.total_services == 7  # E's 07/20 service is not counted
    credit = staff_credit_report(user=partner, start=D(2026, 7, 1), end=D(2026, 7, 1))
    everyone = staff_credit_report(user=supervisor, start=D(2026, 7, 1), end=D(2026, 7, 1))
    assert sum(r["services"] for r in everyone) - sum(r["services"] for r in credit) == 1


def test_an_inactive_user_sees_no_figures(dataset: dict, supervisor: User) -> None:
    supervisor.is_active = False
    report = quarterly_report(user=supervisor, quarter=Q1, today=TODAY)
    assert (report.served, report.total_services) == (0, 0)


# --- staff credit ------------------------------------------------------------------------


def test_it_counts_services_credited_per_staff_member_office_and_month(
    dataset: dict, supervisor: User, casemanager: User, dvop: User, office: Office,
    other_office: Office,
) -> None:  # fmt: skip
    rows = staff_credit_report(user=supervisor, start=D(2026, 7, 1), end=D(2026, 9, 1))
    got = [
        (r["username"], r["office"], r["month"], r["services"], r["participation_services"])
        for r in rows
    ]
    names = {user.username: (user.last_name, user.first_name) for user in (casemanager, dvop)}
    expected = sorted(
        [
            ("casemanager", office.name, D(2026, 7, 1), 2, 2),  # A 07/15, E 07/20
            ("casemanager", office.name, D(2026, 8, 1), 1, 1),  # B 08/01
            ("dvop", other_office.name, D(2026, 7, 1), 3, 2),  # C 07/10 (info), D, K
            ("dvop", office.name, D(2026, 9, 1), 1, 1),  # B 09/20
        ],
        key=lambda row: (names[row[0]], row[0], row[1], row[2]),
    )
    assert got == expected  # H's self-service is credited to nobody and is left out


def test_staff_credit_office_filter_keeps_services_given_there(
    dataset: dict, supervisor: User, other_office: Office
) -> None:
    rows = staff_credit_report(
        user=supervisor, start=D(2026, 1, 1), end=D(2026, 12, 1), office=other_office
    )
    assert {r["office"] for r in rows} == {other_office.name}
    assert sum(r["services"] for r in rows) == 6  # C 03/01 and 07/10, D, G, K, X

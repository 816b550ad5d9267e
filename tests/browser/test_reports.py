"""Reports in a real browser: a supervisor goes from the header to the quarterly report."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from reports.selectors import quarter_latest_complete
from services.participation import participation_rebuild
from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import (
    TEST_PASSWORD,
    JobSeekerFactory,
    ServiceRecordFactory,
    ServiceTypeFactory,
)
from workforce.models import Office, User


@pytest.fixture
def served(casemanager: User, office: Office) -> None:
    """Three people served in the last complete quarter, at the North office."""
    quarter = quarter_latest_complete(today=timezone.localdate())
    kind = ServiceTypeFactory(name="Career Guidance (test)", countable=True,
                              federal_category="basic_career")  # fmt: skip
    for offset in (3, 20, 40):
        ServiceRecordFactory(
            seeker=JobSeekerFactory(offices=[office]), service_type=kind, office=office,
            service_date=quarter.start + datetime.timedelta(days=offset),
            credited_staff=casemanager,
        )  # fmt: skip
    participation_rebuild(seeker_ids=None)


def test_a_supervisor_opens_the_quarterly_report_from_the_header(
    page: Page, supervisor: User, served: None, office: Office, problems: PageProblems
) -> None:
    quarter = quarter_latest_complete(today=timezone.localdate())
    sign_in(page, "supervisor", TEST_PASSWORD)
    page.get_by_role("navigation", name="Primary navigation").get_by_role(
        "link", name="Reports"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reports")
    check_page(page, "reports-index")

    page.get_by_role("link", name="Quarterly services report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quarterly services report")
    expect(page.get_by_role("heading", level=2).first).to_contain_text(str(quarter))
    participants = page.locator("#participants")
    expect(participants.get_by_role("row", name="Participants served")).to_contain_text("3")
    expect(participants.get_by_role("row", name="New participants")).to_contain_text("3")
    expect(page.locator("#by-office")).to_contain_text(office.name)
    check_page(page, "reports-quarterly")

    # The filter by keyboard: choose the office, send with Enter.
    page.get_by_label("Office", exact=True).select_option(label=office.name)
    page.get_by_label("Program year").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=2).first).to_contain_text(office.name)

    with page.expect_download() as info:
        page.get_by_role("link", name="Download CSV").click()
    download = info.value
    assert download.suggested_filename == (
        f"services-{quarter.year}-q{quarter.number}-office-{office.pk}.csv"
    )
    with open(download.path(), encoding="utf-8") as handle:
        text = handle.read()
    assert text.startswith(f"Quarterly services report,{quarter}")
    assert "Participants served,3" in text
    assert problems.errors == []


def test_a_bad_year_is_explained_beside_the_field(page: Page, supervisor: User) -> None:
    sign_in(page, "supervisor", TEST_PASSWORD)
    page.goto("/services/reports/quarterly/?year=1999&quarter=1")
    expect(page.locator("#div_id_year")).to_contain_text("greater than or equal to 2000")
    expect(page.get_by_role("alert").first).to_contain_text("correct the highlighted field")
    check_page(page, "reports-quarterly-error")


def test_the_staff_credit_and_pirl_pages_are_accessible(
    page: Page, supervisor: User, served: None
) -> None:
    sign_in(page, "supervisor", TEST_PASSWORD)
    page.goto("/services/reports/staff-credit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff-credit report")
    expect(page.locator("#staff-credit")).to_contain_text("Total")
    check_page(page, "reports-staff-credit")
    page.goto("/services/reports/pirl/")
    expect(page.get_by_role("heading", level=1)).to_have_text("PIRL 900 and 901 export")
    check_page(page, "reports-pirl")
    with page.expect_download() as info:
        page.get_by_role("button", name="Download CSV").click()
    assert info.value.suggested_filename.startswith("pirl-900-901-")

"""Job search from Case Details in a real browser: search, Refer, the section, the service; axe."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from seekers.models import JobReferral
from services.models import ServiceRecord
from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import (
    TEST_PASSWORD,
    AssessmentFactory,
    EmployerFactory,
    JobPostingFactory,
    JobSeekerFactory,
)
from workforce.models import Office, User
from workforce.urlids import id_encode


def check(page: Page, name: str) -> None:
    check_page(page, f"jobs-{name}")


def test_a_case_manager_searches_jobs_and_refers_a_seeker(
    page: Page, casemanager: User, office: Office, problems: PageProblems
) -> None:
    seeker = JobSeekerFactory(first_name="Margaret", last_name="Larsen", offices=[office])
    AssessmentFactory(seeker=seeker, desired_occupation="Forklift operator",
                      occupation_code="53-7051.00", created_by=casemanager)  # fmt: skip
    employer = EmployerFactory(name="Northstar Logistics", city="Mankato")
    posting = JobPostingFactory(
        employer=employer, title="Forklift Operator", city="Mankato",
        occupation_code="53-7051.00", occupation_title="Industrial Truck and Tractor Operators",
        description="Move pallets with a reach truck on second shift.", wage="$22 an hour",
    )  # fmt: skip
    JobPostingFactory(title="Call Center Representative", description="Answer customer calls.")

    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto(f"/seekers/{id_encode(seeker.pk)}/")
    section = page.locator("#jobs")
    expect(section.get_by_role("heading", name="Job search and referrals")).to_be_visible()
    expect(section.get_by_text("No job referrals yet.")).to_be_visible()
    check(page, "case-details")

    section.get_by_role("link", name=re.compile("^Search jobs")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Job search")
    expect(page.get_by_label("Occupation")).to_have_value("53-7051")  # from the assessment
    check(page, "search-prefilled")

    page.get_by_label("Occupation").fill("")
    page.get_by_label("Keywords").fill("pallets")
    page.get_by_role("button", name="Search postings").click()
    expect(page.get_by_role("heading", name="1 posting found")).to_be_visible()
    results = page.get_by_role("table", name=re.compile("best matches first"))
    expect(results).to_contain_text("Northstar Logistics")
    expect(results).not_to_contain_text("Call Center Representative")
    check(page, "search-results")

    page.get_by_role("link", name="Forklift Operator").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Forklift Operator")
    check(page, "posting")
    page.go_back()

    page.get_by_role(
        "button", name=re.compile("^Refer Margaret Larsen to Forklift Operator")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Margaret Larsen")
    page.wait_for_load_state("load")
    expect(page.get_by_role("status").first).to_contain_text(
        "Margaret Larsen is referred to “Forklift Operator” at Northstar Logistics."
    )
    referrals = page.locator("#jobs table").first
    expect(referrals.get_by_role("rowheader", name="Forklift Operator")).to_be_visible()
    expect(referrals).to_contain_text("Northstar Logistics")
    expect(referrals).to_contain_text("Waiting for the employer")
    services = page.locator("#seeker-services table")
    expect(services.get_by_role("rowheader", name="Job Referral")).to_be_visible()
    check(page, "case-details-referred")

    referral = JobReferral.objects.get()
    assert (referral.seeker, referral.posting, referral.referred_by) == (
        seeker,
        posting,
        casemanager,
    )
    assert (
        ServiceRecord.objects.filter(seeker=seeker, service_type__name="Job Referral").count() == 1
    )
    assert problems.errors == []

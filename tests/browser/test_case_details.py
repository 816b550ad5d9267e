"""Issue 7 end to end in a real browser: find a seeker, open Case Details, enroll in WIOA
Adult, add a plan step, refer to a job; the automatic services appear; axe on every page."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from seekers.models import Enrollment, JobReferral, PlanStep
from services.models import ServiceRecord
from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.browser.test_enrollment import choose
from tests.factories import (
    TEST_PASSWORD,
    DemographicsFactory,
    EmployerFactory,
    JobPostingFactory,
    JobSeekerFactory,
)
from workforce.constants import WIOA_ADULT, PrivilegeLevel
from workforce.models import Office, Program, ProgramPrivilege, User
from workforce.urlids import id_encode


def check(page: Page, name: str) -> None:
    check_page(page, f"case-details-{name}")


def test_a_case_manager_enrolls_plans_and_refers_from_case_details(
    page: Page, casemanager: User, office: Office, problems: PageProblems
) -> None:
    adult = Program.objects.get(code=WIOA_ADULT)
    ProgramPrivilege.objects.create(user=casemanager, program=adult, level=PrivilegeLevel.ENROLL)
    seeker = JobSeekerFactory(first_name="Rosalind", last_name="Quenneville", offices=[office])
    DemographicsFactory(seeker=seeker, gender="female", right_to_work="yes",
                        selective_service="not_required")  # fmt: skip
    JobPostingFactory(
        employer=EmployerFactory(name="Riverbend Bakery"), title="Bakery Production Worker",
        occupation_code="51-3011.00", description="Mix and shape dough on the early shift.",
    )  # fmt: skip
    sign_in(page, "casemanager", TEST_PASSWORD)

    # Find the seeker with the header's search box.
    box = page.get_by_role("combobox", name="Search job seekers")
    box.focus()
    page.keyboard.type("Quenneville", delay=10)
    page.keyboard.press("Enter")
    page.get_by_role("link", name=re.compile("Quenneville, Rosalind")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Rosalind Quenneville")
    check(page, "found")

    # Program Registration: eligible, so the Enroll button is there.
    row = page.locator("#program-wioa-adult")
    expect(row).to_contain_text("Eligible")
    row.get_by_role("link", name="Enroll in WIOA Adult").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Enroll in WIOA Adult")
    choose(page, "Career services")
    choose(page, "Low income")
    service = page.get_by_role("group", name=re.compile("^Selective Service registration checked"))
    choose(service, "Yes")
    attest = page.get_by_label("I attest that all provided information has been verified.")
    page.locator(f"label[for='{attest.get_attribute('id')}']").click()
    expect(attest).to_be_checked()
    check(page, "enroll")
    page.get_by_role("button", name="Enroll", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("is enrolled in WIOA Adult")
    page.goto(f"/seekers/{id_encode(seeker.pk)}/")
    expect(page.locator("#program-wioa-adult")).to_contain_text("Open")

    # A plan with a training step.
    page.locator("#plans").get_by_role("link", name="Add a plan").click()
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("status").first).to_contain_text("Employment plan started.")
    page.get_by_role("link", name="Add a step").click()
    page.get_by_label("Kind of step").select_option(label="Training")
    page.get_by_label(re.compile(r"^Step\b")).fill("Food safety certificate")
    check(page, "step")
    page.get_by_role("button", name="Add the step").click()
    expect(page.get_by_role("status").first).to_contain_text("placed in training")
    page.get_by_role("link", name=re.compile("^Back to Rosalind Quenneville")).click()

    # A job referral.
    page.locator("#jobs").get_by_role("link", name=re.compile("^Search jobs")).click()
    page.get_by_label("Occupation").fill("")
    page.get_by_label("Keywords").fill("dough")
    page.get_by_role("button", name="Search postings").click()
    check(page, "jobs")
    page.get_by_role(
        "button", name=re.compile("^Refer Rosalind Quenneville to Bakery Production Worker")
    ).click()
    expect(page.get_by_role("status").first).to_contain_text("is referred to")

    # Case Details shows it all, with seed 003's automatic services.
    services = page.locator("#seeker-services table")
    for name in ["Placed in Training", "Job Referral"]:
        expect(services.get_by_role("rowheader", name=name)).to_be_visible()
    expect(page.locator("#jobs")).to_contain_text("Bakery Production Worker")
    expect(page.locator("#activity")).to_contain_text("Enrollment")
    check(page, "done")
    assert Enrollment.objects.get(seeker=seeker, program=adult).status == "open"
    assert PlanStep.objects.filter(plan__seeker=seeker).count() == 1
    assert JobReferral.objects.filter(seeker=seeker).count() == 1
    names = sorted(ServiceRecord.objects.filter(seeker=seeker).values_list(
        "service_type__name", flat=True))  # fmt: skip
    assert names == ["Job Referral", "Placed in Training"]
    assert problems.errors == []

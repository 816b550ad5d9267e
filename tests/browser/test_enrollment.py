"""Program Registration in a real browser: answer a missing question, enroll, see it open."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from seekers.models import Enrollment
from tests.browser.conftest import PageProblems, check_page, sign_in, tab_to
from tests.factories import TEST_PASSWORD, DemographicsFactory, JobSeekerFactory
from workforce.constants import WIOA_ADULT, PrivilegeLevel
from workforce.models import Office, Program, ProgramPrivilege, User
from workforce.urlids import id_encode


def check(page: Page, name: str) -> None:
    check_page(page, f"enrollment-{name}")


def choose(scope: object, answer: str) -> None:
    """Pick a USWDS radio by clicking its label (the input itself is drawn off-screen)."""
    radio = scope.get_by_role("radio", name=answer, exact=True)
    scope.locator(f"label[for='{radio.get_attribute('id')}']").click()
    expect(radio).to_be_checked()


def test_a_case_manager_answers_a_missing_question_and_enrolls_in_wioa_adult(
    page: Page, casemanager: User, office: Office, problems: PageProblems
) -> None:
    adult = Program.objects.get(code=WIOA_ADULT)
    ProgramPrivilege.objects.create(user=casemanager, program=adult, level=PrivilegeLevel.ENROLL)
    seeker = JobSeekerFactory(first_name="Margaret", last_name="Larsen", offices=[office])
    DemographicsFactory(seeker=seeker, gender="female", right_to_work="")
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto(f"/seekers/{id_encode(seeker.pk)}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Margaret Larsen")
    adult_row = page.locator("#program-wioa-adult")
    expect(adult_row).to_contain_text("Undetermined")
    expect(adult_row.get_by_role("link", name="Enroll in WIOA Adult")).to_have_count(0)
    check(page, "seeker-undetermined")

    # The missing answer, from the row's link, by keyboard.
    answer = adult_row.get_by_role("link", name="Answer in Demographics for WIOA Adult")
    tab_to(page, answer, limit=200)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Demographics")
    check(page, "demographics-edit")
    question = page.get_by_role("group", name=re.compile("^Legally eligible to work"))
    choose(question, "Yes")
    page.get_by_role("button", name="Save demographics").click()

    expect(page.get_by_role("status").first).to_contain_text("Demographics of Margaret Larsen")
    expect(adult_row).to_contain_text("Eligible")
    enroll = adult_row.get_by_role("link", name="Enroll in WIOA Adult")
    expect(enroll).to_be_visible()
    check(page, "seeker-eligible")
    tab_to(page, enroll, limit=200)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Enroll in WIOA Adult")
    check(page, "enroll")
    choose(page, "Career services")
    choose(page, "Low income")
    choose(page.get_by_role("group", name=re.compile("^Selective Service registration checked")),
           "Yes")  # fmt: skip
    attest = page.get_by_label("I attest that all provided information has been verified.")
    tab_to(page, attest, limit=60)
    page.keyboard.press("Space")
    expect(attest).to_be_checked()
    page.get_by_role("button", name="Enroll", exact=True).click()

    expect(page.get_by_role("status").first).to_contain_text(
        "Margaret Larsen is enrolled in WIOA Adult."
    )
    expect(adult_row).to_contain_text("Open")
    expect(adult_row.get_by_role("link", name="Enroll in WIOA Adult")).to_have_count(0)
    check(page, "seeker-enrolled")

    adult_row.get_by_role("link", name=re.compile("^View the open WIOA Adult enrollment")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("WIOA Adult enrollment")
    expect(page.locator("#enrollment-status")).to_have_text("Open")
    check(page, "detail")

    enrollment = Enrollment.objects.get(seeker=seeker)
    assert enrollment.status == "open" and enrollment.attested_by == casemanager
    assert enrollment.answers["priority_group"] == "Low income"
    assert problems.errors == []

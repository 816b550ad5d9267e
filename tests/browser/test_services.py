"""Options → Seeker Services in a real browser: keyboard only, recorded, listed, axe clean."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from seekers.models import JobSeeker
from services.models import ServiceRecord
from tests.browser.conftest import PageProblems, check_page, sign_in, tab_to
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from workforce.models import Office, User
from workforce.urlids import id_encode


def check(page: Page, name: str) -> None:
    check_page(page, f"services-{name}")


def test_a_case_manager_records_job_search_activity_by_keyboard(
    page: Page, casemanager: User, office: Office, problems: PageProblems
) -> None:
    seeker: JobSeeker = JobSeekerFactory(
        first_name="Margaret", last_name="Larsen", ssn="231-45-6789", offices=[office]
    )
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto(f"/seekers/{id_encode(seeker.pk)}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Margaret Larsen")
    expect(page.get_by_text("No services recorded yet.")).to_be_visible()
    check(page, "seeker-page")

    # Options → Seeker Services, the seed's path, with Tab and Enter only.
    options = page.locator("#seeker-services summary", has_text="Options")
    tab_to(page, options)
    page.keyboard.press("Enter")
    link = page.get_by_role("link", name="Seeker Services")
    expect(link).to_be_visible()
    check(page, "options-open")
    tab_to(page, link)
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Seeker Services")
    page.wait_for_load_state("load")
    check(page, "record")
    expect(page.get_by_label("Date of service")).to_have_value(
        re.compile(r"^\d{4}-\d{2}-\d{2}$")
    )  # today, already filled in
    expect(page.get_by_role("radio", name="DVOP IEP")).to_have_count(0)  # DVOP only

    # The radio group: Tab into it, then the arrow keys until the service is chosen.
    radios = page.get_by_role("group", name=re.compile("^Service")).get_by_role("radio")
    target = page.get_by_role("radio", name="Job Search Activity", exact=True)
    tab_to(page, radios.first)
    for _ in range(radios.count()):
        if target.is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(target).to_be_checked()
    expect(target).to_be_focused()
    tab_to(page, page.get_by_label("Service note"))
    page.keyboard.type("Searched Indeed together for warehouse jobs.")
    tab_to(page, page.get_by_role("button", name="Record the service"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_contain_text("Margaret Larsen")
    page.wait_for_load_state("load")
    expect(page.get_by_role("status").first).to_contain_text(
        "Job Search Activity recorded for Margaret Larsen"
    )
    table = page.locator("#seeker-services table")
    expect(table.get_by_role("rowheader", name="Job Search Activity")).to_be_visible()
    expect(table).to_contain_text("1 service, newest first")
    expect(table).to_contain_text("North American Job Center")
    check(page, "seeker-page-recorded")

    record = ServiceRecord.objects.get(seeker=seeker)
    assert record.service_type.name == "Job Search Activity"
    assert record.credited_staff == casemanager
    assert problems.errors == []


def test_a_dvop_confirms_a_dvop_service_for_a_seeker_not_recorded_as_a_veteran(
    page: Page, dvop: User, office: Office, problems: PageProblems
) -> None:
    seeker: JobSeeker = JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])
    sign_in(page, "dvop", TEST_PASSWORD)
    page.goto(f"/services/seekers/{id_encode(seeker.pk)}/record/")
    expect(page.locator("#veteran-warning")).to_contain_text("is not recorded as a veteran")
    check(page, "record-dvop-warning")
    page.locator("label", has_text=re.compile("^DVOP Interview Prep$")).click()
    expect(page.get_by_role("radio", name="DVOP Interview Prep")).to_be_checked()
    page.get_by_role("button", name="Record the service").click()
    expect(page.locator("#id_veteran_confirmed_error")).to_contain_text(
        "Ann Doe is not recorded as a veteran"
    )
    check(page, "record-dvop-refused")
    assert not ServiceRecord.objects.exists()
    box = page.get_by_label("The seeker is a veteran or eligible person: record it anyway")
    tab_to(page, box)
    page.keyboard.press("Space")
    expect(box).to_be_checked()
    page.get_by_role("button", name="Record the service").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ann Doe")
    assert ServiceRecord.objects.get().service_type.name == "DVOP Interview Prep"
    # Only the deliberate 400 of the unconfirmed post may show in the console.
    assert len(problems.errors) <= 1, problems.errors

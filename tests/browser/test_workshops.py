"""Workshops in a real browser: create, refer, to result, attended, DOB verified; axe clean."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from seekers.models import JobSeeker
from services.models import ServiceRecord, WorkshopReferral
from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from workforce.models import Office, User
from workforce.urlids import id_encode


@pytest.fixture
def ann(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


def check(page: Page, name: str) -> None:
    check_page(page, f"workshops-{name}")


def test_a_case_manager_creates_refers_and_results_a_workshop(
    page: Page, casemanager: User, ann: JobSeeker, problems: PageProblems
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    nav = page.get_by_role("navigation", name="Primary navigation")
    nav.get_by_role("link", name="Workshops").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Workshops at North American Job Center"
    )
    check(page, "list-empty")

    # A workshop that started a few minutes ago, so that it can be resulted at once.
    started = timezone.localtime() - datetime.timedelta(minutes=5)
    days_left = 14 - (timezone.localdate() - started.date()).days
    page.get_by_role("link", name="New workshop").click()
    check(page, "new")
    page.get_by_role("button", name="Create workshop").click()  # nothing filled in
    expect(page.locator(".usa-error-message").first).to_be_visible()
    check(page, "new-errors")
    page.get_by_label("Title").fill("Resumes that get read")
    page.get_by_label("Category").select_option(label="Job Search")
    page.get_by_label("Date").fill(started.strftime("%m/%d/%Y"))
    page.get_by_label("Start time").fill(started.strftime("%I:%M %p"))
    page.get_by_label("Seats").fill("10")
    page.get_by_role("button", name="Create workshop").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Resumes that get read")
    expect(page.get_by_text(f"{days_left} days left to enter results")).to_be_visible()
    check(page, "detail-new")

    page.get_by_label("Job seeker id").fill(ann.public_id)
    page.get_by_role("button", name="Refer", exact=True).click()
    expect(page.get_by_text("Ann Doe is referred to “Resumes that get read”.")).to_be_visible()
    page.get_by_label("Job seeker id").fill(ann.public_id)
    page.get_by_role("button", name="Refer", exact=True).click()
    expect(page.get_by_text("Ann Doe is already referred to this workshop.")).to_be_visible()
    check(page, "detail-referred-twice")

    page.goto("/services/workshops/to-result/")
    row = page.get_by_role("row", name="Resumes that get read")
    expect(row).to_contain_text(f"{days_left} days left")
    check(page, "to-result")
    row.get_by_role("link", name="Resumes that get read").click()

    page.get_by_role("button", name="Attended for Ann Doe").click()
    expect(page.get_by_text("Ann Doe is resulted as attended.")).to_be_visible()
    expect(page.get_by_role("row", name="Ann Doe")).to_contain_text("Attended, entered by")
    check(page, "detail-resulted")
    record = ServiceRecord.objects.get(seeker=ann)
    assert record.service_type.name == "Workshop- Job Search"
    assert record.credited_staff == casemanager  # the referrer
    assert WorkshopReferral.objects.get().result == "attended"

    page.goto("/services/workshops/to-result/")
    expect(page.get_by_text("Nothing to result")).to_be_visible()

    # On Ann's page: verify her date of birth (membership), credited to the case manager.
    page.goto(f"/seekers/{id_encode(ann.pk)}/")
    page.get_by_role("button", name="Verify date of birth").click()
    expect(page.locator("#dob-verified")).to_contain_text("Date of birth verified by")
    check(page, "seeker-dob-verified")
    # Only the two deliberate 400s (the empty form, the second referral) reach the console.
    assert len(problems.errors) == 2 and all("400" in e for e in problems.errors), problems.errors

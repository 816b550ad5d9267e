"""Plans and assessments in a real browser: a plan, a goal, a training step → Placed in Training;
an assessment and the LMI button → Staff Assisted LMI. axe clean on every page."""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from seekers.models import JobSeeker, PlanStep
from services.constants import Event
from services.models import ServiceRecord
from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from workforce.models import Office, User
from workforce.urlids import id_encode


@pytest.fixture
def ann(office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


def check(page: Page, name: str) -> None:
    check_page(page, f"plans-{name}")


def in_days(n: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=n)).isoformat()


def test_a_case_manager_places_a_seeker_in_training_from_a_plan(
    page: Page, casemanager: User, ann: JobSeeker, problems: PageProblems
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto(f"/seekers/{id_encode(ann.pk)}/")
    plans = page.locator("#plans")
    expect(plans.get_by_role("heading", name="Assessment and plans")).to_be_visible()
    expect(plans.get_by_text("No active plan.")).to_be_visible()
    check(page, "seeker-page")

    plans.get_by_role("link", name="Add a plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New employment plan")
    check(page, "new")
    page.get_by_role("button", name="Start the plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Employment plan")
    expect(page.get_by_role("status").first).to_contain_text("Employment plan started.")
    check(page, "plan-empty")

    page.get_by_role("link", name="Add a goal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a goal")
    page.get_by_label("Target date").fill(in_days(-10))  # before the plan: refused
    page.get_by_label("Goal").fill("Work as a certified welder")
    page.get_by_role("button", name="Add the goal").click()
    expect(page.locator(".usa-error-message").first).to_contain_text(
        "cannot be before the plan was started"
    )
    check(page, "goal-error")
    page.get_by_label("Target date").fill(in_days(120))
    page.get_by_role("button", name="Add the goal").click()
    expect(page.get_by_role("status").first).to_contain_text("Goal added.")

    page.get_by_role("link", name="Add a step").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Add a step")
    check(page, "step-new")
    page.get_by_label("Kind of step").select_option(label="Training")
    page.get_by_label(re.compile(r"^Step\b")).fill("Welding certificate program")
    page.get_by_label("Goal it serves (optional)").select_option(label="Work as a certified welder")
    page.get_by_label("Provider (optional)").fill("Metro Technical College")
    page.get_by_label("Target date").fill(in_days(60))
    page.get_by_role("button", name="Add the step").click()
    expect(page.get_by_role("status").first).to_contain_text("placed in training")
    steps = page.locator("table", has=page.get_by_role("columnheader", name="Provider"))
    expect(steps.get_by_role("rowheader", name="Welding certificate program")).to_be_visible()
    check(page, "plan-with-step")

    page.get_by_role("link", name="Back to Ann Doe").click()
    services = page.locator("#seeker-services table")
    expect(services.get_by_role("rowheader", name="Placed in Training")).to_be_visible()
    expect(page.locator("#plans")).to_contain_text("Employment plan")
    check(page, "seeker-page-placed")

    [record] = ServiceRecord.objects.filter(seeker=ann, event=Event.TRAINING_PLACEMENT)
    assert record.source == f"seekers.planstep:{PlanStep.objects.get().pk}"
    assert record.credited_staff == casemanager
    # The one refused goal came back as a 400, which the browser logs; nothing else.
    assert len(problems.errors) == 1 and "400" in problems.errors[0], problems.errors


def test_a_case_manager_assesses_and_opens_labor_market_information(
    page: Page, casemanager: User, ann: JobSeeker, problems: PageProblems
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto(f"/seekers/{id_encode(ann.pk)}/")
    page.locator("#plans").get_by_role("link", name="Add assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New assessment")
    check(page, "assessment-new")
    page.get_by_label("Desired occupation").fill("Registered nurse")
    page.get_by_label("Occupation code (O*NET-SOC, optional)").fill("29-1141")
    page.get_by_label("Skills").fill("Patient care, charting")
    page.get_by_role("button", name="Save the assessment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Assessment")
    check(page, "assessment")

    page.get_by_role("button", name="Labor market information").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Labor market information")
    link = page.get_by_role("link", name="Open labor market information for Registered nurse")
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener")
    check(page, "lmi")

    page.goto(f"/seekers/{id_encode(ann.pk)}/")
    services = page.locator("#seeker-services table")
    expect(services.get_by_role("rowheader", name="Assessment", exact=True)).to_be_visible()
    expect(services.get_by_role("rowheader", name="Staff Assisted LMI")).to_be_visible()
    expect(page.locator("#plans")).to_contain_text("Registered nurse")
    check(page, "seeker-page-assessed")
    assert problems.errors == []

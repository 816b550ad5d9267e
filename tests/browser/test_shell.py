"""The shell in a real browser: sign-in, home page, keyboard use, accessibility, CSP, htmx."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from seekers.models import JobSeeker
from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from workforce.constants import AccessAction
from workforce.models import AccessLog, Office, User
from workforce.urlids import id_encode


@pytest.fixture
def seeker(casemanager: User, office: Office) -> JobSeeker:
    return JobSeekerFactory(
        first_name="Margaret", last_name="Larsen", ssn="231-45-6789", offices=[office]
    )


def test_it_signs_in_as_casemanager_and_sees_the_home_page(
    page: object, casemanager: User, seeker: JobSeeker, problems: PageProblems
) -> None:
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))
    sign_in(page, "casemanager", TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    expect(page.locator("#signed-in-as")).to_contain_text("Case manager")
    expect(page.get_by_role("link", name="Larsen, Margaret")).to_be_visible()
    expect(page.get_by_text("***-**-6789")).to_be_visible()
    check_page(page, "home-casemanager")
    assert problems.errors == []


def test_the_sign_in_and_home_pages_have_no_serious_axe_violations(
    page: object, casemanager: User, seeker: JobSeeker
) -> None:
    page.goto("/sign-in/")
    check_page(page, "sign-in")
    sign_in(page, "casemanager", TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    check_page(page, "home")


def test_a_wrong_password_is_explained_beside_the_form(page: object, casemanager: User) -> None:
    sign_in(page, "casemanager", "not-the-password")
    expect(page.get_by_role("alert")).to_contain_text("correct username and password")
    check_page(page, "sign-in-error")


def test_it_signs_in_and_moves_around_with_the_keyboard_only(
    page: object, casemanager: User, seeker: JobSeeker
) -> None:
    page.goto("/sign-in/")
    expect(page.get_by_label("Username")).to_be_focused()  # autofocus: staff type at once
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Username")).to_be_focused()
    page.keyboard.type("casemanager")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Password")).to_be_focused()
    page.keyboard.type(TEST_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # the skip link
    expect(page.locator("#main-content")).to_be_focused()
    link = page.get_by_role("link", name="Larsen, Margaret")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Margaret Larsen")


def test_an_ssn_reveal_swaps_in_place_through_htmx_and_is_logged(
    page: object, casemanager: User, seeker: JobSeeker, problems: PageProblems
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto(f"/seekers/{id_encode(seeker.pk)}/")
    expect(page.locator("#seeker-ssn")).to_contain_text("***-**-6789")
    page.get_by_role("button", name="Reveal SSN").click()
    expect(page.locator("#seeker-ssn")).to_contain_text("231-45-6789")
    expect(page).to_have_url(re.compile(rf"/seekers/{id_encode(seeker.pk)}/$"))
    assert (
        AccessLog.objects.filter(action=AccessAction.SSN_REVEAL, seeker_id=seeker.pk).count() == 1
    )
    check_page(page, "ssn-revealed")
    assert problems.errors == []  # htmx ran under the CSP without a violation


def test_a_staff_member_switches_office_from_the_header(
    page: object, casemanager: User, other_office: Office
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.get_by_label("Office").select_option(label=other_office.name)
    page.get_by_role("button", name="Switch").click()
    expect(page.get_by_role("status").first).to_contain_text(f"now working in {other_office.name}")
    casemanager.refresh_from_db()
    assert casemanager.current_office == other_office
    check_page(page, "office-switched")


def test_the_read_aloud_component_is_distinct_and_accessible(
    page: object, supervisor: User
) -> None:
    sign_in(page, "supervisor", TEST_PASSWORD)
    page.goto("/audit/access/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Access log")
    check_page(page, "access-log")

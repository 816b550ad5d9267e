"""Quick search in a real browser: results as you type, keyboard only, reasons shown, axe clean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from seekers.models import JobSeeker
from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from workforce.models import Office, User
from workforce.urlids import id_encode


@pytest.fixture
def margaret(casemanager: User, office: Office) -> JobSeeker:
    JobSeekerFactory(first_name="Arthur", last_name="Larsen", offices=[office])
    JobSeekerFactory(first_name="Paige", last_name="Larkin", offices=[office])
    return JobSeekerFactory(
        first_name="Margaret", last_name="Larsen", ssn="231-45-6789", offices=[office]
    )


def test_typing_peggy_larson_finds_margaret_larsen_with_the_reason(
    page: object, margaret: JobSeeker, problems: PageProblems
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    box = page.get_by_role("combobox", name="Search job seekers")
    box.focus()
    page.keyboard.type("Peggy Larson", delay=20)
    options = page.get_by_role("listbox", name="Matching job seekers").get_by_role("option")
    expect(options.first).to_contain_text("Larsen, Margaret")
    expect(options.first).to_contain_text("Peggy is a nickname of Margaret")
    expect(options.first).to_contain_text("sounds like Larson")
    expect(box).to_have_attribute("aria-expanded", "true")
    check_page(page, "search-live-peggy-larson")
    page.keyboard.press("ArrowDown")
    expect(box).to_have_attribute("aria-activedescendant", "quick-search-option-1")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/seekers/{id_encode(margaret.pk)}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Margaret Larsen")
    assert problems.errors == []


def test_escape_closes_the_list_and_enter_opens_the_results_page(
    page: object, margaret: JobSeeker
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    box = page.get_by_role("combobox", name="Search job seekers")
    box.focus()
    page.keyboard.type("Larsen", delay=20)
    listbox = page.get_by_role("listbox", name="Matching job seekers")
    expect(listbox).to_be_visible()
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/seekers/search/\?qt="))  # a sealed token, not the text
    assert "Larsen" not in page.url
    expect(page.locator("#search-summary")).to_contain_text(
        "3 job seekers match"
    )  # + Larkin, a typo away
    expect(page.get_by_role("cell", name="same last name").first).to_be_visible()
    check_page(page, "search-results-larsen")


def test_a_seeker_found_statewide_is_added_to_my_office_by_keyboard(
    page: object, casemanager: User, office: Office
) -> None:
    elsewhere = JobSeekerFactory(first_name="Theodore", last_name="Nguyen")
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.get_by_label("in", exact=True).select_option("all")
    page.get_by_role("combobox", name="Search job seekers").fill("Ted Nguyen")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_text("Ted is a nickname of Theodore")).to_be_visible()
    button = page.get_by_role("button", name=re.compile("Add to North American Job Center"))
    button.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text(
        "now enrolled in North American Job Center"
    )
    assert list(elsewhere.offices.all()) == [office]
    check_page(page, "search-added-to-office")


def test_search_help_opens_from_the_keyboard(page: object, casemanager: User) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.get_by_text("Search tips").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("cell", name="last four of the SSN, with a name")).to_be_visible()
    check_page(page, "search-help")


def test_nothing_in_my_office_offers_all_offices_and_keeps_the_choice(
    page: object, casemanager: User
) -> None:
    JobSeekerFactory(first_name="Theodore", last_name="Nguyen")  # in no office of mine
    sign_in(page, "casemanager", TEST_PASSWORD)
    box = page.get_by_role("combobox", name="Search job seekers")
    box.focus()
    page.keyboard.type("Ted Nguyen", delay=20)
    widen = page.get_by_role("option", name=re.compile("Search all offices"))
    expect(widen).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Ted is a nickname of Theodore")).to_be_visible()
    expect(page.locator("#search-summary")).to_contain_text("in all offices")
    casemanager.refresh_from_db()
    assert casemanager.search_scope == "office"  # widened once, not remembered

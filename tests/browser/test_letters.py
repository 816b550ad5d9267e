"""The office's confirmation letters in a real browser: "Print all of today's letters", a
Print button that opens the print dialog, and on paper only the letters, one per page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, check_page, screenshot, sign_in
from tests.factories import TEST_PASSWORD
from tests.registration.calls import letter_made
from workforce.models import Office, User


@pytest.fixture
def letters(casemanager: User, office: Office) -> None:
    office.address_line1, office.city, office.state = "402 W 1st St", "Duluth", "MN"
    office.zip_code, office.phone = "55802", "218-555-0142"
    office.save()
    letter_made(casemanager, first_name="Bea", ssn="231-45-6781")
    letter_made(casemanager, first_name="Cal", ssn="231-45-6782")


def test_it_prints_all_of_todays_letters_and_nothing_else(
    page: object, letters: None, problems: PageProblems
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto("/registration/letters/")
    page.get_by_role("link", name="Print all of today's letters").click()
    expect(page.get_by_role("heading", name="Print all of today's letters")).to_be_visible()
    bea, cal = (page.get_by_role("article", name=f"Letter to {n} Doe") for n in ("Bea", "Cal"))
    for letter in (bea, cal):
        expect(letter).to_contain_text("402 W 1st St")
        expect(letter).to_contain_text("218-555-0142")
        expect(letter).to_contain_text("created a job seeker account on your behalf")
    check_page(page, "letters-print-all")

    # The Print button calls window.print() from workforce.js (no inline script under the CSP).
    page.evaluate(
        "() => { window.print = () => { window.wfPrinted = (window.wfPrinted || 0) + 1; }; }"
    )
    page.get_by_role("button", name="Print 2 letters").focus()
    page.keyboard.press("Enter")
    assert page.evaluate("window.wfPrinted") == 1

    page.emulate_media(media="print")  # on paper: the letters only, each on its own page
    expect(page.get_by_role("banner")).to_be_hidden()
    expect(page.get_by_role("contentinfo")).to_be_hidden()
    expect(page.get_by_role("heading", name="Print all of today's letters")).to_be_hidden()
    expect(page.get_by_role("button", name="Print 2 letters")).to_be_hidden()
    expect(bea).to_be_visible()
    expect(cal).to_be_visible()
    breaks = page.locator("article.wf-letter").evaluate_all(
        "els => els.map(el => getComputedStyle(el).breakAfter)"
    )
    assert breaks == ["page", "auto"]
    screenshot(page, "letters-print-all-printed")
    assert problems.errors == []

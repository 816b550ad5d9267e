"""The phone registration in a real browser: keyboard only, verbatim scripts, axe clean."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import PageProblems, screenshot, serious_axe_violations, sign_in
from tests.factories import TEST_PASSWORD
from workforce.models import User


def begin(page: object) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto("/registration/new/")
    assert serious_axe_violations(page) == []
    page.get_by_role("button", name="Start the call").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Existing account")
    expect(page.get_by_label("Search for the caller")).to_be_focused()
    page.keyboard.type("Nobody Atall")
    page.keyboard.press("Enter")
    expect(page.locator("#search-summary")).to_contain_text("0 job seekers match")
    assert serious_axe_violations(page) == []
    page.get_by_role("button", name=re.compile("None of these is the caller")).focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tennessen warning")
    expect(
        page.get_by_text("Your private information will NOT be provided to employers.")
    ).to_be_visible()
    screenshot(page, "registration-notice")
    assert serious_axe_violations(page) == []
    page.get_by_label("I read the notice aloud, verbatim").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Three questions")


def answer(page: object, c: str) -> None:
    for key, value in (("a", "Yes"), ("b", "Yes"), ("c", c)):
        group = page.get_by_role("group", name=re.compile(rf"^{key}\. "))
        group.get_by_label(value, exact=True).focus()  # USWDS draws the radio on its label
        page.keyboard.press("Space")
    page.get_by_role("button", name="Record the answers").press("Enter")


def test_a_call_runs_from_the_search_to_contact_by_keyboard(
    page: object, casemanager: User, problems: PageProblems
) -> None:
    begin(page)
    assert serious_axe_violations(page) == []
    answer(page, "Yes")
    expect(page.get_by_role("heading", level=1)).to_have_text("Contact")
    page.get_by_label("First name").fill("Ann")
    page.get_by_label("Last name").fill("Doe")
    page.get_by_label("Date of birth").fill("03/02/1975")
    page.get_by_label("The caller has no email address").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save and continue").press("Enter")
    expect(page.get_by_text("Required when the caller has no email").first).to_be_visible()
    assert serious_axe_violations(page) == []
    screenshot(page, "registration-contact-errors")
    assert problems.errors == [] or all("400" in e for e in problems.errors)


def test_a_call_declined_at_question_c_ends_without_an_account(
    page: object, casemanager: User
) -> None:
    begin(page)
    answer(page, "No")
    expect(page.get_by_role("alert")).to_contain_text("we cannot proceed with creating an account")
    screenshot(page, "registration-declined-c")
    assert serious_axe_violations(page) == []
    page.get_by_role("button", name="End the call: caller declined at question c").press("Enter")
    expect(page.locator("dl")).to_contain_text("Declined at question c")

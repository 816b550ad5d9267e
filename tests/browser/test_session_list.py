"""Your sessions in a real browser: reached from the account bar, at 1280 and 390 px (the
stacked table fits a phone, axe-clean), and "Sign out" really signs the other browser out."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import TEST_PASSWORD
from workforce.models import User


def test_a_staff_member_sees_their_sessions_and_signs_out_another(
    page: Page, browser: object, live_server: object, casemanager: User, problems: PageProblems
) -> None:
    other_context = browser.new_context(base_url=live_server.url)
    other = other_context.new_page()
    try:
        sign_in(other, "casemanager", TEST_PASSWORD)
        expect(other.get_by_role("heading", level=1)).to_contain_text("Welcome")
        sign_in(page, "casemanager", TEST_PASSWORD)
        page.get_by_role("link", name="Your sessions").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Your sessions")
        rows = page.locator("#user-sessions tbody tr")
        expect(rows).to_have_count(2)
        expect(page.get_by_text("This session")).to_have_count(1)
        check_page(page, "account-sessions")

        # The other session's button, named with its browser and sign-in time.
        page.locator("#user-sessions").get_by_role("button", name="Sign out").click()
        expect(page.get_by_text("That session is signed out.")).to_be_visible()
        expect(rows).to_have_count(1)
        check_page(page, "account-sessions-one")

        other.reload()
        expect(other.get_by_label("Username")).to_be_visible()  # the sign-in page
    finally:
        other_context.close()
    assert problems.errors == []

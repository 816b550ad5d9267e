"""Change password in a real browser: from the account bar, by keyboard, at 1280 and 390 px.

Also the lock-out page, which a staff member meets on the sign-in page.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import TEST_PASSWORD
from workforce.models import User

NEW = "tangerine ladder umbrella"


def new_password(page: Page) -> object:
    """The first new-password box (its label, "New password *", begins the repeat's too)."""
    return page.get_by_label(re.compile(r"^New password(?! again)"))


def test_a_staff_member_changes_their_password_and_stays_signed_in(
    page: Page, casemanager: User, problems: PageProblems
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.get_by_role("link", name="Change password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Change password")
    expect(page.get_by_label("Current password")).to_be_focused()  # data-autofocus
    check_page(page, "password-change")

    page.get_by_label("Current password").fill(TEST_PASSWORD)
    new_password(page).fill("Lantern-Oak")
    page.get_by_label("New password again").fill("Lantern-Oak")
    page.get_by_role("button", name="Change password").click()
    expect(page.get_by_text("The password must be at least 12 characters long.")).to_be_visible()
    check_page(page, "password-change-refused")

    page.get_by_label("Current password").fill(TEST_PASSWORD)
    new_password(page).fill(NEW)
    page.get_by_label("New password again").fill(NEW)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Your password was changed.")).to_be_visible()
    expect(page.get_by_role("link", name="Change password")).to_be_visible()  # still signed in
    casemanager.refresh_from_db()
    assert casemanager.check_password(NEW)
    # The refused form answers 400 on purpose; nothing else (no CSP violation, no script error).
    assert [e for e in problems.errors if "status of 400" not in e] == []


def test_the_lockout_page_reads_well_on_a_phone(
    page: Page, casemanager: User, problems: PageProblems
) -> None:
    for _ in range(5):
        sign_in(page, "casemanager", "not-the-password")
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many failed sign-ins")
    expect(page.get_by_role("heading", name="Sign-in is paused for 15 minutes")).to_be_visible()
    check_page(page, "signin-locked-out")

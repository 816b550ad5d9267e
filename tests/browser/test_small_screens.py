"""A phone-sized window (390 px): the mobile menu by keyboard, and the page-fit check itself.

Every other browser test checks each page it visits at 390 px too (``check_page``); these
tests cover what only happens on a small screen.
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import (
    NARROW,
    PageProblems,
    fits_the_viewport,
    resize,
    screenshot,
    serious_axe_violations,
    sign_in,
)
from tests.factories import TEST_PASSWORD
from workforce.models import Office, User

FOCUS_IN_NAV = "() => document.querySelector('.usa-nav').contains(document.activeElement)"
# Everything that could take focus outside the open menu and is not made inert.
FOCUSABLE_BEHIND = """() => [...document.querySelectorAll(
        'a[href], button, input, select, textarea, summary, [tabindex]')]
    .filter((el) => !el.closest('.usa-nav') && !el.closest('[inert]') && !el.disabled
        && el.type !== 'hidden' && el.tabIndex >= 0 && el.getClientRects().length > 0)
    .map((el) => el.outerHTML.slice(0, 80))"""


def open_menu(page: Page) -> None:
    page.get_by_role("button", name="Menu").click()
    expect(page.get_by_role("navigation", name="Primary navigation")).to_be_visible()


def test_it_keeps_focus_in_the_open_mobile_menu_and_hides_nothing_focusable_behind_it(
    page: Page, casemanager: User, other_office: Office, problems: PageProblems
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")
    resize(page, NARROW)
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_be_visible()
    open_menu(page)

    # Focus moves into the menu, and Tab or Shift+Tab never leaves it.
    expect(page.get_by_role("button", name="Close")).to_be_focused()
    page.wait_for_timeout(500)  # the menu slides in
    screenshot(page, "mobile-menu-open-390")
    links = page.get_by_role("navigation", name="Primary navigation").get_by_role("link")
    for key in ("Tab", "Shift+Tab"):
        for _ in range(links.count() + 2):
            page.keyboard.press(key)
            assert page.evaluate(FOCUS_IN_NAV), f"{key} left the open menu"
    # What the menu hides from screen readers cannot be reached either (axe: aria-hidden-focus).
    assert page.evaluate(FOCUSABLE_BEHIND) == []
    assert serious_axe_violations(page) == []

    # Escape closes it and gives focus back to the Menu button; the page is usable again.
    page.keyboard.press("Escape")
    expect(page.get_by_role("navigation", name="Primary navigation")).to_be_hidden()
    expect(menu).to_be_focused()
    assert page.evaluate("() => document.querySelectorAll('[inert]').length") == 0
    expect(page.get_by_label("Office")).to_be_enabled()

    # So does the Close button, from the keyboard; a click beside the menu closes it too.
    open_menu(page)
    page.keyboard.press("Enter")  # on Close, which has focus
    expect(page.get_by_role("navigation", name="Primary navigation")).to_be_hidden()
    expect(menu).to_be_focused()
    open_menu(page)
    page.mouse.click(10, 400)
    expect(page.get_by_role("navigation", name="Primary navigation")).to_be_hidden()
    assert serious_axe_violations(page) == []
    assert problems.errors == []


def test_it_names_what_sticks_out_of_a_narrow_window(page: Page, casemanager: User) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    resize(page, NARROW)
    assert fits_the_viewport(page) == []
    page.evaluate(
        """() => {
            const wide = document.createElement('p');
            wide.id = 'too-wide';
            wide.textContent = 'x';
            wide.style.width = '600px';
            document.querySelector('main').append(wide);
        }"""
    )
    sticking_out = fits_the_viewport(page)
    assert len(sticking_out) == 1 and sticking_out[0].startswith("p#too-wide"), sticking_out


def test_the_registration_step_indicator_keeps_its_name(page: Page, casemanager: User) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.get_by_role("navigation", name="Primary navigation").get_by_role(
        "link", name="New phone registration"
    ).click()
    page.get_by_role("button", name="Start the call").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Existing account")
    steps = page.get_by_role("list", name="Registration steps")
    expect(steps).to_be_visible()
    expect(steps.get_by_role("listitem").first).to_contain_text("Existing account")
    resize(page, NARROW)
    expect(steps).to_be_visible()  # and the step names are still read out, not display: none
    assert "Existing account" in steps.aria_snapshot(), steps.aria_snapshot()
    assert serious_axe_violations(page) == []

"""How many keys a whole phone registration takes, keyboard only (issue 12).

Every key press is counted — Tab, Enter, Space, the arrows and each typed character —
from the "New phone registration" page to "Account created". Focus moves only with the
keyboard: ``tab_to`` presses Tab until the wanted control has focus, so a step whose first
field already has the cursor costs no Tab at all. Radio groups are answered with the
fewest arrow presses ("Prefers not to answer" is the last radio: one ArrowUp from the
first). The figure is printed and recorded in docs/performance.md.
"""

from __future__ import annotations

import re
from collections import Counter

from playwright.sync_api import Page, expect

from tests.browser.conftest import check_page, tab_to
from tests.browser.test_registration import (
    CALLER,
    DEMOGRAPHICS,
    PASSWORD,
    SECRET_ANSWER,
    SECRET_QUESTION,
    USERNAME,
    arrived,
    field,
    group,
    press_button,
    sign_in_by_keyboard,
    tick,
    type_into,
)
from workforce.models import User

LIMIT = 200


class Keystrokes:
    """Counts every key press sent through page.keyboard, split Tab / typed / other."""

    def __init__(self, page: Page) -> None:
        self.counts: Counter[str] = Counter()
        keyboard = page.keyboard
        press, type_ = keyboard.press, keyboard.type

        def counted_press(key: str, **kwargs: object) -> None:
            self.counts["Tab" if key == "Tab" else "other"] += 1
            press(key, **kwargs)

        def counted_type(text: str, **kwargs: object) -> None:
            self.counts["typed"] += len(text)
            type_(text, **kwargs)

        keyboard.press = counted_press
        keyboard.type = counted_type

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def reset(self) -> None:
        self.counts.clear()

    def __str__(self) -> str:
        c = self.counts
        return f"{self.total} keys: {c['Tab']} Tab, {c['typed']} typed, {c['other']} other"


def choose(page: Page, legend: str, option: str) -> None:
    """Tab into an unanswered group (its first radio), then Space, or the shorter arrow way."""
    radios = group(page, legend).get_by_role("radio")
    target = group(page, legend).get_by_label(option, exact=True)
    tab_to(page, radios.first)
    labels = radios.evaluate_all("els => els.map(el => el.labels[0].textContent.trim())")
    index = labels.index(option)
    if index == 0:
        page.keyboard.press("Space")
    elif index <= len(labels) - index:
        for _ in range(index):
            page.keyboard.press("ArrowDown")
    else:
        for _ in range(len(labels) - index):
            page.keyboard.press("ArrowUp")
    expect(target).to_be_checked()


def test_a_whole_keyboard_only_call_takes_under_200_keys(page: Page, casemanager: User) -> None:
    sign_in_by_keyboard(page, "casemanager")
    page.goto("/registration/new/")
    arrived(page, "New phone registration")
    keys = Keystrokes(page)

    press_button(page, "Start the call")
    arrived(page, "Existing account")
    type_into(page, "Search for the caller", f"{CALLER['first']} {CALLER['last']}")
    page.keyboard.press("Enter")
    expect(page.locator("#search-summary")).to_contain_text("0 job seekers match")
    page.wait_for_load_state("load")
    press_button(page, re.compile("None of these is the caller"))

    arrived(page, "Tennessen warning")
    check_page(page, "keystrokes-notice")
    tab_to(page, page.get_by_label("I read the notice aloud, verbatim"))
    page.keyboard.press("Space")
    press_button(page, "Continue to the three questions")

    arrived(page, "Three questions")
    for key in "abc":
        choose(page, f"{key}. ", "Yes")
    press_button(page, "Record the answers")

    arrived(page, "Contact")
    type_into(page, "First name", CALLER["first"])
    type_into(page, "Last name", CALLER["last"])
    type_into(page, "Date of birth", CALLER["born"])
    type_into(page, "Phone", CALLER["phone"])
    tab_to(page, field(page, "The caller has no email address"))
    page.keyboard.press("Space")
    type_into(page, "Street address", CALLER["street"])
    type_into(page, "City", CALLER["city"])
    type_into(page, "State", CALLER["state"])
    type_into(page, "ZIP code", CALLER["zip"])
    page.keyboard.press("Enter")

    arrived(page, "Social Security Number")
    choose(
        page,
        "What does the caller want to do?",
        "Not share it: create a unique number beginning with 9 for them",
    )
    press_button(page, "Save and continue")

    arrived(page, "Username and password")
    type_into(page, "Username", USERNAME)
    type_into(page, "Password", PASSWORD)
    select = field(page, "Secret question")
    tab_to(page, select)
    for _ in range(10):
        if select.input_value() == SECRET_QUESTION:
            break
        page.keyboard.press("ArrowDown")
    expect(select).to_have_value(SECRET_QUESTION)
    type_into(page, "Secret answer", SECRET_ANSWER)
    press_button(page, "Save and continue")

    arrived(page, "Demographics")
    check_page(page, "keystrokes-demographics")
    for legend, wanted in DEMOGRAPHICS:
        if isinstance(wanted, list):
            tick(page, legend, wanted)
        else:
            choose(page, legend, wanted)
    press_button(page, "Save and continue")

    arrived(page, "Review and create")
    press_button(page, "Create the account")
    alert = page.get_by_role("status").filter(has=page.get_by_role("heading", level=1))
    expect(alert.get_by_role("heading", level=1)).to_have_text("Account created")

    print(f"\nkeyboard-only call: {keys}")
    assert keys.total < LIMIT, str(keys)

"""The phone registration in a real browser: keyboard only, verbatim scripts, axe clean.

After the first page load nothing is clicked: focus moves with Tab (``tab_to``), radio
groups are answered with the arrow keys, checkboxes with Space and forms sent with Enter,
as staff do with a headset on. Every page is checked by axe and photographed into
test-artifacts/ (``check``).
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

from registration import services
from tests.browser.conftest import (
    PageProblems,
    check_page,
    screenshot,
    tab_to,
)
from tests.factories import TEST_PASSWORD
from workforce.models import User

# The caller of the whole-call test: no email, so the confirmation is a letter.
CALLER = {
    "first": "Ann",
    "last": "Doe",
    "born": "03/02/1975",
    "phone": "612-555-0100",
    "street": "12 Lake Avenue",
    "city": "Duluth",
    "state": "MN",
    "zip": "55802",
}
USERNAME = "anndoe75"
PASSWORD = "Blue-Heron-Lake"
SECRET_QUESTION = "What city were you born in?"
SECRET_ANSWER = "Two Harbors Minnesota"

# Every demographic question, in the order of the page, and the caller's answer.
DEMOGRAPHICS = [
    ("Gender", "Female"),
    ("Ethnicity", "Prefers not to answer"),
    ("Race", ["Asian", "White"]),  # a checkbox group: every one that applies
    ("Veteran status", "Not a veteran"),
    ("Disability", "Prefers not to answer"),
    ("Highest education completed", "Some college, no degree"),
    ("Employment status", "Not employed"),
    ("Household income at or below the low-income level", "Yes"),
    ("Receiving unemployment insurance (UI)", "No"),
    ("Receiving TANF", "No"),
    ("Receiving SNAP", "Prefers not to answer"),
    ("Ex-offender", "Prefers not to answer"),
    ("Homeless", "No"),
    ("English language learner", "No"),
    ("Single parent", "Yes"),
    ("Unemployed 27 or more consecutive weeks", "Prefers not to answer"),
    ("Displaced homemaker", "No"),
]


# --- keyboard helpers ----------------------------------------------------------------


def field(page: Page, label: str) -> Locator:
    """A form field by its label, with or without the required marker (" *")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$"))


def type_into(page: Page, label: str, text: str) -> None:
    tab_to(page, field(page, label))
    page.keyboard.type(text)


def press_button(page: Page, name: str | re.Pattern) -> None:
    tab_to(page, page.get_by_role("button", name=name))
    page.keyboard.press("Enter")


def follow_link(page: Page, link: Locator) -> None:
    tab_to(page, link)
    page.keyboard.press("Enter")


def group(page: Page, legend: str) -> Locator:
    return page.get_by_role("group", name=re.compile(rf"^{re.escape(legend)}"))


def choose(page: Page, legend: str, option: str) -> None:
    """Answer a radio group: Tab into it (first radio), then the arrow keys, or Space."""
    radios = group(page, legend).get_by_role("radio")
    target = group(page, legend).get_by_label(option, exact=True)
    tab_to(page, radios.first)
    if radios.first.evaluate("el => el.labels[0].textContent.trim()") == option:
        page.keyboard.press("Space")
    else:
        for _ in range(radios.count()):
            page.keyboard.press("ArrowDown")
            if target.is_checked():
                break
    expect(target).to_be_checked()
    expect(target).to_be_focused()


def tick(page: Page, legend: str, options: list[str]) -> None:
    """Tick boxes of a checkbox group in page order, with Tab and Space."""
    for option in options:
        box = group(page, legend).get_by_label(option, exact=True)
        tab_to(page, box)
        page.keyboard.press("Space")
        expect(box).to_be_checked()


# --- page helpers --------------------------------------------------------------------


def arrived(page: Page, heading: str) -> None:
    """The next page is shown: its h1, and the document finished loading."""
    # 15 s: hashing the password and secret answer takes seconds on a loaded machine.
    expect(page.get_by_role("heading", level=1)).to_have_text(heading, timeout=15_000)
    page.wait_for_load_state("load")


def check(page: Page, name: str, *, secrets: tuple[str, ...] = ()) -> None:
    """Every page: a screenshot, no serious axe violation, none of the secrets in its HTML."""
    check_page(page, f"registration-{name}")
    html = page.content()
    for secret in secrets:
        assert secret not in html, f"{secret!r} is on the {name} page"


def sign_in_by_keyboard(page: Page, username: str) -> None:
    page.goto("/")
    arrived(page, "Sign in to Workforce")
    check(page, "sign-in")
    type_into(page, "Username", username)
    type_into(page, "Password", TEST_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator("#signed-in-as")).to_be_visible()
    page.wait_for_load_state("load")


def begin(page: Page, search: str = "Nobody Atall") -> None:
    """Sign in, open "New phone registration" from the header, search, read the notice."""
    sign_in_by_keyboard(page, "casemanager")
    nav = page.get_by_role("navigation", name="Primary navigation")
    follow_link(page, nav.get_by_role("link", name="New phone registration"))
    arrived(page, "New phone registration")
    check(page, "new")
    press_button(page, "Start the call")
    arrived(page, "Existing account")
    expect(page.get_by_label("Search for the caller")).to_be_focused()  # autofocus
    check(page, "existing")
    page.keyboard.type(search)
    page.keyboard.press("Enter")
    expect(page.locator("#search-summary")).to_contain_text("0 job seekers match")
    page.wait_for_load_state("load")
    check(page, "existing-searched")
    press_button(page, re.compile("None of these is the caller"))
    arrived(page, "Tennessen warning")
    expect(
        page.get_by_text("Your private information will NOT be provided to employers.")
    ).to_be_visible()
    check(page, "notice")
    tab_to(page, page.get_by_label("I read the notice aloud, verbatim"))
    page.keyboard.press("Space")
    press_button(page, "Continue to the three questions")
    arrived(page, "Three questions")
    check(page, "questions")


def answer(page: Page, c: str) -> None:
    for key, value in (("a", "Yes"), ("b", "Yes"), ("c", c)):
        choose(page, f"{key}. ", value)
    press_button(page, "Record the answers")


# --- tests ---------------------------------------------------------------------------


def test_a_whole_call_creates_an_account_by_keyboard_only(
    page: Page, casemanager: User, problems: PageProblems
) -> None:
    begin(page, search=f"{CALLER['first']} {CALLER['last']}")
    answer(page, "Yes")

    # Contact: no email, and at first no address either: every address field says why.
    arrived(page, "Contact")
    check(page, "contact")
    type_into(page, "First name", CALLER["first"])
    type_into(page, "Last name", CALLER["last"])
    type_into(page, "Date of birth", CALLER["born"])
    type_into(page, "Phone", CALLER["phone"])
    tab_to(page, field(page, "The caller has no email address"))
    page.keyboard.press("Space")
    press_button(page, "Save and continue")
    expect(page.get_by_text("Required when the caller has no email").first).to_be_visible()
    page.wait_for_load_state("load")
    expect(field(page, "Street address")).to_be_focused()  # the first field in error
    expect(field(page, "The caller has no email address")).to_be_checked()
    expect(field(page, "First name")).to_have_value(CALLER["first"])
    check(page, "contact-errors")
    page.keyboard.type(CALLER["street"])
    type_into(page, "City", CALLER["city"])
    type_into(page, "State", CALLER["state"])
    type_into(page, "ZIP code", CALLER["zip"])
    page.keyboard.press("Enter")

    # SSN: the caller does not share it; a number beginning with 9 is made for them.
    arrived(page, "Social Security Number")
    check(page, "ssn")
    choose(
        page,
        "What does the caller want to do?",
        "Not share it: create a unique number beginning with 9 for them",
    )
    press_button(page, "Save and continue")

    arrived(page, "Username and password")
    check(page, "credentials")
    type_into(page, "Username", USERNAME)
    type_into(page, "Password", PASSWORD)
    select = field(page, "Secret question")
    tab_to(page, select)
    for _ in range(10):  # a closed select changes with the arrow keys
        if select.input_value() == SECRET_QUESTION:
            break
        page.keyboard.press("ArrowDown")
    expect(select).to_have_value(SECRET_QUESTION)
    type_into(page, "Secret answer", SECRET_ANSWER)
    press_button(page, "Save and continue")

    # From here on the password and the secret answer must never be in a page.
    secrets = (PASSWORD, SECRET_ANSWER)
    arrived(page, "Demographics")
    check(page, "demographics", secrets=secrets)
    for legend, wanted in DEMOGRAPHICS:
        if isinstance(wanted, list):
            tick(page, legend, wanted)
        else:
            choose(page, legend, wanted)
    press_button(page, "Save and continue")

    arrived(page, "Review and create")
    check(page, "review", secrets=secrets)
    main = page.locator("main")
    expect(main).to_contain_text(re.compile(r"\*\*\*-\*\*-\d{4} — a number beginning with 9"))
    expect(main).to_contain_text("made up for the caller")
    expect(main).to_contain_text(f"{CALLER['street']}, {CALLER['city']}, MN {CALLER['zip']}")
    expect(main).to_contain_text(USERNAME)
    expect(main).to_contain_text(SECRET_QUESTION)
    expect(main).to_contain_text("Asian, White")
    assert re.search(r"\b\d{3}-?\d{2}-?\d{4}\b", main.inner_text()) is None  # no full SSN
    press_button(page, "Create the account")

    alert = page.get_by_role("status").filter(has=page.get_by_role("heading", level=1))
    expect(alert.get_by_role("heading", level=1)).to_have_text("Account created")
    page.wait_for_load_state("load")
    expect(alert).to_contain_text("by mail")
    check(page, "call", secrets=secrets)

    # The confirmation letter waits in the office's queue: print it, mark it mailed.
    nav = page.get_by_role("navigation", name="Primary navigation")
    follow_link(page, nav.get_by_role("link", name="Letters to mail"))
    arrived(page, "Letters to mail today")
    row = page.get_by_role("row").filter(
        has=page.get_by_role("rowheader", name=f"{CALLER['first']} {CALLER['last']}")
    )
    expect(row).to_contain_text(f"{CALLER['city']}, MN {CALLER['zip']}")
    check(page, "letters", secrets=secrets)
    follow_link(page, row.get_by_role("link", name=re.compile("^Print")))

    arrived(page, "Confirmation letter")
    check(page, "letter-print", secrets=(*secrets, USERNAME, SECRET_QUESTION))
    letter = page.get_by_role("article", name=f"Letter to {CALLER['first']} {CALLER['last']}")
    expect(letter).to_contain_text("created a job seeker account on your behalf")
    expect(letter).to_contain_text(CALLER["street"])
    text = letter.inner_text()
    assert USERNAME not in text and PASSWORD not in text
    page.emulate_media(media="print")  # only the letter goes to the printer
    expect(page.get_by_role("navigation", name="Primary navigation")).to_be_hidden()
    expect(page.get_by_role("heading", name="Confirmation letter")).to_be_hidden()
    expect(letter).to_be_visible()
    screenshot(page, "registration-letter-printed")
    page.emulate_media(media="screen")
    follow_link(page, page.get_by_role("link", name="mark it mailed"))

    arrived(page, "Letters to mail today")
    press_button(page, re.compile(f"^Mark mailed.*{CALLER['first']} {CALLER['last']}"))
    expect(page.get_by_role("status").filter(has_text="marked as mailed")).to_contain_text(
        f"The letter to {CALLER['first']} {CALLER['last']} is marked as mailed."
    )
    page.wait_for_load_state("load")
    expect(page.get_by_text("Nothing to mail: every letter is in the mail.")).to_be_visible()
    check(page, "letters-mailed", secrets=secrets)

    # Only the deliberate 400 of the contact step may show in the console.
    assert all("400" in error for error in problems.errors), problems.errors


def test_a_call_declined_at_question_c_ends_without_an_account(
    page: Page, casemanager: User
) -> None:
    begin(page)
    answer(page, "No")
    expect(page.get_by_role("alert")).to_contain_text("we cannot proceed with creating an account")
    page.wait_for_load_state("load")
    check(page, "declined-c")
    press_button(page, "End the call: caller declined at question c")
    expect(page.locator("dl")).to_contain_text("Declined at question c")
    page.wait_for_load_state("load")
    check(page, "call-declined")


def test_a_supervisor_opens_call_outcomes_from_the_header(
    page: Page, supervisor: User, casemanager: User
) -> None:
    services.call_start(staff=casemanager)  # one call in progress, so the table has a row
    sign_in_by_keyboard(page, "supervisor")
    nav = page.get_by_role("navigation", name="Primary navigation")
    follow_link(page, nav.get_by_role("link", name="Call outcomes"))
    arrived(page, "Phone registration call outcomes")
    expect(page.get_by_role("table")).to_contain_text(casemanager.last_name)
    check(page, "outcomes")

"""Seed 002 from start to end in a real browser: the partner looks the client up and files
an opt-in request, the supervisor records contact and opts the client in, and the partner
then finds the client and adds them to their office. axe on every page."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import AXE_SOURCE, PageProblems, check_page, sign_in, tab_to
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from workforce.models import User

SSN = "231-45-8391"


def type_into(page: Page, label: str, text: str) -> None:
    tab_to(page, page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$")))
    page.keyboard.type(text)


def press_button(page: Page, name: str) -> None:
    tab_to(page, page.get_by_role("button", name=name, exact=True))
    page.keyboard.press("Enter")


def test_lookup_request_opt_in_and_the_partner_finds_the_client(
    page: Page, browser: object, live_server: object, partner: User, supervisor: User,
    problems: PageProblems,
) -> None:  # fmt: skip
    JobSeekerFactory(first_name="Evangeline", last_name="Marchbanks", ssn=SSN, opted_out=True)

    # Partner: the quick search finds nobody; the lookup names the client; the request.
    sign_in(page, "partner", TEST_PASSWORD)
    page.get_by_label("in", exact=True).select_option("all")
    page.get_by_role("combobox", name="Search job seekers").fill("Evangeline Marchbanks")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#search-summary")).to_contain_text("0 job seekers match")
    check_page(page, "optout-e2e-partner-search-finds-nobody")
    page.goto("/")
    type_into(page, "Client's Social Security Number", SSN)
    press_button(page, "Look up")
    expect(page.locator("#lookup-hit-name")).to_have_text("Marchbanks, Evangeline")
    type_into(page, "Client's phone number", "360-555-0177")
    type_into(page, "Why the client wants to opt in", "Wants WIOA Adult training with us.")
    press_button(page, "File the opt-in request")
    expect(page).to_have_url(re.compile(r"/optout/my-requests/$"))
    check_page(page, "optout-e2e-partner-filed")

    # Supervisor: the queue, contact, the decision.
    supervisor_context = browser.new_context(base_url=live_server.url,
                                             viewport={"width": 1280, "height": 900})  # fmt: skip
    supervisor_context.add_init_script(script=AXE_SOURCE)
    boss = supervisor_context.new_page()
    try:
        sign_in(boss, "supervisor", TEST_PASSWORD)
        boss.get_by_role("navigation", name="Primary navigation").get_by_role(
            "link", name=re.compile(r"^Opt-in requests")
        ).click()
        boss.get_by_role("link", name=re.compile(r"^Request \d+")).first.click()
        check_page(boss, "optout-e2e-supervisor-request")
        boss.get_by_role("button", name="Client contacted").click()
        choice = boss.get_by_label("Client agrees: opt them in")
        choice.focus()
        boss.keyboard.press("Space")
        boss.get_by_label(re.compile(r"^Note")).fill("Agreed on the phone.")
        boss.get_by_role("button", name="Record the decision").click()
        expect(boss.get_by_role("heading", level=1)).to_contain_text("Client opted in")
        check_page(boss, "optout-e2e-supervisor-opted-in")
    finally:
        supervisor_context.close()

    # Partner: the status and the notice, then the client is found and added to the office.
    page.goto("/optout/my-requests/")
    expect(page.get_by_role("row", name=re.compile("Evangeline Marchbanks"))).to_contain_text(
        "opted in"
    )
    page.goto("/optout/notices/")
    expect(page.get_by_text(re.compile("Evangeline Marchbanks agreed to share"))).to_be_visible()
    check_page(page, "optout-e2e-partner-notice")
    page.get_by_label("in", exact=True).select_option("all")
    page.get_by_role("combobox", name="Search job seekers").fill("Evangeline Marchbanks")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("link", name=re.compile("Marchbanks"))).to_be_visible()
    page.get_by_role("button", name=re.compile("^Add to Partner Office")).click()
    expect(page.locator(".usa-alert--success")).to_contain_text("Partner Office")
    check_page(page, "optout-e2e-partner-added-to-office")
    assert problems.errors == [], problems.errors

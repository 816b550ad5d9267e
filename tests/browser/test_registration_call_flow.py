"""The call, faster and never lost (issue 12), in a real browser: where the cursor is on
each step, the wizard's own search on the Existing account step, the banner that brings
a call back, the read-aloud boxes and the Demographics page."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from registration import services
from registration.models import RegistrationCall
from registration.notices.selectors import notice_current
from tests.browser.conftest import check_page, sign_in
from tests.factories import TEST_PASSWORD
from tests.registration.calls import CONTACT, DEMOGRAPHICS
from workforce.models import User


def step(page: Page, call: RegistrationCall, name: str) -> None:
    page.goto(f"/registration/{call.pk}/{name}/")
    page.wait_for_load_state("load")


def focused(page: Page) -> str:
    """The focused control, as "tag:type:name:label", to say what has the cursor."""
    return page.evaluate(
        """() => { const el = document.activeElement;
                   const label = el.labels && el.labels[0] ? el.labels[0].textContent.trim()
                                                           : el.textContent.trim();
                   return [el.tagName, el.type || '', el.name || '', label].join(':'); }"""
    )


def test_it_puts_the_cursor_on_each_steps_first_field(page: Page, casemanager: User) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto("/registration/new/")
    assert focused(page) == "BUTTON:submit::Start the call"
    call = services.call_start(staff=casemanager)
    step(page, call, "existing-account")
    assert focused(page).startswith("INPUT:text:q:Search for the caller")
    services.call_search_record(call=call, text="Nobody")
    services.call_no_match_confirm(call=call)

    step(page, call, "notice")
    assert focused(page).startswith("INPUT:checkbox:read_aloud:")
    assert page.evaluate("window.scrollY") == 0  # the notice is read from its top
    check_page(page, "call-flow-notice")
    services.call_notice_read(call=call, version=notice_current())

    step(page, call, "questions")
    assert focused(page).startswith("INPUT:radio:a:Yes")
    services.call_answers_record(call=call, answers={"a": True, "b": True, "c": True})

    step(page, call, "contact")
    assert focused(page).startswith("INPUT:text:first_name:First name")
    services.call_contact_save(call=call, contact={**CONTACT, "date_of_birth": "1975-03-02"})

    step(page, call, "ssn")
    assert focused(page).startswith("INPUT:radio:choice:")
    services.call_ssn_save(call=call, digits="231456789", pseudo=False, generated=False)

    step(page, call, "credentials")
    assert focused(page).startswith("INPUT:text:username:Username")
    services.call_credentials_save(call=call, username="anndoe75", password="Blue-Heron-Lake",
                                   question="Where did we meet?", answer="Lake")  # fmt: skip

    step(page, call, "demographics")
    assert focused(page).startswith("INPUT:radio:gender:Female")
    check_page(page, "call-flow-demographics")
    services.call_demographics_save(call=call, answers=DEMOGRAPHICS)

    step(page, call, "review")
    assert focused(page) == "BUTTON:submit::Create the account"
    page.keyboard.press("Enter")  # one key from the review to the account
    expect(page.get_by_role("heading", level=1)).to_have_text("Account created")


def test_it_focuses_the_first_unanswered_question_after_an_error(
    page: Page, casemanager: User
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    call = services.call_start(staff=casemanager)
    services.call_search_record(call=call, text="Nobody")
    services.call_no_match_confirm(call=call)
    services.call_notice_read(call=call, version=notice_current())
    step(page, call, "questions")
    page.keyboard.press("Space")  # a. Yes
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # b. Yes; c. left unanswered
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("answer", re.I)).first).to_be_visible()
    page.wait_for_load_state("load")
    assert focused(page).startswith("INPUT:radio:c:")


def test_it_keeps_the_existing_account_search_in_the_wizard(page: Page, casemanager: User) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    call = services.call_start(staff=casemanager)
    step(page, call, "existing-account")
    page.keyboard.type("Nobody Atall")
    page.keyboard.press("Enter")
    expect(page.locator("#search-summary")).to_contain_text("0 job seekers match")
    page.wait_for_load_state("load")
    # Still the wizard, its own box has the cursor and the text; the header box is untouched.
    expect(page.get_by_role("heading", level=1)).to_have_text("Existing account")
    expect(page.get_by_label("Search for the caller")).to_be_focused()
    expect(page.get_by_label("Search for the caller")).to_have_value("Nobody Atall")
    expect(page.locator("#quick-search")).to_have_value("")
    page.keyboard.type(" Again")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    expect(page.get_by_role("heading", level=1)).to_have_text("Existing account")
    check_page(page, "call-flow-existing")


def test_it_brings_a_call_back_from_any_page(page: Page, casemanager: User) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    call = services.call_start(staff=casemanager)
    services.call_search_record(call=call, text="Nobody")
    services.call_no_match_confirm(call=call)
    step(page, call, "notice")
    expect(page.locator("#call-banner")).to_have_count(0)  # not on the call's own page
    # The staff member leaves the wizard through the header search.
    page.locator("#quick-search").fill("Larsen")
    page.locator("#quick-search").press("Escape")
    page.locator("#quick-search-form").get_by_role("button", name="Search").click()
    page.wait_for_load_state("load")
    banner = page.get_by_role("region", name="Call in progress")
    expect(banner).to_contain_text(f"Call #{call.pk} in progress")
    check_page(page, "call-flow-banner")
    banner.get_by_role("link", name=re.compile("return to it")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tennessen warning")
    page.goto("/")
    expect(page.locator("#unfinished-calls")).to_contain_text(f"Call #{call.pk}")
    check_page(page, "call-flow-home")


def test_it_shows_scripts_near_the_top_and_at_least_as_large_as_instructions(
    page: Page, casemanager: User
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    call = services.call_start(staff=casemanager)
    services.call_search_record(call=call, text="Nobody")
    services.call_no_match_confirm(call=call)
    step(page, call, "notice")
    first = page.locator(".wf-read-aloud__text > *").first
    top = first.bounding_box()["y"]
    print(f"\nnotice text begins at {top:.0f} px")
    # Compact header and step indicator (issue 12): the text begins in the upper 60 % of a
    # 1280x900 window; it began at 707 px before.
    assert top < 540, top
    size = "el => parseFloat(getComputedStyle(el).fontSize)"
    said = page.locator(".wf-read-aloud__text p").first.evaluate(size)
    assert said >= page.locator("main .wf-step-instruction").first.evaluate(size)
    services.call_notice_read(call=call, version=notice_current())
    services.call_answers_record(call=call, answers={"a": True, "b": True, "c": True})
    services.call_contact_save(call=call, contact={**CONTACT, "date_of_birth": "1975-03-02"})
    services.call_ssn_save(call=call, digits="231456789", pseudo=False, generated=False)
    step(page, call, "credentials")
    script = page.get_by_role("region", name="Username and password")
    link = script.get_by_role(
        "link", name="mn.gov/deed/job-seekers/workforce-centers/workforce-center-locations"
    )
    expect(link).to_be_visible()
    assert "<http" not in script.inner_text()
    check_page(page, "call-flow-credentials")


def test_it_fits_demographics_in_two_columns_with_declining_one_key_away(
    page: Page, casemanager: User
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    call = services.call_start(staff=casemanager)
    services.call_search_record(call=call, text="Nobody")
    services.call_no_match_confirm(call=call)
    services.call_notice_read(call=call, version=notice_current())
    services.call_answers_record(call=call, answers={"a": True, "b": True, "c": True})
    services.call_contact_save(call=call, contact={**CONTACT, "date_of_birth": "1975-03-02"})
    services.call_ssn_save(call=call, digits="231456789", pseudo=False, generated=False)
    services.call_credentials_save(call=call, username="anndoe75", password="Blue-Heron-Lake",
                                   question="Where did we meet?", answer="Lake")  # fmt: skip
    step(page, call, "demographics")
    height = page.evaluate("document.documentElement.scrollHeight")
    print(f"\ndemographics page height {height} px")
    assert height < 3000, height
    gender = page.get_by_role("group", name=re.compile("^Gender"))
    expect(gender).to_contain_text("What is your gender?")  # the scripted line
    page.keyboard.press("ArrowUp")  # from the first answer (focused) to the last
    expect(gender.get_by_label("Prefers not to answer")).to_be_checked()
    race = page.get_by_role("group", name=re.compile("^Race"))
    page.keyboard.press("Tab")  # the next question: Ethnicity
    page.keyboard.press("Tab")  # Race: "Prefers not to answer" comes first
    page.keyboard.press("Space")
    expect(race.get_by_label("Prefers not to answer")).to_be_checked()
    boxes = [page.get_by_role("group", name=re.compile(f"^{n}")).bounding_box()
             for n in ("Gender", "Ethnicity")]  # fmt: skip
    assert boxes[1]["x"] > boxes[0]["x"] + 200, boxes  # side by side

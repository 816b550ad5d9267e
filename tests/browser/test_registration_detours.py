"""Detours of a phone call in a real browser (issue 12): the "Show" toggles of the
credentials step, and the way back to the search after an SSN clash, axe clean."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from registration import services
from registration.models import RegistrationCall
from registration.notices.selectors import notice_current
from tests.browser.conftest import PageProblems, check_page, sign_in, tab_to
from tests.factories import TEST_PASSWORD, JobSeekerFactory, SeekerAccountFactory
from workforce.models import User

PASSWORD = "Blue-Heron-Lake"
ANSWER = "Two Harbors"


def call_at_ssn(staff: User) -> RegistrationCall:
    """A call whose search, notice, questions and contact are done (by the services)."""
    call = services.call_start(staff=staff)
    services.call_search_record(call=call, text="Nobody")
    services.call_no_match_confirm(call=call)
    services.call_notice_read(call=call, version=notice_current())
    services.call_answers_record(call=call, answers={"a": True, "b": True, "c": True})
    contact = {"first_name": "Ann", "last_name": "Doe", "date_of_birth": "1975-03-02",
               "email": "ann.doe@example.com", "other_names": []}  # fmt: skip
    services.call_contact_save(call=call, contact=contact)
    return call


def toggle(page: Page, input_id: str, name: str) -> None:
    """Reach the toggle by Tab, press it with Enter then Space: shown, then hidden again."""
    field, button = page.locator(f"#{input_id}"), page.get_by_role("button", name=name)
    expect(button).to_have_attribute("aria-controls", input_id)
    expect(button).to_have_attribute("aria-pressed", "false")
    tab_to(page, button)
    page.keyboard.press("Enter")
    expect(field).to_have_attribute("type", "text")
    expect(button).to_have_attribute("aria-pressed", "true")
    check_page(page, f"registration-detours-{input_id}-shown")
    page.keyboard.press("Space")
    expect(field).to_have_attribute("type", "password")
    expect(button).to_have_attribute("aria-pressed", "false")


def test_the_show_toggles_read_back_what_was_typed_and_an_error_keeps_it(
    page: Page, casemanager: User, problems: PageProblems
) -> None:
    SeekerAccountFactory(username="anndoe75")
    call = call_at_ssn(casemanager)
    services.call_ssn_save(call=call, digits="501223344", pseudo=False)
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto(f"/registration/{call.pk}/credentials/")
    page.locator("#id_username").fill("anndoe75")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_secret_question").select_option("What city were you born in?")
    page.locator("#id_secret_answer").fill(ANSWER)
    toggle(page, "id_password", "Show password")
    toggle(page, "id_secret_answer", "Show secret answer")
    page.get_by_role("button", name="Save and continue").click()
    expect(page.locator("#id_username_error")).to_contain_text("That username is taken")
    expect(page.locator("#id_password")).to_have_value(PASSWORD)  # not wiped by the error
    expect(page.locator("#id_secret_answer")).to_have_value(ANSWER)
    check_page(page, "registration-detours-credentials-error")
    # The page with the error is a 400, which Chromium logs; nothing else may be.
    assert [e for e in problems.errors if "status of 400" not in e] == []


def test_an_ssn_clash_goes_back_to_the_search_with_its_context(
    page: Page, casemanager: User, problems: PageProblems
) -> None:
    JobSeekerFactory(ssn="231-45-6789", first_name="Zelda", last_name="Quist")
    call = call_at_ssn(casemanager)
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto(f"/registration/{call.pk}/ssn/")
    page.locator("#id_choice_0").focus()  # "Give their Social Security Number", by keyboard
    page.keyboard.press("Space")
    expect(page.get_by_label("Give their Social Security Number")).to_be_checked()
    page.locator("#id_ssn").fill("231-45-6789")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Existing account")
    box = page.locator("#ssn-clash")
    expect(box).to_contain_text("an account with this SSN already exists")
    expect(box).to_contain_text("***-**-6789")
    # Notice, questions and contact stay done; the SSN step is to do again.
    expect(page.locator(".usa-step-indicator__segment--complete")).to_have_count(3)
    check_page(page, "registration-detours-ssn-clash")
    page.get_by_role("button", name="Search for the SSN ending in 6789").click()
    expect(page.get_by_role("table")).to_contain_text("Quist, Zelda")
    assert "231-45-6789" not in page.content() and "231456789" not in page.content()
    check_page(page, "registration-detours-ssn-clash-searched")
    page.get_by_role("button", name=re.compile("None of these is the caller")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Social Security Number")
    expect(page.get_by_label(re.compile("^Check the SSN typed before again"))).to_be_checked()
    assert "231-45-6789" not in page.content()
    check_page(page, "registration-detours-ssn-again")
    assert problems.errors == []

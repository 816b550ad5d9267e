"""The partner side of the opt-out in a real browser, by keyboard: the home page's Opt-Out
Lookup names the client, the request is filed and shows on My opt-in requests. Every page
is photographed into test-artifacts/ and checked by axe."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from optout.models import OptInRequest
from seekers.models import JobSeeker
from tests.browser.conftest import PageProblems, check_page, sign_in, tab_to
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from workforce.models import User


def press_button(page: Page, name: str) -> None:
    tab_to(page, page.get_by_role("button", name=name, exact=True))
    page.keyboard.press("Enter")


def type_into(page: Page, label: str, text: str) -> None:
    tab_to(page, page.get_by_label(re.compile(rf"^{re.escape(label)}( \*)?$")))
    page.keyboard.type(text)


def test_partner_looks_up_an_opted_out_client_and_files_an_opt_in_request(
    page: Page, partner: User, supervisor: User, problems: PageProblems
) -> None:
    hidden: JobSeeker = JobSeekerFactory(
        first_name="Marisol", last_name="Quintero", ssn="231-45-8274", opted_out=True
    )
    sign_in(page, "partner", TEST_PASSWORD)
    expect(page.get_by_role("heading", name="Opt-Out Lookup")).to_be_visible()
    check_page(page, "optout-partner-home")

    type_into(page, "Client's Social Security Number", "231-45-8274")
    press_button(page, "Look up")
    expect(page.locator("#lookup-hit-name")).to_have_text("Quintero, Marisol")
    assert "231-45-8274" not in page.content() and "8274" not in page.content()
    path = urlsplit(page.url).path  # not the live server's port, which may hold the digits
    assert "8274" not in path and str(hidden.pk) not in path
    expect(page.get_by_label(re.compile(r"^Client's name"))).to_have_value("Marisol Quintero")
    check_page(page, "optout-partner-lookup-hit")

    type_into(page, "Client's phone number", "360-555-0142")
    type_into(page, "Why the client wants to opt in", "Wants to enroll in WIOA Adult with us.")
    press_button(page, "File the opt-in request")

    expect(page).to_have_url(re.compile(r"/optout/my-requests/$"))
    expect(page.get_by_text("Request sent for Marisol Quintero")).to_be_visible()
    row = page.get_by_role("row", name=re.compile("Marisol Quintero"))
    expect(row).to_contain_text("New")
    expect(row).to_contain_text("(360) 555-0142")
    expect(
        row.get_by_role("button", name="Withdraw the request for Marisol Quintero")
    ).to_be_visible()
    check_page(page, "optout-partner-my-requests")
    assert OptInRequest.objects.get().requested_by == partner
    assert problems.errors == []


def test_a_miss_is_neutral_and_an_invalid_number_is_explained_beside_the_field(
    page: Page, partner: User, problems: PageProblems
) -> None:
    sign_in(page, "partner", TEST_PASSWORD)
    type_into(page, "Client's Social Security Number", "12345")
    press_button(page, "Look up")
    expect(page.locator("#id_ssn_error")).to_contain_text("Enter nine digits")
    expect(page.get_by_label(re.compile(r"^Client's Social Security Number"))).to_have_value("")
    check_page(page, "optout-partner-lookup-invalid")

    type_into(page, "Client's Social Security Number", "456-78-9123")
    press_button(page, "Look up")
    expect(page.locator("#lookup-miss")).to_have_text("No opted-out record for this number.")
    check_page(page, "optout-partner-lookup-miss")
    # Only the deliberate 400 of the invalid number may show in the console.
    assert len(problems.errors) == 1 and "400" in problems.errors[0], problems.errors


def test_a_search_that_finds_nobody_leads_to_the_lookup_and_the_hit_names_the_contact(
    page: Page, partner: User, problems: PageProblems
) -> None:
    organization = partner.organization
    organization.optout_contact_name = "Pat Lee, ESD WIOA Supervisor"
    organization.optout_contact_email = "pat.lee@esd.example.gov"
    organization.optout_contact_phone = "3605550177"
    organization.save()
    JobSeekerFactory(first_name="Marisol", last_name="Quintero", ssn="231-45-8274",
                     opted_out=True)  # fmt: skip
    sign_in(page, "partner", TEST_PASSWORD)
    box = page.get_by_role("combobox", name="Search job seekers")
    box.focus()
    page.keyboard.type("Marisol Quintero", delay=20)
    offer = page.get_by_role("option", name=re.compile("Opt-Out Lookup"))
    expect(offer).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # past "Search all offices"
    expect(box).to_have_attribute("aria-activedescendant", "quick-search-option-optout")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/optout/lookup/$"))
    check_page(page, "optout-partner-lookup-from-search")

    type_into(page, "Client's Social Security Number", "231-45-8274")
    press_button(page, "Look up")
    contact = page.locator("#optout-contact")
    expect(contact).to_contain_text("Pat Lee, ESD WIOA Supervisor")
    expect(contact).to_contain_text("(360) 555-0177")
    expect(contact.get_by_role("link", name="pat.lee@esd.example.gov")).to_have_attribute(
        "href", "mailto:pat.lee@esd.example.gov"
    )
    check_page(page, "optout-partner-lookup-hit-contact")
    assert problems.errors == []

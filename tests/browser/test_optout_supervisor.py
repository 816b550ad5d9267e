"""The supervisor's side of an opt-in request in a real browser (seed 002, supervisor steps):
queue from the header, the request, contact recorded, the client opted in; then the partner
finds the client with the header's quick search. Every page axe clean and photographed."""

from __future__ import annotations

import re

import pytest
from django.test import RequestFactory
from playwright.sync_api import expect

from optout import services
from optout.models import OptInRequest
from seekers.models import JobSeeker
from tests.browser.conftest import AXE_SOURCE, PageProblems, check_page, sign_in
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from workforce.models import AccessLog, User
from workforce.urlids import id_encode

SSN = "231-45-8172"


@pytest.fixture
def filed(partner: User, supervisor: User) -> tuple[JobSeeker, OptInRequest]:
    """An opted-out client looked up and asked about by the partner, through the services."""
    seeker = JobSeekerFactory(first_name="Rosalind", last_name="Quarterman", ssn=SSN,
                              opted_out=True)  # fmt: skip
    services.optout_lookup(request=RequestFactory().post("/"), actor=partner, ssn=SSN)
    optin = services.optin_request_file(
        lookup=AccessLog.objects.get(user=partner), actor=partner,
        client_name="Rosalind Quarterman", client_phone="3605550188",
        reason="Wants to enroll in WIOA Adult with our council.",
    )  # fmt: skip
    return seeker, optin


def test_supervisor_opts_the_client_in_and_the_partner_then_finds_them(
    page: object, browser: object, live_server: object, filed: tuple[JobSeeker, OptInRequest],
    problems: PageProblems,
) -> None:  # fmt: skip
    seeker, optin = filed
    sign_in(page, "supervisor", TEST_PASSWORD)
    page.get_by_role("navigation", name="Primary navigation").get_by_role(
        "link", name=re.compile(r"^Opt-in requests")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opt-in requests")
    expect(page.get_by_role("rowheader", name="Rosalind Quarterman")).to_be_visible()
    check_page(page, "optout-queue")

    page.get_by_role("link", name=f"Request {optin.pk}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Opt-in request {optin.pk}")
    check_page(page, "optout-request-new")

    page.get_by_role("button", name="Client contacted").click()
    expect(page.get_by_role("status")).to_contain_text("Contact with Rosalind Quarterman")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Contacting the client")
    check_page(page, "optout-request-contacting")

    choice = page.get_by_label("Client agrees: opt them in")
    choice.focus()  # the USWDS radio is drawn over its input: chosen by keyboard, as staff do
    page.keyboard.press("Space")
    expect(choice).to_be_checked()
    page.get_by_label(re.compile(r"^Note")).fill("Agreed on the phone to share her data.")
    page.get_by_label(re.compile(r"^How the client told you")).select_option("phone")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Client opted in")
    check_page(page, "optout-request-opted-in")
    assert problems.errors == []

    partner_context = browser.new_context(base_url=live_server.url,
                                          viewport={"width": 1280, "height": 900})  # fmt: skip
    partner_context.add_init_script(script=AXE_SOURCE)
    partner_page = partner_context.new_page()
    partner_page.set_default_timeout(10_000)
    try:
        sign_in(partner_page, "partner", TEST_PASSWORD)
        partner_page.get_by_label("in", exact=True).select_option("all")
        partner_page.get_by_role("combobox", name="Search job seekers").fill("Rosalind Quarterman")
        partner_page.get_by_role("button", name="Search", exact=True).click()
        expect(partner_page.get_by_role("link", name=re.compile("Quarterman"))).to_be_visible()
        check_page(partner_page, "optout-partner-finds-opted-in-client")
        partner_page.get_by_role("link", name=re.compile("Quarterman")).first.click()
        expect(partner_page).to_have_url(re.compile(rf"/seekers/{id_encode(seeker.pk)}/$"))
        expect(partner_page.locator("#data-sharing")).to_contain_text(
            "Shares data with partner organizations."
        )
        check_page(partner_page, "optout-partner-seeker-page")
    finally:
        partner_context.close()


def test_case_manager_opts_a_client_out_from_the_seeker_page_by_keyboard(
    page: object, casemanager: User, problems: PageProblems
) -> None:
    seeker = JobSeekerFactory(first_name="Tobias", last_name="Lindqvist")
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto(f"/seekers/{id_encode(seeker.pk)}/")
    section = page.locator("#data-sharing")
    expect(section).to_contain_text("Shares data")
    section.get_by_label(re.compile(r"^How the client asked")).select_option("in_person")
    button = section.get_by_role("button", name="Opt out of data sharing")
    button.focus()
    page.keyboard.press("Enter")  # no reason given: refused beside the field
    expect(page.locator("#data-sharing")).to_contain_text("Give the reason the client gave.")
    check_page(page, "optout-consent-reason-missing")
    reason = page.locator("#data-sharing").get_by_label(re.compile(r"^Reason"))
    reason.focus()
    page.keyboard.type("Does not want partner councils to see her record.")
    page.locator("#data-sharing").get_by_role("button", name="Opt out of data sharing").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("opted out of data sharing")
    expect(page.locator("#data-sharing")).to_contain_text("Only a supervisor opts a client back in")
    expect(page.locator("#data-sharing")).to_contain_text("Does not want partner councils")
    check_page(page, "optout-consent-opted-out")
    # The refused post answers 400, which Chromium logs; nothing else may have gone wrong.
    assert len(problems.errors) == 1 and "400" in problems.errors[0], problems.errors

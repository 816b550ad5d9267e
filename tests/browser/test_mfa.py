"""Staff MFA end to end in Chromium (issue 14): a staff member who must use two-step sign-in
sets it up from the QR code's key, signs in again with a code, and confirms it's them with
a backup code before revealing an SSN; every page at 1280 and 390 px with an axe-core scan."""

from __future__ import annotations

import base64
import re
import time

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings
from django_otp.oath import TOTP
from playwright.sync_api import expect

from seekers.models import JobSeeker
from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from workforce.constants import AccessAction
from workforce.mfa.constants import SESSION_AUTH_AT
from workforce.models import AccessLog, Office, User
from workforce.urlids import id_encode


def code_from_key(key: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for the key a person typed in by hand."""
    totp = TOTP(base64.b32decode(key))
    totp.time = time.time() + steps_ahead * 30
    return f"{totp.token():06d}"


@pytest.fixture
def seeker(casemanager: User, office: Office) -> JobSeeker:
    return JobSeekerFactory(
        first_name="Margaret", last_name="Larsen", ssn="231-45-6789", offices=[office]
    )


@override_settings(STAFF_MFA_REQUIRED=True)
def test_staff_set_up_two_step_sign_in_sign_in_with_a_code_and_step_up(
    page: object, casemanager: User, seeker: JobSeeker, problems: PageProblems
) -> None:
    sign_in(page, "casemanager", TEST_PASSWORD)
    # MFA is required and there is no device yet: setting one up comes before anything else.
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up two-step sign-in")
    qr = page.locator("#totp-qr")
    expect(qr).to_be_visible()
    # The SVG data: image loads under the CSP (a blocked image has no natural width).
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    check_page(page, "mfa-setup")
    key = "".join(page.locator("#totp-key").inner_text().split())
    code = page.get_by_label("Code")
    expect(code).to_be_focused()
    code.fill("000000" if code_from_key(key) != "000000" else "111111")
    code.press("Enter")
    expect(page.get_by_text("That code is not right")).to_be_visible()
    expect(page.get_by_label("Code")).to_be_focused()  # back on the field in error
    assert problems.errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]  # the refusal itself; nothing else
    problems.errors.clear()
    page.get_by_label("Code").fill(code_from_key(key, steps_ahead=-1))
    page.get_by_label("Code").press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Your backup codes")
    codes = page.locator("#backup-codes li").all_inner_texts()
    assert len(codes) == 10
    check_page(page, "mfa-backup-codes")
    page.get_by_role("link", name="I saved my codes, continue").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")

    # Signing in again asks for a code from the app.
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, "casemanager", TEST_PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Enter your sign-in code")
    expect(page.get_by_label("Code")).to_be_focused()
    check_page(page, "mfa-verify")
    page.get_by_label("Code").fill(code_from_key(key))
    page.get_by_label("Code").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welcome")

    # Twenty minutes later the reveal of an SSN asks to confirm it's them first.
    session_key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    session = SessionStore(session_key=session_key)
    session[SESSION_AUTH_AT] -= 20 * 60
    session.save()
    page.goto(f"/seekers/{id_encode(seeker.pk)}/")
    page.get_by_role("button", name="Reveal SSN").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm it\u2019s you")
    expect(page.get_by_label("Your password")).to_be_focused()
    check_page(page, "mfa-confirm")
    page.get_by_label("Your password").fill(TEST_PASSWORD)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(rf"/seekers/{id_encode(seeker.pk)}/$"))
    assert not AccessLog.objects.filter(action=AccessAction.SSN_REVEAL).exists()
    page.get_by_role("button", name="Reveal SSN").click()
    expect(page.locator("#seeker-ssn")).to_contain_text("231-45-6789")
    assert AccessLog.objects.filter(action=AccessAction.SSN_REVEAL).count() == 1
    assert problems.errors == []

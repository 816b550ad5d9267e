"""The idle warning in a real browser (issue 14; WCAG 2.2.1 Timing Adjustable, ASVS 5.0 V7.3):
with a short idle timeout, the dialog appears before the end with focus in it, "Stay signed
in" keeps the session and what was typed, and an ended session says so without losing the
page. axe-clean at 1280 and 390 px."""

from __future__ import annotations

import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from seekers.models import JobSeeker
from tests.browser.conftest import PageProblems, check_page, sign_in
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from workforce.models import Office, User

IDLE = 12  # seconds
WARNING = 9  # the dialog appears 3 s after the last request

TYPED = "Caller asked about forklift training; will call back after lunch."


@pytest.fixture
def short_sessions(settings) -> None:
    settings.SESSION_COOKIE_AGE = IDLE
    settings.SESSION_WARNING_SECONDS = WARNING


@pytest.fixture
def seeker(casemanager: User, office: Office) -> JobSeeker:
    return JobSeekerFactory(first_name="Ann", last_name="Doe", offices=[office])


def _note_page(page: object, seeker: JobSeeker) -> object:
    sign_in(page, "casemanager", TEST_PASSWORD)
    page.goto(reverse("casework:notes", args=[seeker.pk]))
    note = page.get_by_label("Case note")
    note.fill(TYPED)
    note.focus()
    return note


def _shown(dialog: object) -> object:
    """What shows of a USWDS modal: its wrapper (the role=dialog element) has no box of its own."""
    return dialog.locator(".usa-modal")


def _browser_storage(page: object) -> str:
    """Everything the page keeps in localStorage and sessionStorage (htmx keeps its path)."""
    return page.evaluate("() => JSON.stringify([localStorage, sessionStorage])")


def _signed_in(page: object) -> bool:
    return page.request.get(reverse("session-status")).ok


def test_stay_signed_in_keeps_the_session_and_the_typed_text(
    page: object, seeker: JobSeeker, short_sessions: None, problems: PageProblems
) -> None:
    note = _note_page(page, seeker)
    started = time.monotonic()
    dialog = page.get_by_role("dialog", name="Are you still there?")
    expect(_shown(dialog)).to_be_visible()
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    expect(dialog).to_contain_text("you will be signed out at")
    check_page(page, "session-timeout-warning")
    page.keyboard.press("Enter")  # keyboard alone
    expect(_shown(dialog)).to_be_hidden()
    expect(note).to_be_focused()  # back where the user was typing
    expect(note).to_have_value(TYPED)
    # Past the deadline the first page load would have had: the keep-alive moved it.
    time.sleep(max(0, IDLE + 1 - (time.monotonic() - started)))
    assert _signed_in(page)
    expect(note).to_have_value(TYPED)
    assert "forklift" not in _browser_storage(page)
    assert problems.errors == []


def test_an_ended_session_says_so_and_keeps_the_page(
    page: object, seeker: JobSeeker, short_sessions: None, problems: PageProblems
) -> None:
    note = _note_page(page, seeker)
    expect(_shown(page.get_by_role("dialog", name="Are you still there?"))).to_be_visible()
    ended = page.get_by_role("dialog", name="You were signed out")
    expect(_shown(ended)).to_be_visible(timeout=IDLE * 1000)
    expect(ended).to_contain_text("sign in again in a new tab")
    expect(ended.get_by_role("link", name="Sign in again (opens a new tab)")).to_be_focused()
    check_page(page, "session-timeout-ended")
    assert not _signed_in(page)
    ended.get_by_role("button", name="Back to the page").click()
    expect(_shown(page.locator("#wf-session-timeout"))).to_be_hidden()
    expect(note).to_have_value(TYPED)  # still in the page, never stored in the browser
    assert "forklift" not in _browser_storage(page)
    assert [e for e in problems.errors if "401" not in e] == []

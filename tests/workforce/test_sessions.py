"""Session lifetime (issue 14, ASVS 5.0 V7.3): idle timeout, absolute lifetime, keep-alive.

The idle warning itself is tested in a real browser (tests/browser/test_session_timeout.py).
"""

from __future__ import annotations

import time

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.factories import JobSeekerFactory
from workforce.models import User
from workforce.sessions import SEEN, STARTED

pytestmark = pytest.mark.django_db

HOME = "/"


def _stamp(client: Client, **shift: int) -> None:
    """Move the session's sign-in or last-activity time `shift` seconds into the past."""
    session = client.session
    now = int(time.time())
    if "started" in shift:
        session[STARTED] = now - shift["started"]
    if "seen" in shift:
        session[SEEN] = now - shift["seen"]
    session.save()


def _signed_in(client: Client) -> bool:
    return client.get(HOME).status_code == 200


def test_it_defaults_to_twelve_hours_and_a_two_minute_warning() -> None:
    assert settings.SESSION_ABSOLUTE_HOURS == 12
    assert settings.SESSION_WARNING_SECONDS >= 120  # "at least 2 minutes" (issue 14)


def test_signing_in_stamps_the_session(client: Client, casemanager: User) -> None:
    client.post(reverse("login"), {"username": "casemanager", "password": "correct-horse-battery"})
    session = client.session
    assert abs(session[STARTED] - time.time()) < 60 and session[SEEN] == session[STARTED]


def test_a_session_ends_after_the_absolute_lifetime_even_when_active(
    casemanager_client: Client,
) -> None:
    lifetime = settings.SESSION_ABSOLUTE_HOURS * 3600
    _stamp(casemanager_client, started=lifetime - 60, seen=1)
    assert _signed_in(casemanager_client)  # a minute before the end: still signed in
    _stamp(casemanager_client, started=lifetime + 1, seen=1)  # busy to the last second
    response = casemanager_client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    page = casemanager_client.get(response["Location"])
    assert "a session lasts at most 12 hours" in page.content.decode()
    assert not _signed_in(casemanager_client)


def test_a_session_ends_after_the_idle_timeout(casemanager_client: Client) -> None:
    _stamp(casemanager_client, started=600, seen=settings.SESSION_COOKIE_AGE - 30)
    assert _signed_in(casemanager_client)  # the request itself counts as activity
    _stamp(casemanager_client, started=600, seen=settings.SESSION_COOKIE_AGE + 1)
    response = casemanager_client.get(HOME)
    assert response.status_code == 302
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == ["You were signed out after 30 minutes without activity. Sign in again."]


def test_the_status_check_does_not_count_as_activity(casemanager_client: Client) -> None:
    _stamp(casemanager_client, started=600, seen=300)
    answer = casemanager_client.get(reverse("session-status")).json()
    assert answer["signed_in"] is True
    assert (
        settings.SESSION_COOKIE_AGE - 302
        <= answer["seconds_left"]
        <= settings.SESSION_COOKIE_AGE - 299
    )
    again = casemanager_client.get(reverse("session-status")).json()
    assert again["idle_seconds_left"] <= answer["idle_seconds_left"]  # not pushed forward


def test_stay_signed_in_restarts_the_idle_clock(casemanager: User) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(casemanager)
    page = client.get(HOME)  # the dialog's form carries the CSRF token
    token = page.context["csrf_token"]
    _stamp(client, started=600, seen=settings.SESSION_COOKIE_AGE - 100)
    assert client.post(reverse("session-keep-alive")).status_code == 403  # CSRF-protected
    _stamp(client, started=600, seen=settings.SESSION_COOKIE_AGE - 100)
    answer = client.post(reverse("session-keep-alive"), {"csrfmiddlewaretoken": str(token)}).json()
    assert (
        answer["signed_in"] is True
        and answer["idle_seconds_left"] >= settings.SESSION_COOKIE_AGE - 2
    )


def test_stay_signed_in_cannot_pass_the_absolute_lifetime(casemanager_client: Client) -> None:
    lifetime = settings.SESSION_ABSOLUTE_HOURS * 3600
    _stamp(casemanager_client, started=lifetime - 90, seen=settings.SESSION_COOKIE_AGE - 100)
    answer = casemanager_client.post(reverse("session-keep-alive")).json()
    assert answer["idle_seconds_left"] >= settings.SESSION_COOKIE_AGE - 2
    assert answer["seconds_left"] == answer["absolute_seconds_left"]
    assert 85 <= answer["seconds_left"] <= 90


def test_an_ended_session_gets_401_from_the_session_endpoints(casemanager_client: Client) -> None:
    _stamp(casemanager_client, started=600, seen=settings.SESSION_COOKIE_AGE + 1)
    response = casemanager_client.post(reverse("session-keep-alive"))
    assert response.status_code == 401 and response.json() == {
        "signed_in": False,
        "seconds_left": 0,
    }
    assert casemanager_client.get(reverse("session-status")).status_code == 401
    assert not _signed_in(casemanager_client)


def test_every_signed_in_page_carries_the_warning_dialog(casemanager_client: Client) -> None:
    body = casemanager_client.get(HOME).content.decode()
    assert 'id="wf-session-timeout"' in body and "Stay signed in" in body
    assert "js/session-timeout.js" in body
    assert f'data-warning-seconds="{settings.SESSION_WARNING_SECONDS}"' in body
    started = casemanager_client.session[STARTED]
    assert f'data-absolute-end="{started + settings.SESSION_ABSOLUTE_HOURS * 3600}"' in body


# --- flash messages never travel in a cookie (issue 14) ------------------------------------------


def test_flash_messages_are_kept_in_the_session_not_a_cookie(casemanager_client: Client) -> None:
    seeker = JobSeekerFactory(first_name="Philippa", last_name="Quenneville")
    response = casemanager_client.post(reverse("casework:verify-dob", args=[seeker.pk]))
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert set(response.cookies) <= {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    assert all("Quenneville" not in morsel.value for morsel in response.cookies.values())
    page = casemanager_client.get(response["Location"])
    assert "Date of birth of Philippa Quenneville verified." in page.content.decode()
    assert "messages" not in page.cookies


def test_signing_out_ends_the_session_and_clears_the_browsers_cache(
    casemanager_client: Client,
) -> None:
    """ASVS 5.0 14.3.1: on a shared PC nothing of the session stays in the browser."""
    key = casemanager_client.session.session_key
    response = casemanager_client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Clear-Site-Data"] == '"cache", "storage"'  # not "cookies": whole domain
    assert not Session.objects.filter(session_key=key).exists()
    assert casemanager_client.get(reverse("casework:home")).status_code == 302

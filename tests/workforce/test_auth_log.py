"""The security log (OWASP ASVS 5.0 16.3.1, 16.3.2): one line per second-step code, step-up,
MFA set-up, new backup codes and reset, and per 403, with who and from where; failures at
WARNING, successes at INFO; never a code, a password or a TOTP key. And the set-up page
writes nothing on a GET: its key lives in the session until a right code is typed."""

from __future__ import annotations

import base64
import logging

import pytest
from django.contrib.sessions.models import Session
from django.http import HttpResponseForbidden
from django.test import Client, RequestFactory
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice

from tests.conftest import client_for
from tests.factories import TEST_PASSWORD, JobSeekerFactory
from tests.workforce.test_mfa import (
    BACKUP_CODE,
    backoff_passes,
    device_for,
    enrol,
    page_device,
    sign_in,
    totp_code,
    wrong_code,
)
from tests.workforce.test_settings import manage
from workforce.crypto import decrypt
from workforce.mfa.constants import SESSION_PENDING_KEY
from workforce.mfa.models import StaffTOTPDevice
from workforce.middleware import ForbiddenLogMiddleware
from workforce.models import User

pytestmark = pytest.mark.django_db

SECURITY = "workforce.security"


@pytest.fixture
def caplog(caplog: pytest.LogCaptureFixture) -> pytest.LogCaptureFixture:
    """Every record from DEBUG up, so a secret logged at any level anywhere is seen."""
    caplog.set_level(logging.DEBUG)
    return caplog


def events(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == SECURITY]


def only_event(caplog: pytest.LogCaptureFixture) -> logging.LogRecord:
    records = events(caplog)
    assert len(records) == 1, [r.getMessage() for r in records]
    return records[0]


def assert_who(record: logging.LogRecord, user: User) -> None:
    """The record names the user (username and id) and the client address, field and line."""
    fields = record.security
    assert (fields["user"], fields["user_id"], fields["ip"]) == (
        user.username,
        user.pk,
        "127.0.0.1",
    )
    line = record.getMessage()
    assert f"user={user.username}" in line and f"user_id={user.pk}" in line
    assert "ip=127.0.0.1" in line


def assert_nowhere(caplog: pytest.LogCaptureFixture, *secrets: str) -> None:
    """No log record, of any logger or level, holds any of these strings."""
    text = "\n".join(
        f"{record.getMessage()} {getattr(record, 'security', '')} {record.args!r}"
        for record in caplog.records
    )
    for secret in secrets:
        assert secret not in text


def signed_in_with_device(user: User) -> tuple[Client, StaffTOTPDevice]:
    """A browser past the password with a device set up: it owes the code."""
    device = device_for(user)
    return sign_in(user), device


# --- sign-in's second step ------------------------------------------------------------------


def test_a_right_code_at_sign_in_is_logged_at_info_with_its_kind(
    casemanager: User, caplog: pytest.LogCaptureFixture
) -> None:
    client, device = signed_in_with_device(casemanager)
    code = totp_code(device)
    caplog.clear()
    assert client.post(reverse("mfa:verify"), {"code": code}).status_code == 302
    record = only_event(caplog)
    assert record.levelno == logging.INFO
    assert record.security["event"] == "mfa.code"
    assert record.security["outcome"] == "accepted" and record.security["kind"] == "totp"
    assert_who(record, casemanager)
    assert_nowhere(caplog, code, device.key, base64.b32encode(device.bin_key).decode())


def test_a_wrong_code_at_sign_in_is_logged_at_warning_without_the_code(
    casemanager: User, caplog: pytest.LogCaptureFixture
) -> None:
    client, device = signed_in_with_device(casemanager)
    code = wrong_code(device)
    caplog.clear()
    assert client.post(reverse("mfa:verify"), {"code": code}).status_code == 400
    record = only_event(caplog)
    assert record.levelno == logging.WARNING
    assert (record.security["event"], record.security["outcome"]) == ("mfa.code", "refused")
    assert record.security["kind"] == "totp"
    assert_who(record, casemanager)
    assert_nowhere(caplog, code)


def test_a_throttled_code_is_logged_as_throttled(
    casemanager: User, caplog: pytest.LogCaptureFixture
) -> None:
    client, device = signed_in_with_device(casemanager)
    client.post(reverse("mfa:verify"), {"code": wrong_code(device)})
    caplog.clear()
    assert client.post(reverse("mfa:verify"), {"code": totp_code(device)}).status_code == 429
    record = only_event(caplog)
    assert record.levelno == logging.WARNING and record.security["outcome"] == "throttled"


def test_backup_codes_right_and_wrong_are_logged_as_backup_codes(
    casemanager: User, caplog: pytest.LogCaptureFixture
) -> None:
    _, codes = enrol(client_for(casemanager))
    client = sign_in(casemanager)
    caplog.clear()
    assert client.post(reverse("mfa:verify"), {"code": "abcde-fghjk"}).status_code == 400
    backoff_passes(casemanager)
    assert client.post(reverse("mfa:verify"), {"code": codes[0]}).status_code == 302
    refused, accepted = events(caplog)
    assert (refused.levelno, refused.security["outcome"]) == (logging.WARNING, "refused")
    assert (accepted.levelno, accepted.security["outcome"]) == (logging.INFO, "accepted")
    assert refused.security["kind"] == accepted.security["kind"] == "backup"
    assert_who(accepted, casemanager)
    assert_nowhere(caplog, "abcde-fghjk", "abcdefghjk", codes[0], codes[0].replace("-", ""))


# --- the step-up: "Confirm it's you" -------------------------------------------------------


def test_a_step_up_with_the_password_is_logged_confirmed_at_info(
    casemanager: User, caplog: pytest.LogCaptureFixture
) -> None:
    client = client_for(casemanager)
    caplog.clear()
    assert client.post(reverse("mfa:confirm"), {"password": TEST_PASSWORD}).status_code == 302
    record = only_event(caplog)
    assert record.levelno == logging.INFO
    assert (record.security["event"], record.security["outcome"]) == ("step-up", "confirmed")
    assert record.security["kind"] == "password"
    assert_who(record, casemanager)
    assert_nowhere(caplog, TEST_PASSWORD)


def test_a_step_up_with_a_wrong_password_is_logged_refused_without_it(
    casemanager: User, caplog: pytest.LogCaptureFixture
) -> None:
    client = client_for(casemanager)
    caplog.clear()
    typed = "Not-the-password-41"
    assert client.post(reverse("mfa:confirm"), {"password": typed}).status_code == 400
    record = only_event(caplog)
    assert record.levelno == logging.WARNING
    assert (record.security["event"], record.security["outcome"]) == ("step-up", "refused")
    assert record.security["reason"] == "password"
    assert_who(record, casemanager)
    assert_nowhere(caplog, typed)


def test_a_step_up_with_a_code_is_logged_refused_then_confirmed(
    casemanager: User, caplog: pytest.LogCaptureFixture
) -> None:
    device = device_for(casemanager)
    client = client_for(casemanager)
    client.post(reverse("mfa:verify"), {"code": totp_code(device, steps_ahead=-1)})
    wrong, right = wrong_code(device), totp_code(device)
    caplog.clear()
    response = client.post(reverse("mfa:confirm"), {"password": TEST_PASSWORD, "code": wrong})
    assert response.status_code == 400
    backoff_passes(casemanager)
    response = client.post(reverse("mfa:confirm"), {"password": TEST_PASSWORD, "code": right})
    assert response.status_code == 302
    refused, confirmed = events(caplog)
    assert (refused.levelno, refused.security["outcome"]) == (logging.WARNING, "refused")
    assert refused.security["reason"] == "code"
    assert (confirmed.levelno, confirmed.security["outcome"]) == (logging.INFO, "confirmed")
    assert refused.security["kind"] == confirmed.security["kind"] == "password+totp"
    assert_who(confirmed, casemanager)
    assert_nowhere(caplog, wrong, right, TEST_PASSWORD, device.key)


# --- setting up a device, backup codes, the reset -------------------------------------------


def test_a_get_of_the_set_up_page_writes_no_device(casemanager: User) -> None:
    client = client_for(casemanager)
    before = StaffTOTPDevice.objects.count(), StaticDevice.objects.count()
    for _ in range(2):
        assert client.get(reverse("mfa:setup")).status_code == 200
    assert (StaffTOTPDevice.objects.count(), StaticDevice.objects.count()) == before == (0, 0)


def test_the_pending_key_is_in_the_session_only_encrypted(casemanager: User) -> None:
    client = client_for(casemanager)
    app = page_device(client.get(reverse("mfa:setup")).content.decode())
    session = Session.objects.get(session_key=client.cookies["sessionid"].value)
    stored = session.get_decoded()[SESSION_PENDING_KEY]
    assert app.key not in stored and base64.b32encode(app.bin_key).decode() not in stored
    assert decrypt(stored) == app.key  # under the PII keys


def test_set_up_works_end_to_end_and_is_logged_without_the_key(
    casemanager: User, caplog: pytest.LogCaptureFixture, settings: object
) -> None:
    settings.STAFF_MFA_REQUIRED = True
    client = sign_in(casemanager)
    caplog.clear()
    html = client.get(reverse("mfa:setup")).content.decode()
    app = page_device(html)  # as the person types the key into their app
    key_text = base64.b32encode(app.bin_key).decode()
    wrong = wrong_code(app)
    assert client.post(reverse("mfa:setup"), {"code": wrong}).status_code == 400
    right = f"{totp(app.bin_key):06d}"
    response = client.post(reverse("mfa:setup"), {"code": right})
    assert response.status_code == 200
    codes = BACKUP_CODE.findall(response.content.decode())
    # Set up: the device saved holds the key the page showed, and the session is verified.
    device = StaffTOTPDevice.objects.get(user=casemanager, confirmed=True)
    assert device.bin_key == app.bin_key
    assert client.get(reverse("casework:home")).status_code == 200
    assert SESSION_PENDING_KEY not in client.session
    refused, set_up = events(caplog)
    assert (refused.levelno, refused.security["event"]) == (logging.WARNING, "mfa.set-up")
    assert refused.security["outcome"] == "refused"
    assert (set_up.levelno, set_up.security["event"]) == (logging.INFO, "mfa.set-up")
    assert set_up.security["outcome"] == "set up"
    assert_who(set_up, casemanager)
    assert_nowhere(caplog, app.key, key_text, key_text.lower(), wrong, right, *codes)
    # The code that confirmed the device is used: it does not also sign in a second session.
    second = sign_in(casemanager)
    assert second.post(reverse("mfa:verify"), {"code": right}).status_code == 400


def test_new_backup_codes_are_logged_without_the_codes(
    casemanager: User, caplog: pytest.LogCaptureFixture
) -> None:
    client = client_for(casemanager)
    enrol(client)
    caplog.clear()
    response = client.post(reverse("mfa:backup-codes"))
    codes = BACKUP_CODE.findall(response.content.decode())
    assert len(codes) == 10
    record = only_event(caplog)
    assert record.levelno == logging.INFO
    assert (record.security["event"], record.security["outcome"]) == ("mfa.backup-codes", "renewed")
    assert_who(record, casemanager)
    assert_nowhere(caplog, *codes, *(code.replace("-", "") for code in codes))


def test_an_administrators_reset_is_logged_with_both_users(
    casemanager: User, admin: User, caplog: pytest.LogCaptureFixture
) -> None:
    enrol(client_for(casemanager))
    client = client_for(admin)
    caplog.clear()
    client.post(
        reverse("admin:workforce_user_changelist"),
        {"action": "two_step_reset", "_selected_action": [casemanager.pk]},
    )
    record = only_event(caplog)
    assert (record.security["event"], record.security["outcome"]) == ("mfa.reset", "reset")
    assert record.security["by_user_id"] == admin.pk
    assert_who(record, casemanager)


# --- refusals (16.3.2) -----------------------------------------------------------------------


def test_a_403_is_logged_with_the_user_and_the_path_without_the_query_string(
    casemanager: User, caplog: pytest.LogCaptureFixture
) -> None:
    client = client_for(casemanager)
    caplog.clear()
    response = client.get(reverse("audit-changes"), {"name": "Larsen", "ssn": "231456789"})
    assert response.status_code == 403
    record = only_event(caplog)
    assert record.levelno == logging.WARNING
    assert (record.security["event"], record.security["outcome"]) == ("forbidden", "refused")
    assert record.security["method"] == "GET"
    assert record.security["path"] == reverse("audit-changes")
    assert f"path={reverse('audit-changes')} " in record.getMessage()
    assert_who(record, casemanager)
    assert_nowhere(caplog, "Larsen", "231456789", "ssn=")


def test_a_csrf_refusal_is_logged_too(casemanager: User, caplog: pytest.LogCaptureFixture) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(casemanager)
    caplog.clear()
    assert client.post(reverse("office-switch"), {"office": "1"}).status_code == 403
    record = only_event(caplog)
    assert record.security["path"] == reverse("office-switch")
    assert record.security["method"] == "POST"
    assert_who(record, casemanager)


def test_a_logged_path_cannot_break_the_line(
    casemanager: User, caplog: pytest.LogCaptureFixture
) -> None:
    """ASVS 16.4.1: a path with an encoded line break stays one line; nothing is forged."""
    request = RequestFactory().get("/audit/changes/%0Aevent=mfa.code outcome=accepted/")
    request.user = casemanager
    caplog.clear()
    ForbiddenLogMiddleware(lambda request: HttpResponseForbidden())(request)
    line = only_event(caplog).getMessage()
    assert "\n" not in line and " outcome=accepted" not in line
    assert "path=/audit/changes/%0Aevent%3Dmfa.code%20outcome%3Daccepted/" in line


def test_404s_of_hidden_and_missing_seekers_are_not_on_the_security_log(
    partner: User, caplog: pytest.LogCaptureFixture
) -> None:
    hidden = JobSeekerFactory(opted_out=True)
    client = client_for(partner)
    caplog.clear()
    for pk in (hidden.pk, hidden.pk + 10_000):
        assert client.get(reverse("casework:detail", args=[pk])).status_code == 404
    assert events(caplog) == []


# --- where it goes --------------------------------------------------------------------------


def test_the_security_log_reaches_stderr_at_info_whatever_the_log_level() -> None:
    probe = "import logging; logging.getLogger('workforce.security').info('probe-line')"
    result = manage("shell", "-c", probe, env={"LOG_LEVEL": "WARNING"})
    assert result.returncode == 0, result.stderr
    assert "INFO workforce.security probe-line" in result.stderr


def test_an_ordinary_page_view_writes_nothing_on_the_security_log(
    casemanager: User, caplog: pytest.LogCaptureFixture
) -> None:
    client = client_for(casemanager)
    caplog.clear()
    assert client.get(reverse("casework:home")).status_code == 200
    assert events(caplog) == []

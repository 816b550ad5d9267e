"""Staff MFA (issue 14; OWASP ASVS 5.0 V6): TOTP enrolment with a server-drawn QR code,
sign-in's second step, backup codes used once, throttled wrong codes, an administrator's
audited reset, and the admin site only with a verified device when MFA is required."""

from __future__ import annotations

import base64
import datetime
import re
import time

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from tests.conftest import client_for
from tests.factories import TEST_PASSWORD
from tests.workforce.test_settings import PRODUCTION_ENV, manage
from workforce.mfa.constants import AUDIT_FIELD, SESSION_AUTH_AT
from workforce.mfa.models import StaffTOTPDevice
from workforce.models import User

pytestmark = pytest.mark.django_db

BACKUP_CODE = re.compile(r"<li>([a-z2-9]{5}-[a-z2-9]{5})</li>")  # the list items of the page


def totp_code(device: StaffTOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the user's app shows now (or `steps_ahead` 30-second steps from now: a
    device accepts each time step once, and one step either side)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: StaffTOTPDevice) -> str:
    right = {totp_code(device, steps_ahead=n) for n in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in right)


def backoff_passes(user: User) -> None:
    """Time passes after a wrong code: django-otp's back-off (1 s, then 2 s, ...) is over."""
    for model in (StaffTOTPDevice, StaticDevice):
        model.objects.filter(user=user).exclude(throttling_failure_timestamp=None).update(
            throttling_failure_timestamp=timezone.now() - datetime.timedelta(hours=1)
        )


def page_device(html: str) -> StaffTOTPDevice:
    """A device (not saved) with the key the set-up page shows as text, as a person types it
    into their app: the codes it makes are the app's."""
    key = "".join(re.search(r'id="totp-key">(.*?)</p>', html).group(1).split())
    key = re.sub(r"</?span>", "", key)
    return StaffTOTPDevice(key=base64.b32decode(key).hex())


def device_for(user: User) -> StaffTOTPDevice:
    return StaffTOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def sign_in(user: User) -> Client:
    """A fresh browser that typed the right password on the sign-in page."""
    client = Client()
    response = client.post(reverse("login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


def enrol(client: Client) -> tuple[StaffTOTPDevice, list[str]]:
    """Set up a device on the setup page; returns it and the backup codes shown once."""
    app = page_device(client.get(reverse("mfa:setup")).content.decode())
    response = client.post(reverse("mfa:setup"), {"code": totp_code(app, steps_ahead=-1)})
    assert response.status_code == 200
    return StaffTOTPDevice.objects.get(confirmed=True), BACKUP_CODE.findall(
        response.content.decode()
    )


# --- enrolment --------------------------------------------------------------------------


def test_it_shows_the_qr_code_as_an_svg_image_and_the_key_as_text(casemanager: User) -> None:
    client = client_for(casemanager)
    response = client.get(reverse("mfa:setup"))
    html = response.content.decode()
    # The key shown is the one the device gets, in base32 as authenticator apps take it.
    key = page_device(html).bin_key
    assert len(key) == 20
    client.post(reverse("mfa:setup"), {"code": totp_code(page_device(html))})
    assert StaffTOTPDevice.objects.get(user=casemanager, confirmed=True).bin_key == key
    src = re.search(r'<img class="wf-qr" id="totp-qr" src="([^"]+)"', html).group(1)
    assert src.startswith("data:image/svg+xml")
    # The CSP allows data: images and no inline script or style: the page needs neither.
    csp = response["Content-Security-Policy"]
    assert "img-src 'self' data:" in csp and "'unsafe-inline'" not in csp
    assert "<script>" not in html and " style=" not in html
    assert response["Cache-Control"] == "no-store"


def test_enrolment_confirms_the_device_only_with_a_right_code(casemanager: User) -> None:
    client = client_for(casemanager)
    app = page_device(client.get(reverse("mfa:setup")).content.decode())
    response = client.post(reverse("mfa:setup"), {"code": wrong_code(app)})
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    # No device until a right code: none was saved, confirmed or not.
    assert not StaffTOTPDevice.objects.exists() and not StaticToken.objects.exists()
    # The page shows the same key again, so the app already set up still works.
    assert page_device(response.content.decode()).bin_key == app.bin_key

    response = client.post(reverse("mfa:setup"), {"code": totp_code(app)})
    assert response.status_code == 200
    device = StaffTOTPDevice.objects.get(user=casemanager)
    assert device.confirmed and device.bin_key == app.bin_key
    codes = BACKUP_CODE.findall(response.content.decode())
    assert len(set(codes)) == 10 and response["Cache-Control"] == "no-store"
    log = LogEntry.objects.get_for_object(casemanager).latest("timestamp")
    assert log.changes == {AUDIT_FIELD: ["not set up", "set up"]} and log.actor == casemanager


def test_backup_codes_are_stored_only_as_keyed_hashes(casemanager: User) -> None:
    _, codes = enrol(client_for(casemanager))
    stored = set(StaticToken.objects.values_list("token", flat=True))
    assert len(stored) == 10
    for code in codes:
        assert code not in stored and code.replace("-", "") not in stored


# --- sign-in ----------------------------------------------------------------------------


def test_sign_in_asks_for_the_code_when_mfa_is_required(
    casemanager: User, settings: object
) -> None:
    settings.STAFF_MFA_REQUIRED = True
    device = device_for(casemanager)
    client = sign_in(casemanager)
    home = reverse("casework:home")
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('mfa:verify')}?next=%2F"
    for url in [reverse("seekers:search"), reverse("audit-access"), reverse("mfa:confirm")]:
        assert client.get(url).status_code == 302, url

    response = client.post(reverse("mfa:verify"), {"code": wrong_code(device), "next": home})
    assert response.status_code == 400 and "That code is not right" in response.content.decode()
    assert client.get(home).status_code == 302

    backoff_passes(casemanager)
    response = client.post(reverse("mfa:verify"), {"code": totp_code(device), "next": home})
    assert response.status_code == 302 and response["Location"] == home
    assert client.get(home).status_code == 200


def test_htmx_requests_before_the_code_are_sent_to_it_as_a_whole_page(
    casemanager: User, settings: object
) -> None:
    settings.STAFF_MFA_REQUIRED = True
    device_for(casemanager)
    client = sign_in(casemanager)
    response = client.post(reverse("seekers:search-live"), {"q": "Larsen"}, HTTP_HX_REQUEST="true",
                           HTTP_HX_CURRENT_URL="http://testserver/seekers/12/")  # fmt: skip
    assert response.status_code == 200 and "Larsen" not in response.content.decode()
    assert response["HX-Redirect"] == f"{reverse('mfa:verify')}?next=%2Fseekers%2F12%2F"


def test_a_user_who_must_have_mfa_and_has_none_sets_it_up_before_anything_else(
    casemanager: User, settings: object
) -> None:
    settings.STAFF_MFA_REQUIRED = True
    client = sign_in(casemanager)
    for url in [reverse("casework:home"), reverse("seekers:search"), reverse("admin:index")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("mfa:setup")
        ), url
    enrol(client)
    assert client.get(reverse("casework:home")).status_code == 200


def test_in_development_the_password_alone_signs_in_a_user_without_a_device(
    casemanager: User, settings: object
) -> None:
    settings.STAFF_MFA_REQUIRED = False
    assert sign_in(casemanager).get(reverse("casework:home")).status_code == 200


def test_a_user_with_a_device_is_asked_for_the_code_in_development_too(
    casemanager: User, settings: object
) -> None:
    settings.STAFF_MFA_REQUIRED = False
    device_for(casemanager)
    response = sign_in(casemanager).get(reverse("casework:home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("mfa:verify"))


def test_a_backup_code_signs_in_once(casemanager: User, settings: object) -> None:
    settings.STAFF_MFA_REQUIRED = True
    _, codes = enrol(client_for(casemanager))
    first = sign_in(casemanager)
    response = first.post(reverse("mfa:verify"), {"code": codes[0].upper()})
    assert response.status_code == 302
    assert first.get(reverse("casework:home")).status_code == 200
    assert StaticToken.objects.count() == 9

    second = sign_in(casemanager)
    response = second.post(reverse("mfa:verify"), {"code": codes[0]})
    assert response.status_code == 400 and "That code is not right" in response.content.decode()
    assert second.get(reverse("casework:home")).status_code == 302


def test_wrong_codes_are_throttled_with_a_clear_message(
    casemanager: User, settings: object
) -> None:
    settings.STAFF_MFA_REQUIRED = True
    device = device_for(casemanager)
    client = sign_in(casemanager)
    client.post(reverse("mfa:verify"), {"code": wrong_code(device)})
    # The next try, even with the right code, comes before the back-off has passed.
    response = client.post(reverse("mfa:verify"), {"code": totp_code(device)})
    assert response.status_code == 429
    assert "Too many wrong codes. Wait" in response.content.decode()
    assert client.get(reverse("casework:home")).status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_new_backup_codes_void_the_old_ones(casemanager: User) -> None:
    client = client_for(casemanager)
    _, old = enrol(client)
    response = client.post(reverse("mfa:backup-codes"))
    new = BACKUP_CODE.findall(response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    retry = sign_in(casemanager)
    assert retry.post(reverse("mfa:verify"), {"code": old[1]}).status_code == 400
    assert retry.post(reverse("mfa:verify"), {"code": new[1]}).status_code in (302, 429)


# --- the administrator's reset -----------------------------------------------------------


def test_an_administrator_resets_a_users_devices_and_it_is_audited(
    casemanager: User, admin: User, settings: object
) -> None:
    enrol(client_for(casemanager))
    assert StaffTOTPDevice.objects.filter(user=casemanager).exists()
    response = client_for(admin).post(
        reverse("admin:workforce_user_changelist"),
        {"action": "two_step_reset", "_selected_action": [casemanager.pk]},
    )
    assert response.status_code == 302
    assert not StaffTOTPDevice.objects.filter(user=casemanager).exists()
    assert not StaticDevice.objects.filter(user=casemanager).exists()
    assert not StaticToken.objects.filter(device__user=casemanager).exists()
    log = LogEntry.objects.get_for_object(casemanager).latest("timestamp")
    assert log.actor == admin
    assert log.changes == {AUDIT_FIELD: ["set up", "reset by an administrator"]}
    # At the next sign-in the user sets up a device again (where MFA is required).
    settings.STAFF_MFA_REQUIRED = True
    response = sign_in(casemanager).get(reverse("casework:home"))
    assert response["Location"].startswith(reverse("mfa:setup"))


def test_the_device_admin_pages_that_show_a_users_key_are_gone(admin: User) -> None:
    client = client_for(admin)
    html = client.get(reverse("admin:index")).content.decode()
    assert "TOTP device" not in html and "otp_totp" not in html


# --- the Django admin --------------------------------------------------------------------


def test_the_admin_site_refuses_an_unverified_staff_user_when_mfa_is_required(
    admin: User, settings: object
) -> None:
    settings.STAFF_MFA_REQUIRED = True
    # The admin's own check, apart from the middleware that would catch the user first.
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "MfaMiddleware" not in m]
    device = device_for(admin)
    client = sign_in(admin)
    for url in [reverse("admin:index"), reverse("admin:workforce_user_changelist")]:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            reverse("admin:login")
        ), url
        # ... whose sign-in page sends a signed-in user on to the second step.
        response = client.get(response["Location"])
        assert response["Location"].startswith(reverse("mfa:verify")), url
    client.post(reverse("mfa:verify"), {"code": totp_code(device)})
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_admin_sign_in_page_sends_to_workforces_own(settings: object) -> None:
    response = Client().get(reverse("admin:login"), {"next": "/admin/"})
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=%2Fadmin%2F"


def test_in_development_the_admin_opens_for_a_staff_user_without_a_device(
    admin: User, settings: object
) -> None:
    settings.STAFF_MFA_REQUIRED = False
    assert sign_in(admin).get(reverse("admin:index")).status_code == 200


def test_signing_in_marks_the_session_as_recently_authenticated(casemanager: User) -> None:
    client = sign_in(casemanager)
    assert abs(client.session[SESSION_AUTH_AT] - time.time()) < 60


# --- the setting: required by default in production only ------------------------------------

SHOW = "from django.conf import settings; print(settings.STAFF_MFA_REQUIRED)"


@pytest.mark.parametrize(
    ("env", "required"),
    [
        ({}, "True"),
        ({"STAFF_MFA_REQUIRED": "false"}, "False"),
        ({"STAFF_MFA_REQUIRED": "1"}, "True"),
    ],
)
def test_mfa_is_required_by_default_in_production(env: dict[str, str], required: str) -> None:
    result = manage("shell", "-c", SHOW, env={**PRODUCTION_ENV, **env})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == required


@pytest.mark.parametrize(
    ("env", "required"), [({}, "False"), ({"STAFF_MFA_REQUIRED": "true"}, "True")]
)
def test_mfa_is_optional_by_default_in_development(env: dict[str, str], required: str) -> None:
    result = manage("shell", "-c", SHOW, env={"WORKFORCE_ENV": "development", **env})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == required


def test_a_nonsense_mfa_setting_is_a_clear_configuration_error() -> None:
    result = manage("check", env={**PRODUCTION_ENV, "STAFF_MFA_REQUIRED": "maybe"})
    assert result.returncode != 0 and "STAFF_MFA_REQUIRED" in result.stderr
    result = manage("check", env={"STEP_UP_MINUTES": "0"})
    assert result.returncode != 0 and "STEP_UP_MINUTES" in result.stderr

"""Writes of MFA: the session's second step, enrolment, backup codes, an administrator's reset.

Codes are checked through `django_otp.verify_token`, which locks the device row and applies
django-otp's throttling (exponential back-off after each wrong code). A check runs in its
own transaction so that a wrong code's throttle count is kept even though we then refuse.
"""

from __future__ import annotations

import base64
import math
import secrets
import time

import django_otp
from auditlog.models import LogEntry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from workforce.audit import client_ip
from workforce.mfa.constants import (
    AUDIT_FIELD,
    BACKUP_CODE_ALPHABET,
    BACKUP_CODE_COUNT,
    BACKUP_CODE_HASH_SALT,
    BACKUP_CODE_LENGTH,
    SESSION_AUTH_AT,
    SESSION_STEP,
    TOTP_DIGITS,
    MfaStep,
)
from workforce.mfa.selectors import backup_device_get, mfa_step_for, totp_device_get
from workforce.models import User

WRONG_CODE = (
    "That code is not right. Type the 6-digit code your authenticator app shows now, "
    "or one of your backup codes."
)


def sign_in_start(
    sender: object, request: HttpRequest | None, user: User, **kwargs: object
) -> None:
    """`user_logged_in` receiver: note what the new session owes; if nothing, the password
    just typed is the user's recent proof of identity (for the step-up)."""
    if request is None or not hasattr(request, "session"):
        return
    step = mfa_step_for(user=user)
    request.session[SESSION_STEP] = str(step)
    request.session.pop(SESSION_AUTH_AT, None)
    if step == MfaStep.NONE:
        recent_auth_mark(request=request)


def recent_auth_mark(*, request: HttpRequest) -> None:
    """The user proved who they are now (password, and code when they have a device).

    A fresh proof gets a fresh session id (ASVS 5.0 7.2.4), as sign-in does: an id seen
    before the proof (a shared PC, a proxy log) is worth nothing after it."""
    request.session.cycle_key()
    request.session[SESSION_AUTH_AT] = int(time.time())


def code_normalize(code: str) -> str:
    """A code as typed, without spaces or dashes, in lower case ("AbCdE-fGhIj": "abcdefghij")."""
    return "".join(code.split()).replace("-", "").lower()


def backup_code_hash(code: str, *, secret: str | None = None) -> str:
    """What is stored for a backup code: HMAC-SHA256 under a key that is not in the database
    (derived from `SECRET_KEY`), 80 bits in base32 to fit django-otp's 16-character column."""
    digest = salted_hmac(BACKUP_CODE_HASH_SALT, code_normalize(code), secret=secret,
                         algorithm="sha256").digest()  # fmt: skip
    return base64.b32encode(digest).decode()[:16].lower()


def _backup_token_for(*, device: StaticDevice, code: str) -> str:
    """The stored form of `code`, under the current key or one of `SECRET_KEY_FALLBACKS`,
    so rotating Django's key does not void the codes users hold."""
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    candidates = [backup_code_hash(code, secret=key) for key in keys]
    stored = device.token_set.filter(token__in=candidates).values_list("token", flat=True)
    return stored.first() or candidates[0]


def _throttle_message(device: Device) -> str | None:
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    wait = 60
    if data and data.get("locked_until"):
        wait = max(1, math.ceil((data["locked_until"] - timezone.now()).total_seconds()))
    amount = f"{wait} seconds" if wait < 120 else f"{math.ceil(wait / 60)} minutes"
    return f"Too many wrong codes. Wait {amount}, then try again."


def device_code_check(*, user: User, device: Device, token: str) -> None:
    """Raise `ValidationError` unless `token` is right for `device` and the device is not
    throttled; a wrong code counts toward the back-off (committed, whatever the caller does)."""
    message = _throttle_message(device)
    if message:
        raise ValidationError(message, code="throttled")
    with transaction.atomic():
        verified = django_otp.verify_token(user, device.persistent_id, token)
    if verified is None:
        raise ValidationError(WRONG_CODE, code="invalid")


def mfa_code_verify(*, request: HttpRequest, code: str) -> Device:
    """Check a TOTP or backup code of the signed-in user and mark the session verified.

    Six digits are a TOTP code; anything else is tried as a backup code, which is then
    used up. Raises `ValidationError` with a message for the field.
    """
    user = request.user
    code = code_normalize(code)
    if code.isdigit() and len(code) == TOTP_DIGITS:
        device, token = totp_device_get(user=user, confirmed=True), code
    else:
        device = backup_device_get(user=user)
        token = _backup_token_for(device=device, code=code) if device else ""
    if device is None:
        raise ValidationError(WRONG_CODE, code="invalid")
    device_code_check(user=user, device=device, token=token)
    django_otp.login(request, device)
    recent_auth_mark(request=request)
    return device


def totp_device_pending_get_or_create(*, user: User) -> TOTPDevice:
    """The device being set up: kept unconfirmed (and unused by sign-in) until a code from
    it is typed, so a half-done enrolment never locks anyone out."""
    device = totp_device_get(user=user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def totp_device_confirm(*, request: HttpRequest, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the device being set up with a code from it; return new backup codes.

    The session counts as verified with it from now on. The change history records the
    enrolment on the user (never the key).
    """
    user = request.user
    device_code_check(user=user, device=device, token=code_normalize(code))
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _backup_codes_replace(user=user)
        _audit(user=user, actor=user, request=request, before="not set up", after="set up")
    django_otp.login(request, device)
    request.session[SESSION_STEP] = str(MfaStep.VERIFY)
    recent_auth_mark(request=request)
    return codes


@transaction.atomic
def backup_codes_regenerate(*, request: HttpRequest, user: User) -> list[str]:
    """New backup codes for the user, the old ones void; the codes go to the page once."""
    codes = _backup_codes_replace(user=user)
    _audit(user=user, actor=user, request=request, before="backup codes",
           after="new backup codes")  # fmt: skip
    return codes


@transaction.atomic
def mfa_reset(*, request: HttpRequest, user: User, actor: User) -> int:
    """An administrator removes a user's devices and backup codes, so that the user sets up
    two-step sign-in again (a lost phone). Audited on the user; returns the devices removed."""
    removed = TOTPDevice.objects.filter(user=user).count()
    removed += StaticDevice.objects.filter(user=user).count()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()  # and its tokens, by cascade
    _audit(user=user, actor=actor, request=request, before="set up",
           after="reset by an administrator")  # fmt: skip
    return removed


def _backup_codes_replace(*, user: User) -> list[str]:
    device = backup_device_get(user=user)
    if device is None:
        device = StaticDevice.objects.create(user=user, name="Backup codes", confirmed=True)
    device.token_set.all().delete()
    codes = [
        "".join(secrets.choice(BACKUP_CODE_ALPHABET) for _ in range(BACKUP_CODE_LENGTH))
        for _ in range(BACKUP_CODE_COUNT)
    ]
    StaticToken.objects.bulk_create(
        [StaticToken(device=device, token=backup_code_hash(code)) for code in codes]
    )
    half = BACKUP_CODE_LENGTH // 2
    return [f"{code[:half]}-{code[half:]}" for code in codes]


def _audit(*, user: User, actor: User, request: HttpRequest, before: str, after: str) -> None:
    """One change-history row on the user: what happened to their two-step sign-in."""
    LogEntry.objects.log_create(
        user,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={AUDIT_FIELD: [before, after]},
        actor=actor,
        remote_addr=client_ip(request),
    )

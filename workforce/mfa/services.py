"""Writes of MFA: the session's second step, enrolment, backup codes, an administrator's reset.

Codes are checked through `django_otp.verify_token`, which locks the device row and applies
django-otp's throttling (exponential back-off after each wrong code). A check runs in its
own transaction so that a wrong code's throttle count is kept even though we then refuse.

Every code typed, right or wrong, every step-up, set-up, new backup codes and reset writes
one line on the security log (`workforce.audit.security_event_log`): never the code, the
password or the key.
"""

from __future__ import annotations

import base64
import math
import secrets
import time

import django_otp
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import default_key

from workforce import crypto
from workforce.audit import client_ip, security_event_log
from workforce.mfa.constants import (
    AUDIT_FIELD,
    BACKUP_CODE_ALPHABET,
    BACKUP_CODE_COUNT,
    BACKUP_CODE_HASH_SALT,
    BACKUP_CODE_LENGTH,
    EVENT_BACKUP_CODES,
    EVENT_CODE,
    EVENT_RESET,
    EVENT_SET_UP,
    EVENT_STEP_UP,
    SESSION_AUTH_AT,
    SESSION_PENDING_KEY,
    SESSION_STEP,
    TOTP_DIGITS,
    CodeKind,
    MfaStep,
)
from workforce.mfa.models import StaffTOTPDevice
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


def code_kind(code: str) -> str:
    """Six digits are a TOTP code; anything else is taken for a backup code."""
    code = code_normalize(code)
    return CodeKind.TOTP if code.isdigit() and len(code) == TOTP_DIGITS else CodeKind.BACKUP


def _refusal(exc: ValidationError) -> str:
    """The outcome on the security log of a refused code: wrong, or not even tried."""
    return "throttled" if getattr(exc, "code", None) == "throttled" else "refused"


def mfa_code_verify(*, request: HttpRequest, code: str) -> Device:
    """Sign-in's second step: check a TOTP or backup code of the signed-in user and mark the
    session verified; logged, right or wrong (with the kind of code, never the code).

    Raises `ValidationError` with a message for the field.
    """
    kind = code_kind(code)
    try:
        device = _code_verify(request=request, code=code)
    except ValidationError as exc:
        security_event_log(request=request, event=EVENT_CODE, outcome=_refusal(exc),
                           failed=True, kind=kind)  # fmt: skip
        raise
    security_event_log(request=request, event=EVENT_CODE, outcome="accepted", failed=False,
                       kind=kind)  # fmt: skip
    return device


def step_up_confirm(*, request: HttpRequest, password: str, code: str | None) -> None:
    """ "Confirm it's you": the password again (through `authenticate`, so django-axes counts
    a wrong one) and, when the user has a device, a code; then the session counts as
    recently authenticated. Logged either way, with what was typed (never its value).

    Raises `ValidationError` keyed by the field in error ("password" or "code").
    """
    user = request.user
    kind = "password" if code is None else f"password+{code_kind(code)}"
    checked = authenticate(request, username=user.get_username(), password=password)
    if checked is None or checked.pk != user.pk:
        security_event_log(request=request, event=EVENT_STEP_UP, outcome="refused",
                           failed=True, kind=kind, reason="password")  # fmt: skip
        wrong = ValidationError("That password is not right.", code="invalid")
        raise ValidationError({"password": wrong})
    if code is None:
        recent_auth_mark(request=request)
    else:
        try:
            _code_verify(request=request, code=code)
        except ValidationError as exc:
            security_event_log(request=request, event=EVENT_STEP_UP, outcome=_refusal(exc),
                               failed=True, kind=kind, reason="code")  # fmt: skip
            raise ValidationError({"code": exc}) from None
    security_event_log(request=request, event=EVENT_STEP_UP, outcome="confirmed",
                       failed=False, kind=kind)  # fmt: skip


def _code_verify(*, request: HttpRequest, code: str) -> Device:
    """Check a code (six digits: TOTP; else a backup code, then used up) and mark the
    session verified and recently authenticated. Not logged: the callers log their event."""
    user = request.user
    code = code_normalize(code)
    if code_kind(code) == CodeKind.TOTP:
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


def totp_device_pending(*, request: HttpRequest) -> StaffTOTPDevice:
    """The device being set up, not saved: its key lives in this session (encrypted under
    the PII keys) until a right code from it is typed, so showing the page writes no row and
    a half-done enrolment never locks anyone out. The same key on every visit of the session,
    so reloading the page after scanning the QR code changes nothing."""
    key = _pending_key_read(request.session.get(SESSION_PENDING_KEY))
    if key is None:
        key = default_key()  # django-otp's: 20 random bytes, in hex
        request.session[SESSION_PENDING_KEY] = crypto.encrypt(key)
    return StaffTOTPDevice(user=request.user, name="Authenticator app", key=key, confirmed=False)


def _pending_key_read(stored: object) -> str | None:
    if not isinstance(stored, str):
        return None
    try:
        return crypto.decrypt(stored)
    except ImproperlyConfigured:  # its PII key was retired: start again with a new key
        return None


def totp_device_confirm(*, request: HttpRequest, device: StaffTOTPDevice, code: str) -> list[str]:
    """Save the device being set up (`totp_device_pending`) once a right code from it is
    typed; return new backup codes. Logged, right or wrong.

    The session counts as verified with it from now on. The change history records the
    enrolment on the user (never the key).
    """
    user = request.user
    if not _pending_code_right(device=device, token=code_normalize(code)):
        security_event_log(request=request, event=EVENT_SET_UP, outcome="refused",
                           failed=True, kind=CodeKind.TOTP)  # fmt: skip
        raise ValidationError(WRONG_CODE, code="invalid")
    with transaction.atomic():
        # Two set-ups of one user at once (a double submit) leave one device, not two.
        User.objects.select_for_update().filter(pk=user.pk).first()
        device.confirmed = True
        device.save()
        StaffTOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        codes = _backup_codes_replace(user=user)
        _audit(user=user, actor=user, request=request, before="not set up", after="set up")
    request.session.pop(SESSION_PENDING_KEY, None)
    django_otp.login(request, device)
    request.session[SESSION_STEP] = str(MfaStep.VERIFY)
    recent_auth_mark(request=request)
    security_event_log(request=request, event=EVENT_SET_UP, outcome="set up", failed=False,
                       kind=CodeKind.TOTP)  # fmt: skip
    return codes


def _pending_code_right(*, device: StaffTOTPDevice, token: str) -> bool:
    """`StaffTOTPDevice.verify_token`'s check, on a device not saved yet (that method saves the
    row, right code or wrong). No back-off here: whoever sees this page sees the key, so
    guessing a code gains nothing. The time step used is kept: it is not accepted again."""
    if not (token.isdigit() and len(token) == device.digits):
        return False
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(token), device.tolerance, device.last_t + 1):
        return False
    device.last_t, device.drift = totp.t(), totp.drift
    return True


@transaction.atomic
def backup_codes_regenerate(*, request: HttpRequest, user: User) -> list[str]:
    """New backup codes for the user, the old ones void; the codes go to the page once."""
    codes = _backup_codes_replace(user=user)
    _audit(user=user, actor=user, request=request, before="backup codes",
           after="new backup codes")  # fmt: skip
    security_event_log(request=request, event=EVENT_BACKUP_CODES, outcome="renewed",
                       failed=False, user=user)  # fmt: skip
    return codes


@transaction.atomic
def mfa_reset(*, request: HttpRequest, user: User, actor: User) -> int:
    """An administrator removes a user's devices and backup codes, so that the user sets up
    two-step sign-in again (a lost phone). Audited on the user; returns the devices removed."""
    removed = StaffTOTPDevice.objects.filter(user=user).count()
    removed += StaticDevice.objects.filter(user=user).count()
    StaffTOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()  # and its tokens, by cascade
    _audit(user=user, actor=actor, request=request, before="set up",
           after="reset by an administrator")  # fmt: skip
    security_event_log(request=request, event=EVENT_RESET, outcome="reset", failed=False,
                       user=user, by_user_id=actor.pk)  # fmt: skip
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

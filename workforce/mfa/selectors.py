"""Reads of MFA state: whether a user must use a second step, their devices, recent auth."""

from __future__ import annotations

import time

from django.conf import settings
from django.http import HttpRequest
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from workforce.mfa.constants import SESSION_AUTH_AT, MfaStep
from workforce.mfa.models import StaffTOTPDevice
from workforce.models import User


def mfa_required_for(*, user: User) -> bool:
    """Every staff member when the environment requires MFA (`STAFF_MFA_REQUIRED`).

    Everyone who signs in with `workforce.User` is staff; job seekers never do
    (DESIGN.md: the seeker side has its own backend and session), so none is forced here.
    """
    return bool(settings.STAFF_MFA_REQUIRED) and user.is_authenticated


def mfa_step_for(*, user: User) -> str:
    """What a fresh session of this user owes: a code if they have a device, else a device
    if MFA is required, else nothing."""
    if user_has_device(user):
        return MfaStep.VERIFY
    if mfa_required_for(user=user):
        return MfaStep.ENROL
    return MfaStep.NONE


def mfa_satisfied(*, request: HttpRequest) -> bool:
    """True when the session passed the second step, or owes none (checked on the database,
    not the session's note): the admin site's extra condition."""
    user = request.user
    if not user.is_authenticated:
        return False
    if user.is_verified():
        return True
    return mfa_step_for(user=user) == MfaStep.NONE


def totp_device_get(*, user: User, confirmed: bool) -> StaffTOTPDevice | None:
    return StaffTOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-pk").first()


def backup_device_get(*, user: User) -> StaticDevice | None:
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def backup_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def auth_is_recent(*, request: HttpRequest) -> bool:
    """Whether the user proved who they are (password, and code if they have a device)
    within the last `STEP_UP_MINUTES` minutes of this session."""
    at = request.session.get(SESSION_AUTH_AT)
    if not isinstance(at, int | float):
        return False
    return 0 <= time.time() - at <= settings.STEP_UP_MINUTES * 60

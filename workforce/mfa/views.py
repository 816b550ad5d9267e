"""Pages of MFA: sign-in's second step, setting up a device, backup codes, "Confirm it's you"."""

from __future__ import annotations

import base64

import segno
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import user_has_device

from workforce.mfa import selectors, services
from workforce.mfa.constants import SESSION_STEP, MfaStep
from workforce.mfa.forms import CodeForm, ConfirmIdentityForm
from workforce.mfa.middleware import mfa_pending_allowed
from workforce.mfa.models import StaffTOTPDevice
from workforce.permissions import recent_auth_required
from workforce.redirects import detour, safe_next_url
from workforce.sessions import user_session_end_others


def _next(request: HttpRequest) -> str:
    return safe_next_url(request, default=resolve_url(settings.LOGIN_REDIRECT_URL),
                         method=request.method)  # fmt: skip


def _refused(exc: ValidationError) -> int:
    if hasattr(exc, "error_dict"):  # the step-up's: keyed by field
        errors = [error for field_errors in exc.error_dict.values() for error in field_errors]
    else:
        errors = exc.error_list
    return 429 if any(error.code == "throttled" for error in errors) else 400


def _no_store(response: HttpResponse) -> HttpResponse:
    # A secret key or backup codes must not stay in a cache or the back-forward history.
    response["Cache-Control"] = "no-store"
    return response


@mfa_pending_allowed
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """Sign-in's second step: a code from the user's authenticator app, or a backup code."""
    next_url = _next(request)
    if request.user.is_verified():
        return redirect(next_url)
    step = str(selectors.mfa_step_for(user=request.user))
    request.session[SESSION_STEP] = step  # a reset device sends the user on to set up again
    if step != MfaStep.VERIFY:
        return redirect(next_url) if step == MfaStep.NONE else (
            detour(request, reverse("mfa:setup"), next_path=next_url))  # fmt: skip
    form = CodeForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_valid():
        try:
            services.mfa_code_verify(request=request, code=form.cleaned_data["code"])
        except ValidationError as exc:
            form.add_error("code", exc)
            status = _refused(exc)
        else:
            request.session.cycle_key()  # a new session id for the stronger session
            return redirect(next_url)
    elif form.is_bound:
        status = 400
    return render(request, "workforce/mfa/verify.html", {"form": form, "next": next_url},
                  status=status)  # fmt: skip


@mfa_pending_allowed
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app (QR code and key), confirmed by a code from it; once set
    up, the page shows the backup codes left and makes new ones."""
    user, next_url = request.user, _next(request)
    if selectors.totp_device_get(user=user, confirmed=True):
        if not user.is_verified():
            return detour(request, reverse("mfa:verify"), next_path=next_url)
        context = {"backup_codes_left": selectors.backup_codes_left(user=user)}
        return render(request, "workforce/mfa/status.html", context)
    device = services.totp_device_pending(request=request)
    form = CodeForm(request.POST if request.method == "POST" else None, totp_only=True)
    status = 200
    if form.is_valid():
        try:
            codes = services.totp_device_confirm(request=request, device=device,
                                                 code=form.cleaned_data["code"])  # fmt: skip
        except ValidationError as exc:
            form.add_error("code", exc)
            status = _refused(exc)
        else:
            request.session.cycle_key()
            _others_signed_out(request)
            context = {"codes": codes, "next": next_url, "just_set_up": True}
            return _no_store(render(request, "workforce/mfa/backup_codes.html", context))
    elif form.is_bound:
        status = 400
    context = {"form": form, "next": next_url, **_setup_context(device),
               "required": selectors.mfa_required_for(user=user)}  # fmt: skip
    return _no_store(render(request, "workforce/mfa/setup.html", context, status=status))


def _setup_context(device: StaffTOTPDevice) -> dict[str, str]:
    """The QR code as an inline SVG image (a data: URI, which the CSP's img-src allows) and
    the same key as text, in groups of four, for typing into the app by hand."""
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
    key = base64.b32encode(device.bin_key).decode()
    return {"qr_uri": qr, "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)]}


def _others_signed_out(request: HttpRequest) -> None:
    """After a change to two-step sign-in, the user's other sessions are signed out, as
    after a password change (ASVS 5.0 7.4.3): one begun with a lost phone's codes ends."""
    ended = user_session_end_others(request=request)
    if ended:
        messages.info(request, f"Signed out of your {ended} other session{pluralize(ended)}.")


@require_POST
@recent_auth_required
def backup_codes_new(request: HttpRequest) -> HttpResponse:
    """New backup codes, the old ones void; shown once on this answer and never again."""
    if not request.user.is_verified():
        return redirect("mfa:setup")
    codes = services.backup_codes_regenerate(request=request, user=request.user)
    _others_signed_out(request)
    context = {"codes": codes, "next": reverse("mfa:setup")}
    return _no_store(render(request, "workforce/mfa/backup_codes.html", context))


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest) -> HttpResponse:
    """ "Confirm it's you": the password again (and a code when the user has a device) before
    a sensitive action; then back to `next`."""
    user, next_url = request.user, _next(request)
    with_code = user_has_device(user)
    form = ConfirmIdentityForm(request.POST if request.method == "POST" else None,
                               with_code=with_code)  # fmt: skip
    status = 400 if form.is_bound else 200
    if form.is_valid():
        try:
            services.step_up_confirm(request=request, password=form.cleaned_data["password"],
                                     code=form.cleaned_data.get("code"))  # fmt: skip
        except ValidationError as exc:
            form.add_error(None, exc)
            status = _refused(exc)
        else:
            return redirect(next_url)
    return render(request, "workforce/mfa/confirm.html",
                  {"form": form, "next": next_url, "minutes": settings.STEP_UP_MINUTES},
                  status=status)  # fmt: skip

"""The second sign-in step comes first: a signed-in user who owes a code, or a device, is
sent to it from every page but the few marked `mfa_pending_allowed` (and the public ones)."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse

from workforce.mfa.constants import SESSION_STEP, MfaStep
from workforce.mfa.selectors import mfa_step_for
from workforce.redirects import detour, page_path


def mfa_pending_allowed(view: Callable) -> Callable:
    """Mark a view a signed-in user may reach before the second step (the step's own pages,
    sign-out)."""
    view.mfa_pending_allowed = True
    return view


class MfaMiddleware:
    """After `OTPMiddleware` and `LoginRequiredMiddleware`: fails closed, so a new page is
    covered without anyone listing it. What the session owes is decided at sign-in
    (`services.sign_in_start`) and, for a session without that note, here, once."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable, view_args: tuple,
                     view_kwargs: dict) -> HttpResponse | None:  # fmt: skip
        if not getattr(view_func, "login_required", True):
            return None
        if getattr(view_func, "mfa_pending_allowed", False):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        step = request.session.get(SESSION_STEP)
        if step not in MfaStep.values:
            step = str(mfa_step_for(user=user))
            request.session[SESSION_STEP] = step
        if step == MfaStep.NONE:
            return None
        url = reverse("mfa:verify" if step == MfaStep.VERIFY else "mfa:setup")
        home = resolve_url(settings.LOGIN_REDIRECT_URL)
        return detour(request, url, next_path=page_path(request, default=home))

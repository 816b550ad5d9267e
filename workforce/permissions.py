"""Server-side role checks and the step-up; templates only hide what these refuse."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.urls import reverse

from workforce.mfa.selectors import auth_is_recent
from workforce.redirects import detour, page_path

View = Callable[..., HttpResponse]


def role_required(*roles: str) -> Callable[[View], View]:
    """403 unless the signed-in staff member holds one of `roles` (login is enforced globally)."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
            if not request.user.has_role(*roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def recent_auth_required(view: View) -> View:
    """Step-up: the view runs only if the user proved who they are (password, and code when
    they have a device) within `STEP_UP_MINUTES`; otherwise "Confirm it's you" first, then
    back to the page they were on. Put it after the role check, before any lookup, so the
    answer is the same for every id (nothing about a hidden seeker shows)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if not auth_is_recent(request=request):
            home = resolve_url(settings.LOGIN_REDIRECT_URL)
            return detour(request, reverse("mfa:confirm"),
                          next_path=page_path(request, default=home))  # fmt: skip
        return view(request, *args, **kwargs)

    return wrapper

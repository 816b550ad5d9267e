"""The Django admin site: signed in through Workforce's own sign-in (so its second step
applies), and only with a verified device when MFA is required or the user has one.

Step-up for the admin pages that manage users and edit the catalog: `RecentAuthAdminMixin`.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import reverse

from workforce.mfa.selectors import auth_is_recent, mfa_satisfied
from workforce.redirects import detour, safe_next_url


class WorkforceAdminSite(admin.AdminSite):
    """`admin.site` (workforce.apps.WorkforceAdminConfig). In development a user without a
    device uses it with the password alone, like every page; a user with a device, and
    everyone when `STAFF_MFA_REQUIRED`, only after the code (the middleware sends them to
    the second step first; this is the admin's own check of it)."""

    site_header = "Workforce administration"
    site_title = "Workforce administration"

    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and mfa_satisfied(request=request)

    @login_not_required
    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        """One sign-in page for everything: the admin's own form would skip the second step."""
        next_url = safe_next_url(request, default=reverse("admin:index"), method="GET")
        if not request.user.is_authenticated:
            query = urlencode({"next": next_url})
            return HttpResponseRedirect(f"{resolve_url(settings.LOGIN_URL)}?{query}")
        if not mfa_satisfied(request=request):
            return detour(request, reverse("mfa:verify"), next_path=next_url)
        return super().login(request, extra_context)


class RecentAuthAdminMixin:
    """Step-up on a ModelAdmin: adding, changing, deleting, a password change and any POST
    of the list (actions, list-editable) need a recent "Confirm it's you"."""

    def _step_up(self, request: HttpRequest) -> HttpResponse | None:
        if auth_is_recent(request=request):
            return None
        return detour(request, reverse("mfa:confirm"), next_path=request.get_full_path())

    def changeform_view(self, request: HttpRequest, *args: object,
                        **kwargs: object) -> HttpResponse:  # fmt: skip
        return self._step_up(request) or super().changeform_view(request, *args, **kwargs)

    def delete_view(self, request: HttpRequest, *args: object,
                        **kwargs: object) -> HttpResponse:  # fmt: skip
        return self._step_up(request) or super().delete_view(request, *args, **kwargs)

    def changelist_view(self, request: HttpRequest, *args: object,
                        **kwargs: object) -> HttpResponse:  # fmt: skip
        if request.method == "POST":
            return self._step_up(request) or super().changelist_view(request, *args, **kwargs)
        return super().changelist_view(request, *args, **kwargs)

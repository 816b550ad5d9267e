"""Pages of the core: sign-in, office switch, the audit trail and the access log."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from workforce import selectors, services, sessions
from workforce.constants import ROLES_READING_AUDIT
from workforce.forms import OfficeSwitchForm, SignInForm
from workforce.permissions import role_required
from workforce.redirects import safe_next_url

PAGE_SIZE = 50


class SignInView(auth_views.LoginView):
    template_name = "workforce/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


@require_POST
def office_switch(request: HttpRequest) -> HttpResponse:
    offices = list(selectors.office_list_for(user=request.user))
    form = OfficeSwitchForm(request.POST, offices=offices)
    if form.is_valid():
        try:
            office = services.current_office_set(
                user=request.user, office_id=form.cleaned_data["office"]
            )
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, f"You are now working in {office.name}.")
    else:
        messages.error(request, "Choose one of your offices.")
    return redirect(safe_next_url(request, default=reverse("casework:home")))


@require_GET
@role_required(*ROLES_READING_AUDIT)
def audit_changes(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.change_log_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "workforce/audit_changes.html", {"page": page})


@require_GET
@role_required(*ROLES_READING_AUDIT)
def audit_access(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.access_log_list(), PAGE_SIZE).get_page(request.GET.get("page"))
    alerts = selectors.access_alert_list()[:PAGE_SIZE]
    context = {"page": page, "alerts": alerts, "alert_days": selectors.ALERT_DAYS}
    return render(request, "workforce/audit_access.html", context)


# --- issue 14 (sessions): what the idle warning asks ----------------------------------------------


def _session_answer(request: HttpRequest) -> JsonResponse:
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False, "seconds_left": 0}, status=401)
    return JsonResponse(sessions.session_times(request=request).as_json())


@require_GET
def session_status(request: HttpRequest) -> JsonResponse:
    """The time left, read without counting as activity (SessionLifetimeMiddleware skips it),
    so a page can tell whether another tab kept the session alive."""
    return _session_answer(request)


@require_POST
def session_keep_alive(request: HttpRequest) -> JsonResponse:
    """The "Stay signed in" button: the request is the activity (never past the lifetime)."""
    return _session_answer(request)


# --- end issue 14 (sessions) --------------------------------------------------------------


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for the load balancer: the app answers and the database responds."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")

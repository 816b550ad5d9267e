"""Pages of the core: sign-in, office switch, the audit trail and the access log."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_GET, require_POST

from workforce import selectors, services, sessions
from workforce.constants import ROLES_READING_AUDIT
from workforce.forms import OfficeSwitchForm, SignInForm, StaffPasswordChangeForm
from workforce.permissions import role_required
from workforce.redirects import safe_next_url

PAGE_SIZE = 50


class SignInView(auth_views.LoginView):
    template_name = "workforce/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True


class SignOutView(auth_views.LogoutView):
    """Django's sign-out (a POST that deletes the server-side session), and the browser is
    told to drop its cache and storage of this origin (ASVS 5.0 14.3.1), for the shared
    job-centre PC. Not "cookies": browsers apply that to the whole registrable domain,
    which would sign people out of the state's other services."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    """Staff change their own password: the current one first, the new one under the staff
    policy (AUTH_PASSWORD_VALIDATORS). Django's view keeps this session signed in
    (update_session_auth_hash), which makes every other session of the account useless;
    `user_session_end_others` then deletes them, so they also leave the session list. The
    change history records "password: changed" by the user, never the value."""

    template_name = "workforce/password_change.html"
    form_class = StaffPasswordChangeForm
    success_url = reverse_lazy("casework:home")
    http_method_names = ["get", "head", "post"]

    def form_valid(self, form: StaffPasswordChangeForm) -> HttpResponse:
        response = super().form_valid(form)
        sessions.user_session_end_others(request=self.request)
        messages.success(self.request, "Your password was changed.")
        return response

    def form_invalid(self, form: StaffPasswordChangeForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


def signin_locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """axes' lock-out answer (AXES_LOCKOUT_CALLABLE): what happened, how long, who to call.

    The same page for an account or an address lock, and for a username that does not
    exist, so it tells nobody which usernames are real.
    """
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"minutes": minutes, "help_contact": settings.SIGNIN_HELP_CONTACT}
    response = render(request, "workforce/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


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
    page = Paginator(selectors.change_log_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "workforce/audit_changes.html", {"page": page})


@require_GET
@role_required(*ROLES_READING_AUDIT)
def audit_access(request: HttpRequest) -> HttpResponse:
    page = Paginator(selectors.access_log_list(user=request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    alerts = selectors.access_alert_list(user=request.user)[:PAGE_SIZE]
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
def account_sessions(request: HttpRequest) -> HttpResponse:
    """The user's own signed-in sessions (ASVS 5.0 7.5.2); nobody else's are ever listed."""
    context = {
        "user_sessions": sessions.user_session_list(user=request.user),
        "current_id": request.session.get(sessions.SESSION_ID, ""),
        "idle_minutes": settings.SESSION_IDLE_MINUTES,
        "absolute_hours": settings.SESSION_ABSOLUTE_HOURS,
    }
    return render(request, "workforce/account_sessions.html", context)


@require_POST
def account_session_end(request: HttpRequest) -> HttpResponse:
    """Sign out one other session. A wrong id, another user's session and one already ended
    get the same answer, so the form tells nobody which ids exist."""
    if sessions.user_session_end(request=request, public_id=request.POST.get("session", "")):
        messages.success(request, "That session is signed out.")
    else:
        messages.info(request, "That session is not signed in (any more).")
    return redirect("account-sessions")


@require_POST
def account_sessions_end_others(request: HttpRequest) -> HttpResponse:
    """Sign out every session of the user but this one."""
    count = sessions.user_session_end_others(request=request)
    messages.success(
        request, f"Signed out of {count} other session{pluralize(count)}. This one stays signed in."
    )
    return redirect("account-sessions")


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness for the load balancer: the app answers and the database responds."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")

"""The URL root: the core's pages, then one include per app."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from workforce import views
from workforce.mfa.middleware import mfa_pending_allowed

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", mfa_pending_allowed(views.SignOutView.as_view()), name="logout"),
    path("", include("workforce.mfa.urls")),
    path("account/password/", views.PasswordChangeView.as_view(), name="password-change"),
    path("account/sessions/", views.account_sessions, name="account-sessions"),
    path("account/sessions/sign-out/", views.account_session_end, name="account-session-end"),
    path(
        "account/sessions/sign-out-others/",
        views.account_sessions_end_others,
        name="account-sessions-end-others",
    ),
    path("office/switch/", views.office_switch, name="office-switch"),
    path("audit/changes/", views.audit_changes, name="audit-changes"),
    path("audit/access/", views.audit_access, name="audit-access"),
    # Answer 401 themselves when signed out, rather than redirecting a script to sign-in.
    path("session/", login_not_required(views.session_status), name="session-status"),
    path(
        "session/keep-alive/",
        login_not_required(views.session_keep_alive),
        name="session-keep-alive",
    ),
    path("healthz", login_not_required(views.healthz), name="healthz"),
    path("seekers/", include("seekers.urls")),
    path("registration/", include("registration.urls")),
    path("services/reports/", include("reports.urls")),
    path("services/", include("services.urls")),
    path("optout/", include("optout.urls")),
    path("admin/", admin.site.urls),
    path("", include("casework.urls")),
]

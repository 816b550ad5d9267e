from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class WorkforceConfig(AppConfig):
    default = True
    name = "workforce"
    verbose_name = "Workforce core"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_logged_out
        from django.urls import register_converter

        from workforce import (
            audit_registry,  # noqa: F401  (registers core models with auditlog)
            checks,  # noqa: F401  (registers the deploy checks)
        )
        from workforce.mfa.services import sign_in_start
        from workforce.sessions import session_sign_in, session_sign_out
        from workforce.urlids import SeekerIdConverter

        # Before any URLconf is loaded: every seeker route says <seeker:seeker_id>.
        register_converter(SeekerIdConverter, "seeker")
        # Every way into a session (the sign-in page, the test client, any later one) passes
        # through auth.login, which sends this: the second step is decided there, once.
        user_logged_in.connect(sign_in_start, dispatch_uid="workforce.mfa.sign_in_start")
        # After it (receivers run in order): the step above may give the session a new key.
        user_logged_in.connect(session_sign_in, dispatch_uid="workforce.sessions.sign_in")
        user_logged_out.connect(session_sign_out, dispatch_uid="workforce.sessions.sign_out")


class WorkforceAdminConfig(admin_apps.AdminConfig):
    """The Django admin with `workforce.admin_site.WorkforceAdminSite` as `admin.site`."""

    default = False  # "workforce" alone still means WorkforceConfig
    default_site = "workforce.admin_site.WorkforceAdminSite"

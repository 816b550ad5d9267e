from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "workforce"
    verbose_name = "Workforce core"

    def ready(self) -> None:
        from django.urls import register_converter

        from workforce import audit_registry  # noqa: F401  (registers core models with auditlog)
        from workforce.urlids import SeekerIdConverter

        # Before any URLconf is loaded: every seeker route says <seeker:seeker_id>.
        register_converter(SeekerIdConverter, "seeker")

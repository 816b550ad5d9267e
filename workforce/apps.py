from django.apps import AppConfig


class WorkforceConfig(AppConfig):
    name = "workforce"
    verbose_name = "Workforce core"

    def ready(self) -> None:
        from workforce import audit_registry  # noqa: F401  (registers core models with auditlog)

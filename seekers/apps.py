from django.apps import AppConfig


class SeekersConfig(AppConfig):
    name = "seekers"

    def ready(self) -> None:
        from seekers import selectors
        from workforce.audit import audit_scope_register

        # The core's audit pages show only history about seekers the reader may see.
        audit_scope_register(
            changes=selectors.seeker_change_log_scope, reads=selectors.seeker_access_log_scope
        )

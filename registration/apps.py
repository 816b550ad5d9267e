from django.apps import AppConfig


class RegistrationConfig(AppConfig):
    """The staff-assisted phone registration wizard (issue 4)."""

    name = "registration"
    verbose_name = "Phone registration"

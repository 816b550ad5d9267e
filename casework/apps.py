from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    """Case Details: the page that composes a seeker's sections, and one sub-package per part."""

    name = "casework"

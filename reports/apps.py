from django.apps import AppConfig


class ReportsConfig(AppConfig):
    """Reports on services and participation, plain SQL reads (where a read replica plugs in)."""

    name = "reports"

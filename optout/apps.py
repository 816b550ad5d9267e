from django.apps import AppConfig


class OptoutConfig(AppConfig):
    name = "optout"

from django.apps import AppConfig


class SeekersConfig(AppConfig):
    name = "seekers"

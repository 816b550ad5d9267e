"""Delete the drafts of calls abandoned more than 24 hours ago (run it hourly from cron)."""

from django.core.management.base import BaseCommand

from registration.services import calls_purge_expired


class Command(BaseCommand):
    help = "Delete what callers said on calls abandoned more than 24 hours ago."

    def handle(self, *args: object, **options: object) -> None:
        count = calls_purge_expired()
        self.stdout.write(
            f"Purged the drafts of {count} abandoned call{'s' if count != 1 else ''}."
        )

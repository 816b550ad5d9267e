"""Rebuild every seeker's participation periods from their services.

Periods are rebuilt for a seeker whenever their services change, and for the seekers of
an entry when its countable flag or federal category changes in the admin; this command
is for after a bulk load or a restore.
"""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from services.models import ParticipationPeriod
from services.participation import participation_rebuild


class Command(BaseCommand):
    help = "Rebuild every seeker's participation periods from their services."

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            participation_rebuild(seeker_ids=None)
        count = ParticipationPeriod.objects.count()
        self.stdout.write(f"Rebuilt {count} periods in {time.perf_counter() - started:.1f} s.")

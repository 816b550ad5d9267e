"""Reads of the call outcomes."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from registration.constants import CallOutcome
from registration.models import RegistrationCall
from workforce.models import Office


def call_outcomes(*, start: datetime.date, end: datetime.date, office: Office | None) -> list[dict]:
    """Calls counted by day, office and staff member and by outcome, in one SQL aggregation."""
    calls = RegistrationCall.objects.filter(started_at__date__gte=start, started_at__date__lte=end)
    if office is not None:
        calls = calls.filter(office=office)
    counts = {outcome: Count("pk", filter=Q(outcome=outcome)) for outcome in CallOutcome.values}
    return list(
        calls.annotate(day=TruncDate("started_at"))
        .values("day", "office__name", "staff__username", "staff__first_name", "staff__last_name")
        .annotate(total=Count("pk"), **counts)
        .order_by("-day", "office__name", "staff__last_name", "staff__username")
    )

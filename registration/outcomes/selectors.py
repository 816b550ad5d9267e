"""Reads of the call outcomes."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from django.db.models.functions import TruncDate

from registration.constants import CallOutcome
from registration.models import RegistrationCall
from seekers.selectors import seeker_linked_list
from workforce.models import Office, User


def call_outcomes(
    *, user: User, start: datetime.date, end: datetime.date, office: Office | None
) -> list[dict]:
    """Calls counted by day, office and staff member and by outcome, in one SQL aggregation.

    A call that found or created a seeker the user may not see is not counted (seed 002:
    a partner organization's supervisor reads this page as if that seeker did not exist).
    """
    calls = RegistrationCall.objects.filter(started_at__date__gte=start, started_at__date__lte=end)
    calls = seeker_linked_list(user=user, rows=calls)
    if office is not None:
        calls = calls.filter(office=office)
    counts = {outcome: Count("pk", filter=Q(outcome=outcome)) for outcome in CallOutcome.values}
    return list(
        calls.annotate(day=TruncDate("started_at"))
        .values("day", "office__name", "staff__username", "staff__first_name", "staff__last_name")
        .annotate(total=Count("pk"), **counts)
        .order_by("-day", "office__name", "staff__last_name", "staff__username")
    )

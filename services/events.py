"""Automatic services: one plain function the code calls where an action happens (seed 003).

Never a signal (DESIGN.md): the caller names the event explicitly, inside its own
transaction, so the service is recorded exactly when the action is.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from seekers.models import JobSeeker
from services.constants import CreditRule
from services.models import ServiceRecord, ServiceType
from workforce.models import User


def source_key(obj: models.Model) -> str:
    """How a service names the object that caused it: "app.model:pk"."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def record_event(
    event: str,
    *,
    seeker: JobSeeker,
    actor: User | None,
    when: datetime.date | None = None,
    source: models.Model | None = None,
) -> list[ServiceRecord]:
    """Record every active catalog entry this event triggers, credited by the entry's rule.

    Idempotent per (event, source): a retried action returns what was recorded the first time.
    """
    service_date = when or timezone.localdate()
    key = source_key(source) if source is not None else ""
    records = []
    for service_type in ServiceType.objects.filter(trigger_event=event, active=True):
        credited = actor if service_type.credit_rule == CreditRule.ACTOR else None
        fields = {"seeker": seeker, "service_date": service_date,
                  "credited_staff": credited, "recorded_by": actor}  # fmt: skip
        records.append(_record_once(service_type, event, key, fields))
    return records


def _record_once(service_type: ServiceType, event: str, key: str, fields: dict) -> ServiceRecord:
    if not key:
        return ServiceRecord.objects.create(service_type=service_type, event=event, **fields)
    try:
        with transaction.atomic():  # a savepoint: a clash must not spoil the caller's transaction
            return ServiceRecord.objects.create(
                service_type=service_type, event=event, source=key, **fields
            )
    except IntegrityError:
        return ServiceRecord.objects.get(service_type=service_type, event=event, source=key)

"""Automatic services: one plain function the code calls where an action happens (seed 003).

Never a signal (DESIGN.md): the caller names the event explicitly, inside its own
transaction, so the service is recorded exactly when the action is, or not at all.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from seekers.models import JobSeeker
from seekers.services import seeker_lock
from services.constants import CreditRule, Event
from services.models import ServiceRecord, ServiceType
from services.participation import participation_rebuild
from workforce.models import Office, User


def source_key(obj: models.Model) -> str:
    """How a service names the object that caused it: "app.model:pk"."""
    return f"{obj._meta.label_lower}:{obj.pk}"


@transaction.atomic
def record_event(
    event: str,
    *,
    seeker: JobSeeker,
    actor: User | None,
    when: datetime.date | None = None,
    source: models.Model | str | None = None,
    note: str = "",
    **context: object,
) -> list[ServiceRecord]:
    """Record every active catalog entry this event triggers, credited by the entry's rule.

    `source` (a model instance or a key string) makes it idempotent: a retried action,
    or a re-run batch file, returns what the first one recorded. Context:
    `workshop_category` picks the one workshop service of that category;
    `referrer` is credited by the workshop-referrer rule; `office` overrides where the
    service is counted. `note` (a batch row's score, say) is stored with each service.
    The seeker's participation periods are rebuilt afterwards.

    Takes the seeker's lock (`seekers.services.seeker_lock`); a caller that locks other
    rows too (a plan, a posting, a referral) takes the seeker's lock before them, at its
    start, so that every write about a seeker's services locks in the same order.
    """
    Event(event)  # a typo in an event name is a programming error, raised here
    seeker_lock(seeker=seeker)
    key = source if isinstance(source, str) else source_key(source) if source else ""
    entries = ServiceType.objects.filter(trigger_event=event, active=True)
    if context.get("workshop_category"):
        entries = entries.filter(workshop_category=context["workshop_category"])
    records = []
    for entry in entries:
        fields = {
            "seeker": seeker,
            "service_date": when or timezone.localdate(),
            "credited_staff": credited(entry, seeker=seeker, actor=actor, **context),
            "recorded_by": actor,
            "office": context.get("office") or service_office(seeker=seeker, actor=actor),
            "note": note,
        }
        records.append(_record_once(entry, event, key, fields))
    if records:
        participation_rebuild(seeker_ids=[seeker.pk])
    return records


def credited(entry: ServiceType, *, seeker: JobSeeker, actor: User | None,
             **context: object) -> User | None:  # fmt: skip
    """Who gets credit for a service of this entry (seed 003's rules)."""
    rule = entry.credit_rule
    if rule == CreditRule.DOB_VERIFIER:
        return seeker.dob_verified_by
    if rule == CreditRule.WORKSHOP_REFERRER:
        return context.get("referrer")  # type: ignore[return-value]
    if rule == CreditRule.NONE:
        return None
    return actor


def service_office(*, seeker: JobSeeker, actor: User | None) -> Office | None:
    """Where a service counts: the staff member's current office, else the seeker's first."""
    if actor is not None and actor.current_office_id:
        return actor.current_office
    return seeker.offices.order_by("pk").first()


def _record_once(entry: ServiceType, event: str, key: str, fields: dict) -> ServiceRecord:
    if not key:
        return ServiceRecord.objects.create(service_type=entry, event=event, **fields)
    try:
        with transaction.atomic():  # a savepoint: a clash must not spoil the caller's transaction
            return ServiceRecord.objects.create(
                service_type=entry, event=event, source=key, **fields
            )
    except IntegrityError:
        return ServiceRecord.objects.get(service_type=entry, event=event, source=key)

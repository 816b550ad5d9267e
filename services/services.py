"""Writes of the services app: staff record what they did by hand (seed 003, Options →
Seeker Services), and a catalog entry's change rebuilds the participation it decides.

The form shows only what the user may record; this module re-checks every rule, so a
forged or stale post is refused here with nothing written.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from seekers.models import JobSeeker
from seekers.selectors import seeker_casework_check
from seekers.services import seeker_lock, seekers_lock_all
from services.constants import FORM_EXPIRED, FORM_TOKEN, CaptureMode
from services.events import service_office
from services.models import ServiceRecord, ServiceType
from services.participation import participation_rebuild
from services.selectors import (
    seeker_veteran_recorded,
    service_credit_staff_list,
    service_type_permitted_list,
)
from workforce.models import User

_SOURCE_PREFIX = "manual-entry:"


@transaction.atomic
def service_record(
    *,
    seeker: JobSeeker,
    service_type: ServiceType,
    service_date: datetime.date,
    credited_staff: User,
    note: str,
    actor: User,
    form_token: str,
    veteran_confirmed: bool = False,
) -> ServiceRecord:
    """Record a service a staff member gave by hand, after every rule of the catalog.

    Raises PermissionDenied when the actor may not record it at all (role, designation,
    seeker out of sight) and ValidationError, keyed by field, for anything else.
    `form_token` is the page's one-time token (FORM_TOKEN; none is refused, FORM_EXPIRED):
    the same form posted again, even twenty times at once, returns the first record
    (stored as its `source`, unique among manual services: `service_manual_form_once`).
    A DVOP-only service for a seeker not recorded as a veteran needs `veteran_confirmed`.

    The seeker's row is locked first (`seeker_lock`): recordings for one seeker, and every
    other write about their services, run one after the other, so each sees the services
    committed before it (the token's first record, the other staff member's service) and
    the participation rebuild at the end never races another one.
    """
    seeker_casework_check(seeker=seeker, actor=actor, refusal="Your role does not record services.")
    if not FORM_TOKEN.match(form_token or ""):
        raise ValidationError(FORM_EXPIRED)
    seeker_lock(seeker=seeker)
    service_type = ServiceType.objects.get(pk=service_type.pk)  # the catalog as it is now
    if not service_type_permitted_list(user=actor).filter(pk=service_type.pk).exists():
        raise PermissionDenied(f"You may not record {service_type.name}.")
    note = note.strip()
    errors = {
        **_entry_errors(service_type),
        **_date_errors(service_date),
        **_credit_errors(service_type, seeker=seeker, credited_staff=credited_staff, actor=actor),
        **_note_errors(service_type, note),
        **_veteran_errors(service_type, seeker=seeker, confirmed=veteran_confirmed),
    }
    if errors:
        raise ValidationError(errors)
    source = f"{_SOURCE_PREFIX}{form_token}"
    record = ServiceRecord(
        seeker=seeker, service_type=service_type, service_date=service_date,
        credited_staff=credited_staff, recorded_by=actor, note=note, source=source,
        office=service_office(seeker=seeker, actor=actor),
    )  # fmt: skip
    record = _save_once(record)
    participation_rebuild(seeker_ids=[seeker.pk])
    return record


# The fields of a catalog entry that decide whether its services extend participation.
PARTICIPATION_FIELDS = frozenset({"countable", "federal_category"})


@transaction.atomic
def service_type_participation_rebuild(
    *, service_type: ServiceType, changed_fields: Collection[str]
) -> None:
    """After an edit of a catalog entry, rebuild the periods of every seeker who received it,
    when the edit changed whether it extends participation (which decides the periods)."""
    if not PARTICIPATION_FIELDS & set(changed_fields):
        return
    # Who received it is only known once nobody is recording one: a service of this entry
    # recorded at this moment for a new seeker would otherwise be missed here, and its own
    # rebuild would have used the entry as it was before the edit.
    seekers_lock_all()
    seekers = ServiceRecord.objects.filter(service_type=service_type).values_list("seeker_id")
    participation_rebuild(seeker_ids=[pk for (pk,) in seekers.distinct()])


def backdate_limit(today: datetime.date | None = None) -> datetime.date:
    """The earliest date a service may be recorded with today (SERVICE_BACKDATE_DAYS)."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=max(0, settings.SERVICE_BACKDATE_DAYS))


def _entry_errors(service_type: ServiceType) -> dict[str, str]:
    if service_type.capture_mode != CaptureMode.MANUAL:
        return {"service_type": f"{service_type.name} is recorded automatically, not by hand."}
    if not service_type.active:
        return {"service_type": f"{service_type.name} is not in use: it cannot be recorded now."}
    return {}


def _date_errors(service_date: datetime.date) -> dict[str, str]:
    today = timezone.localdate()
    if service_date > today:
        return {"service_date": "The date of service cannot be in the future."}
    earliest = backdate_limit(today)
    if service_date < earliest:
        return {
            "service_date": f"A service can be back-dated at most "
            f"{settings.SERVICE_BACKDATE_DAYS} days: enter {earliest:%m/%d/%Y} or later."
        }
    return {}


def _credit_errors(service_type: ServiceType, *, seeker: JobSeeker, credited_staff: User,
                   actor: User) -> dict[str, str]:  # fmt: skip
    allowed = service_credit_staff_list(seeker=seeker, actor=actor)
    if credited_staff is None or not allowed.filter(pk=credited_staff.pk).exists():
        return {"credited_staff": "Credit a staff member of the seeker's offices or of yours."}
    # A restricted entry (DVOP-only, designated staff) is credited only to staff it allows.
    if not service_type_permitted_list(user=credited_staff).filter(pk=service_type.pk).exists():
        return {"credited_staff": f"{credited_staff.get_full_name() or credited_staff} may not "
                f"be credited with {service_type.name}."}  # fmt: skip
    return {}


def _note_errors(service_type: ServiceType, note: str) -> dict[str, str]:
    if service_type.note_required and not note:
        return {"note": f"{service_type.name} needs a service note: say what you did."}
    return {}


def _veteran_errors(service_type: ServiceType, *, seeker: JobSeeker,
                    confirmed: bool) -> dict[str, str]:  # fmt: skip
    if not service_type.is_dvop_only or confirmed or seeker_veteran_recorded(seeker=seeker):
        return {}
    return {"veteran_confirmed": f"{service_type.name} is a DVOP service for veterans and "
            f"eligible persons, and {seeker.full_name} is not recorded as a veteran. If they "
            "are one, check this box to record it anyway."}  # fmt: skip


def _save_once(record: ServiceRecord) -> ServiceRecord:
    """Save, or return what the same form already saved.

    Under the seeker's lock the first record of a token is seen by the query; the unique
    constraint `service_manual_form_once` is what decides in the end (a token posted for
    two seekers at once is not serialised by one seeker's lock), and its clash is read
    as the first record too, never an error.
    """
    earlier = ServiceRecord.objects.filter(event="", source=record.source).first()
    if earlier is not None:
        return _same_form(earlier, record)
    try:
        record.full_clean(validate_constraints=False)  # the database checks the token below
    except ValidationError as exc:  # not a field of the form: say it above the form
        raise ValidationError(exc.messages) from exc
    try:
        with transaction.atomic():  # a savepoint: a concurrent twin must not spoil the outer one
            record.save()
    except IntegrityError:
        earlier = ServiceRecord.objects.filter(event="", source=record.source).first()
        if earlier is None:
            raise
        return _same_form(earlier, record)
    return record


_SAME_FORM_FIELDS = ("seeker_id", "service_type_id", "service_date", "credited_staff_id",
                     "recorded_by_id", "note")  # fmt: skip


def _same_form(earlier: ServiceRecord, record: ServiceRecord) -> ServiceRecord:
    """The first record of this form when this post is the same; else say the form is used."""
    if all(getattr(earlier, f) == getattr(record, f) for f in _SAME_FORM_FIELDS):
        return earlier
    raise ValidationError(
        f"This form was already used to record {earlier.service_type.name} on "
        f"{earlier.service_date:%m/%d/%Y}. Open Seeker Services again to record another service."
    )

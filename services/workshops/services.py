"""Writes of workshops (seed 003): create, refer seekers, result attendance within the window.

"Staff only have 14 days to result workshops. The staff person who refers the job seeker
to the workshop will receive the credit for this service." The window is the setting
WORKSHOP_RESULT_DAYS; after it only a supervisor may result. A result, once entered, is
final: a second click never turns attended into no-show (or back), so a service once
recorded is never silently left behind by a changed result.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from seekers.models import JobSeeker
from seekers.selectors import seeker_casework_check
from seekers.services import seeker_lock
from services.constants import Event
from services.events import record_event
from services.models import Workshop, WorkshopReferral, WorkshopResult
from services.workshops.selectors import may_result_late, result_window
from workforce.models import Office, User


class ResultWindowClosed(PermissionDenied):
    """The result window has closed and the actor is not a supervisor."""


@transaction.atomic
def workshop_create(
    *, title: str, category: str, office: Office, starts_at: datetime.datetime, seats: int,
    actor: User,
) -> Workshop:  # fmt: skip
    """A new workshop of one of the four categories, in an office the actor works in."""
    if not actor.offices.filter(pk=office.pk).exists():
        raise ValidationError({"office": "You do not work in that office."})
    workshop = Workshop(
        title=title, category=category, office=office, starts_at=starts_at, seats=seats,
        created_by=actor,
    )  # fmt: skip
    workshop.full_clean()
    workshop.save()
    return workshop


@transaction.atomic
def workshop_refer(*, workshop: Workshop, seeker: JobSeeker, actor: User) -> WorkshopReferral:
    """Refer a seeker to a workshop, credited later to `actor`; refused when full or closed.

    The workshop row is locked, so two referrals for its last seat cannot both succeed;
    the same seeker twice is refused by the database's unique constraint.
    """
    seeker_casework_check(seeker=seeker, actor=actor)
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if not actor.offices.filter(pk=workshop.office_id).exists():
        raise ValidationError("You do not work in the office holding this workshop.")
    if result_window(workshop).closed:
        raise ValidationError("This workshop's result window has closed: no more referrals.")
    taken = workshop.referrals.count()
    if taken >= workshop.seats:
        raise ValidationError("This workshop is full.")
    try:
        with transaction.atomic():
            return WorkshopReferral.objects.create(
                workshop=workshop, seeker=seeker, referred_by=actor
            )
    except IntegrityError:
        raise ValidationError(f"{seeker.full_name} is already referred to this workshop.") from None


@transaction.atomic
def workshop_result(*, referral: WorkshopReferral, result: str, actor: User) -> WorkshopReferral:
    """Enter attended or no-show; attended records the category's service for the referrer.

    Allowed from the workshop's start to the end of its window; after that only a
    supervisor may (ResultWindowClosed otherwise). Entering the same result again changes
    nothing; a different one is refused: a result is final. The seeker is locked before
    the referral (the lock order of every write about a seeker's services).
    """
    seeker_casework_check(seeker=referral.seeker, actor=actor)
    seeker_lock(seeker=referral.seeker)
    referral = (
        WorkshopReferral.objects.select_for_update(of=("self",))
        .select_related("workshop", "seeker", "referred_by")
        .get(pk=referral.pk)
    )
    if result not in (WorkshopResult.ATTENDED, WorkshopResult.NO_SHOW):
        raise ValidationError("Choose attended or no-show.")
    if referral.result == result:
        return referral
    if referral.result != WorkshopResult.PENDING:
        raise ValidationError(
            f"{referral.seeker.full_name} is already resulted as "
            f"{referral.get_result_display().lower()}; a result cannot be changed."
        )
    _check_window(referral.workshop, actor=actor)
    referral.result = result
    referral.resulted_by = actor
    referral.resulted_at = timezone.now()
    referral.full_clean()
    referral.save(update_fields=["result", "resulted_by", "resulted_at"])
    if result == WorkshopResult.ATTENDED:
        _record_attendance(referral, actor=actor)
    return referral


def _check_window(workshop: Workshop, *, actor: User) -> None:
    window = result_window(workshop)
    if not window.started:
        raise ValidationError("This workshop has not started yet: results open when it starts.")
    if window.closed and not may_result_late(actor):
        raise ResultWindowClosed(
            f"The {settings.WORKSHOP_RESULT_DAYS}-day window to result this workshop closed on "
            f"{window.last_day:%m/%d/%Y}. Only a supervisor can enter its results now."
        )


def _record_attendance(referral: WorkshopReferral, *, actor: User) -> None:
    workshop = referral.workshop
    record_event(
        Event.WORKSHOP_RESULTED,
        seeker=referral.seeker,
        actor=actor,
        when=timezone.localdate(workshop.starts_at),
        source=referral,
        workshop_category=workshop.category,
        referrer=referral.referred_by,
        office=workshop.office,
    )

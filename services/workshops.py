"""Workshops (seed 003): create, refer seekers, result attendance within the window.

"Staff only have 14 days to result workshops. The staff person who refers the job seeker
to the workshop will receive the credit for this service." The window is the setting
WORKSHOP_RESULT_DAYS; after it only a supervisor may result. A result, once entered, is
final: a second click never turns attended into no-show (or back), so a service once
recorded is never silently left behind by a changed result.

Writes first (`workshop_create`, `workshop_refer`, `workshop_result`), then the reads the
workshop pages use; every read that shows a seeker starts from `visible_to(user)`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from seekers.models import JobSeeker
from services.constants import Event
from services.events import record_event
from services.models import Workshop, WorkshopReferral, WorkshopResult
from workforce.constants import Role
from workforce.models import Office, User

# How far back the workshop list shows workshops that have been held.
RECENT_DAYS = 30


class ResultWindowClosed(PermissionDenied):
    """The result window has closed and the actor is not a supervisor."""


# --- the result window -------------------------------------------------------------------


@dataclass(frozen=True)
class ResultWindow:
    """When a workshop's results may be entered: from its start to its last day, inclusive."""

    started: bool
    last_day: datetime.date
    days_left: int  # 0 on the last day, negative once closed

    @property
    def open(self) -> bool:
        return self.started and self.days_left >= 0

    @property
    def closed(self) -> bool:
        return self.days_left < 0


def result_window(workshop: Workshop, *, now: datetime.datetime | None = None) -> ResultWindow:
    """The workshop day plus WORKSHOP_RESULT_DAYS days, counted in local calendar days."""
    now = now or timezone.now()
    last_day = timezone.localdate(workshop.starts_at) + datetime.timedelta(
        days=settings.WORKSHOP_RESULT_DAYS
    )
    return ResultWindow(
        started=now >= workshop.starts_at,
        last_day=last_day,
        days_left=(last_day - timezone.localdate(now)).days,
    )


def may_result_late(user: User) -> bool:
    """Supervisors may result a workshop after its window has closed (DESIGN.md, roles)."""
    return user.has_role(Role.SUPERVISOR)


# --- writes ------------------------------------------------------------------------------


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
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    if not actor.offices.filter(pk=workshop.office_id).exists():
        raise ValidationError("You do not work in the office holding this workshop.")
    if result_window(workshop).closed:
        raise ValidationError("This workshop's result window has closed: no more referrals.")
    taken = workshop.referrals.count()
    if taken >= workshop.seats:
        raise ValidationError(f"This workshop is full: all {workshop.seats} seats are taken.")
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
    nothing; a different one is refused: a result is final.
    """
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


# --- reads -------------------------------------------------------------------------------


def _with_seats_taken(workshops: QuerySet[Workshop]) -> QuerySet[Workshop]:
    return workshops.select_related("office").annotate(seats_taken=Count("referrals"))


def workshop_list(*, user: User, office: Office | None) -> dict[str, list[Workshop]]:
    """The office's upcoming workshops and those held in the last RECENT_DAYS days."""
    if office is None or not user.offices.filter(pk=office.pk).exists():
        return {"upcoming": [], "recent": []}
    now = timezone.now()
    workshops = _with_seats_taken(Workshop.objects.filter(office=office))
    since = now - datetime.timedelta(days=RECENT_DAYS)
    return {
        "upcoming": list(workshops.filter(starts_at__gte=now)),
        "recent": list(workshops.filter(starts_at__lt=now, starts_at__gte=since).reverse()),
    }


def workshop_get(*, user: User, workshop_id: int) -> Workshop:
    """A workshop of one of the user's offices; 404 for any other, as for a missing one."""
    workshop = (
        _with_seats_taken(Workshop.objects.filter(office__in=user.offices.all()))
        .select_related("created_by")
        .filter(pk=workshop_id)
        .first()
    )
    if workshop is None:
        raise Http404("No such workshop.")
    return workshop


def workshop_referral_list(*, user: User, workshop: Workshop) -> QuerySet[WorkshopReferral]:
    """The workshop's referrals of seekers this user may see."""
    return (
        WorkshopReferral.objects.filter(
            workshop=workshop, seeker__in=JobSeeker.objects.visible_to(user)
        )
        .select_related("seeker", "referred_by", "resulted_by")
        .order_by("seeker__last_name", "seeker__first_name", "pk")
    )


def workshop_referral_get(*, user: User, workshop: Workshop, referral_id: int) -> WorkshopReferral:
    """One referral of this workshop whose seeker the user may see; 404 otherwise."""
    referral = workshop_referral_list(user=user, workshop=workshop).filter(pk=referral_id).first()
    if referral is None:
        raise Http404("No such referral.")
    return referral


@dataclass(frozen=True)
class WorkshopToResult:
    workshop: Workshop
    pending: int
    window: ResultWindow


def workshop_to_result_list(*, user: User, office: Office | None) -> list[WorkshopToResult]:
    """Workshops of the office that have started and still have pending referrals of seekers
    this user may see, oldest first, each with its result window (overdue ones included)."""
    if office is None or not user.offices.filter(pk=office.pk).exists():
        return []
    pending = Q(
        referrals__result=WorkshopResult.PENDING,
        referrals__seeker__in=JobSeeker.objects.visible_to(user),
    )
    workshops = (
        Workshop.objects.filter(office=office, starts_at__lte=timezone.now())
        .annotate(pending=Count("referrals", filter=pending))
        .filter(pending__gt=0)
        .order_by("starts_at", "pk")
    )
    return [WorkshopToResult(w, w.pending, result_window(w)) for w in workshops]


def workshop_open_list(*, user: User, office: Office | None) -> QuerySet[Workshop]:
    """Upcoming workshops of an office the user works in that still have a free seat."""
    if office is None or not user.offices.filter(pk=office.pk).exists():
        return Workshop.objects.none()
    upcoming = Workshop.objects.filter(office=office, starts_at__gte=timezone.now())
    return _with_seats_taken(upcoming).filter(seats_taken__lt=F("seats"))

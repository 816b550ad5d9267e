"""Reads of workshops (seed 003): the result window, the office's lists, one workshop and
its referrals. Every read that shows a seeker starts from `visible_to(user)`.

"Staff only have 14 days to result workshops." The window is the setting
WORKSHOP_RESULT_DAYS; after it only a supervisor may result (`may_result_late`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from seekers.models import JobSeeker
from services.models import Workshop, WorkshopReferral, WorkshopResult
from workforce.constants import Role
from workforce.models import Office, User

# How far back the workshop list shows workshops that have been held.
RECENT_DAYS = 30


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


# --- the office's workshops and their referrals -------------------------------------------


def _with_seats_taken(workshops: QuerySet[Workshop], *, user: User) -> QuerySet[Workshop]:
    """Each workshop with `seats_taken`, the referrals of seekers this user may see (the
    number shown), and `seats_held`, every referral (whether a seat is left).

    Partner staff must not learn from a count that a hidden seeker was referred (seed
    002), so the number shown counts only what they may see. A seat is a chair in a room,
    though: a workshop whose seats are all held is full for everyone, and says so.
    """
    taken = Count("referrals")
    if not JobSeeker.objects.sees_everyone(user):
        taken = Count(
            "referrals", filter=Q(referrals__seeker__in=JobSeeker.objects.visible_to(user))
        )
    return workshops.select_related("office").annotate(
        seats_taken=taken, seats_held=Count("referrals")
    )


def workshop_list(*, user: User, office: Office | None) -> dict[str, list[Workshop]]:
    """The office's upcoming workshops and those held in the last RECENT_DAYS days."""
    if office is None or not user.offices.filter(pk=office.pk).exists():
        return {"upcoming": [], "recent": []}
    now = timezone.now()
    workshops = _with_seats_taken(Workshop.objects.filter(office=office), user=user)
    since = now - datetime.timedelta(days=RECENT_DAYS)
    return {
        "upcoming": list(workshops.filter(starts_at__gte=now)),
        "recent": list(workshops.filter(starts_at__lt=now, starts_at__gte=since).reverse()),
    }


def workshop_get(*, user: User, workshop_id: int) -> Workshop:
    """A workshop of one of the user's offices; 404 for any other, as for a missing one."""
    workshop = (
        _with_seats_taken(Workshop.objects.filter(office__in=user.offices.all()), user=user)
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
    return _with_seats_taken(upcoming, user=user).filter(seats_held__lt=F("seats"))

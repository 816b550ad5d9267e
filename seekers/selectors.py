"""Reads of seekers; every one starts from `JobSeeker.objects.visible_to(user)`."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from seekers.models import JobSeeker
from workforce.constants import ROLES_REGISTERING
from workforce.models import Office, User

RECENT_COUNT = 10


def seeker_get(*, user: User, seeker_id: int) -> JobSeeker:
    """The seeker if this user may see them; otherwise 404, as for a seeker that does not exist."""
    seeker = (
        JobSeeker.objects.visible_to(user)
        .select_related("created_by")
        .prefetch_related("offices", "other_names")
        .filter(pk=seeker_id)
        .first()
    )
    if seeker is None:
        raise Http404("No such job seeker.")
    return seeker


def seeker_casework_check(*, seeker: JobSeeker, actor: User, refusal: str = "",
                          roles: tuple[str, ...] | None = ROLES_REGISTERING) -> None:  # fmt: skip
    """Refuse a write about a seeker by someone whose role does not serve seekers, or who
    may not see this one: services re-check what the view's `seeker_get` already did."""
    if roles is not None and not actor.has_role(*roles):
        raise PermissionDenied(refusal or "Your role does not work with job seekers.")
    if not JobSeeker.objects.visible_to(actor).filter(pk=seeker.pk).exists():
        raise PermissionDenied("You may not see this job seeker.")


def seeker_recent_list(*, user: User, office: Office | None) -> QuerySet[JobSeeker]:
    """The seekers most recently registered in an office (the home page's list)."""
    if office is None:
        return JobSeeker.objects.none()
    return (
        JobSeeker.objects.visible_to(user)
        .filter(offices=office)
        .order_by("-created_at", "-id")[:RECENT_COUNT]
    )


def seeker_count(*, user: User, office: Office | None = None) -> int:
    seekers = JobSeeker.objects.visible_to(user)
    if office is not None:
        seekers = seekers.filter(offices=office)
    return seekers.count()

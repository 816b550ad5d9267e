"""Reads of seekers; every one starts from `JobSeeker.objects.visible_to(user)`."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import Http404

from seekers.models import JobSeeker
from workforce.constants import ROLES_SERVING_SEEKERS
from workforce.models import Office, User

RECENT_COUNT = 10
HOME_COUNT_CAP = 1000  # Home says "more than 1,000" past it


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


def seeker_casework_check(
    *,
    seeker: JobSeeker,
    actor: User,
    refusal: str = "",
    roles: tuple[str, ...] | None = ROLES_SERVING_SEEKERS,
) -> None:
    """Refuse a write about a seeker by someone whose role does not serve seekers, or who
    may not see this one: services re-check what the view's `seeker_get` already did."""
    if roles is not None and not actor.has_role(*roles):
        raise PermissionDenied(refusal or "Your role does not work with job seekers.")
    if not JobSeeker.objects.visible_to(actor).filter(pk=seeker.pk).exists():
        raise PermissionDenied("You may not see this job seeker.")


def seeker_recent_list(*, user: User, office: Office | None) -> QuerySet[JobSeeker]:
    """The seekers most recently registered in an office (the home page's list), newest first.

    By seeker id, which the database hands out in registration order, so that the office's
    members can be read backwards through the (office, seeker) index (see `office_home`).
    """
    if office is None:
        return JobSeeker.objects.none()
    return JobSeeker.objects.visible_to(user).filter(offices=office).order_by("-id")[:RECENT_COUNT]


def seeker_count(*, user: User, office: Office | None = None, cap: int | None = None) -> int:
    """How many seekers the user may see (in `office`); with `cap`, at most cap + 1.

    A capped count stops reading after cap + 1 visible rows, so Home can say "more than
    1,000" at the cost of reading 1,001 index entries, not the whole office.
    """
    seekers = JobSeeker.objects.visible_to(user)
    if office is not None:
        seekers = seekers.filter(offices=office)
    if cap is not None:
        seekers = seekers.order_by()[: cap + 1]  # no ORDER BY: any cap + 1 rows will do
    return seekers.count()


@dataclass(frozen=True)
class OfficeHome:
    """What Home shows of the user's current office: the newest seekers and a capped count."""

    recent: list[JobSeeker]
    count: int
    capped: bool  # more than `count` seekers: Home says "more than 1,000"


# For this transaction only: index scans and nested loops, so both reads start from the
# office's own entries in the (office, seeker) index and stop at their LIMIT. A merge
# join (over the seeker index) or a sequential scan (of the link table) would read from
# one end until it met the office's members: the whole state for an office whose members
# sit at the other end (a new office has only new seekers); the planner cannot tell.
_OFFICE_READS = """SELECT set_config('enable_mergejoin', 'off', true),
    set_config('enable_hashjoin', 'off', true), set_config('enable_seqscan', 'off', true)"""


def office_home(*, user: User, office: Office | None) -> OfficeHome:
    """Home's reads, each bounded whatever the state's size (docs/performance.md, Home)."""
    if office is None:
        return OfficeHome(recent=[], count=0, capped=False)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_OFFICE_READS)
        recent = list(seeker_recent_list(user=user, office=office))
        count = seeker_count(user=user, office=office, cap=HOME_COUNT_CAP)
    capped = count > HOME_COUNT_CAP
    return OfficeHome(recent=recent, count=min(count, HOME_COUNT_CAP), capped=capped)

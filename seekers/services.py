"""Writes of seekers, and sensitive reads that must be logged."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from seekers.constants import AccountType
from seekers.models import JobSeeker
from seekers.selectors import seeker_casework_check
from seekers.ssn import format_ssn
from workforce.audit import access_log_write_limited
from workforce.constants import ROLES_REVEALING_SSN, AccessAction
from workforce.models import Office, User


def seeker_ssn_reveal(*, request: HttpRequest, seeker: JobSeeker, actor: User) -> str:
    """The formatted SSN, with an access-log row (who, when, which seeker, from where) first."""
    seeker_casework_check(seeker=seeker, actor=actor, roles=ROLES_REVEALING_SSN)
    access_log_write_limited(
        request=request, user=actor, action=AccessAction.SSN_REVEAL, seeker_id=seeker.pk,
        counted=(AccessAction.SSN_REVEAL,), per_hour=settings.SSN_REVEALS_PER_HOUR,
        what="SSN reveals",
    )  # fmt: skip
    return format_ssn(seeker.ssn) if seeker.ssn else ""


@transaction.atomic
def seeker_office_add(*, seeker: JobSeeker, office: Office, actor: User) -> None:
    """Add Seeker to Office (seed 002, step 2.a.ii): enrol a seeker found statewide in an office.

    The change is recorded by django-auditlog (JobSeeker.offices is a tracked m2m field)
    with the actor taken from the request. The seeker is locked before the check, so two
    staff adding at once get one enrolment and a plain "already enrolled", not a clash.
    """
    seeker_casework_check(seeker=seeker, actor=actor)
    seeker_lock(seeker=seeker)
    if office is None:
        raise ValidationError("You have no current office to add this job seeker to.")
    if not actor.offices.filter(pk=office.pk).exists():
        raise ValidationError("You do not work in that office.")
    if seeker.offices.filter(pk=office.pk).exists():
        raise ValidationError(f"{seeker.full_name} is already enrolled in {office.name}.")
    seeker.offices.add(office)


@transaction.atomic
def seeker_dob_mark(*, seeker: JobSeeker, actor: User) -> tuple[JobSeeker, bool]:
    """Record that staff verified the date of birth, once and never overwritten.

    Returns the locked, fresh seeker and whether this call verified it. The services the
    verification earns (membership, the WIOA referral) are recorded one layer up by
    `casework.services.seeker_dob_verify`, in the same transaction. django-auditlog
    records the change with the actor of the request.
    """
    seeker_casework_check(seeker=seeker, actor=actor)
    seeker = JobSeeker.objects.select_for_update().get(pk=seeker.pk)
    if seeker.dob_verified_by_id is not None:
        return seeker, False
    seeker.dob_verified_by = actor
    seeker.dob_verified_at = timezone.now()
    seeker.save(update_fields=["dob_verified_by", "dob_verified_at", "updated_at"])
    return seeker, True


@transaction.atomic
def seeker_account_convert(*, seeker: JobSeeker, actor: User) -> bool:
    """Make a self-service account staff-assisted (seed 001: "at any time"); False if it was.

    The seeker keeps their own sign-in; staff now work the case. django-auditlog records
    the change with the actor of the request.
    """
    seeker_casework_check(seeker=seeker, actor=actor)
    updated = JobSeeker.objects.filter(
        pk=seeker.pk, account_type=AccountType.SELF_SERVICE
    ).select_for_update()
    current = updated.first()
    if current is None:
        return False
    current.account_type = AccountType.STAFF_ASSISTED
    current.save(update_fields=["account_type", "updated_at"])
    return True


def search_scope_remember(*, user: User, scope: str) -> None:
    """Keep the "in" choice for the user's next search."""
    if scope and scope != user.search_scope:
        user.search_scope = scope
        user.save(update_fields=["search_scope"])


def seeker_lock(*, seeker: JobSeeker) -> None:
    """Take the seeker's row lock until the transaction ends: the one way casework writes
    about one seeker (a plan, a note, a resume, a service) queue behind each other.

    FOR NO KEY UPDATE, so rows that merely point at the seeker can still be inserted by
    others; call it inside `transaction.atomic`. Lock order (docs/participation.md,
    "Concurrent writes"): a write that touches a seeker's services takes this lock first,
    before any other row it locks, so two writes never wait for each other in a circle.
    """
    seekers_lock(seeker_ids=[seeker.pk])


def seekers_lock(*, seeker_ids: Iterable[int]) -> None:
    """`seeker_lock` for several seekers at once, taken in id order (so never a deadlock
    between two writes locking overlapping sets); inside `transaction.atomic`."""
    ids = sorted(set(seeker_ids))
    if ids:
        locked = JobSeeker.objects.select_for_update(no_key=True).filter(pk__in=ids)
        list(locked.order_by("pk").values_list("pk"))


def seekers_lock_all() -> None:
    """Hold every seeker still (an EXCLUSIVE lock on the table) until the transaction ends.

    For a rebuild whose set of seekers is only known once nobody is adding to it: it waits
    for every transaction that locked, changed or pointed a new row at a seeker, and holds
    back new ones; plain reads go on. Inside `transaction.atomic`, and only for rare
    maintenance (a catalog edit, a rebuild of everyone): every seeker write waits meanwhile.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"LOCK TABLE {JobSeeker._meta.db_table} IN EXCLUSIVE MODE")

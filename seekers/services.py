"""Writes of seekers, and sensitive reads that must be logged."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest

from seekers.models import JobSeeker
from seekers.ssn import format_ssn
from workforce.audit import access_log_write
from workforce.constants import AccessAction
from workforce.models import Office, User


def seeker_ssn_reveal(*, request: HttpRequest, seeker: JobSeeker, actor: User) -> str:
    """The formatted SSN, with an access-log row (who, when, which seeker, from where) first."""
    access_log_write(
        request=request, user=actor, action=AccessAction.SSN_REVEAL, seeker_id=seeker.pk
    )
    return format_ssn(seeker.ssn) if seeker.ssn else ""


@transaction.atomic
def seeker_office_add(*, seeker: JobSeeker, office: Office, actor: User) -> None:
    """Add Seeker to Office (seed 002, step 2.a.ii): enrol a seeker found statewide in an office.

    The change is recorded by django-auditlog (JobSeeker.offices is a tracked m2m field)
    with the actor taken from the request.
    """
    if office is None:
        raise ValidationError("You have no current office to add this job seeker to.")
    if not actor.offices.filter(pk=office.pk).exists():
        raise ValidationError("You do not work in that office.")
    if seeker.offices.filter(pk=office.pk).exists():
        raise ValidationError(f"{seeker.full_name} is already enrolled in {office.name}.")
    seeker.offices.add(office)


def search_scope_remember(*, user: User, scope: str) -> None:
    """Keep the "in" choice for the user's next search."""
    if scope and scope != user.search_scope:
        user.search_scope = scope
        user.save(update_fields=["search_scope"])

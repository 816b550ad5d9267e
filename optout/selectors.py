"""Reads of the opt-out: who may use which side, the supervisors' queue, a partner's own
requests, notices."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404

from optout.constants import OPEN_STATUSES
from optout.models import ConsentChange, Notice, OptInRequest
from seekers.models import JobSeeker
from workforce.constants import ROLES_SERVING_SEEKERS, Role
from workforce.models import User


def may_look_up(user: User) -> bool:
    """Staff who serve seekers but cannot see opted-out ones: partner staff (seed 002)."""
    return user.is_authenticated and user.is_partner_staff and user.has_role(*ROLES_SERVING_SEEKERS)


def is_state_supervisor(user: User) -> bool:
    """A supervisor of the state agency: a partner organization's "supervisor" is not one."""
    return user.has_role(Role.SUPERVISOR) and not user.is_partner_staff


def optin_request_queue(*, user: User, open_only: bool = True) -> QuerySet[OptInRequest]:
    """Supervisors of the state agency: every request, oldest open first."""
    if user.role != Role.SUPERVISOR or user.is_partner_staff:
        return OptInRequest.objects.none()
    requests = OptInRequest.objects.select_related("requested_by__organization", "handled_by")
    if open_only:
        requests = requests.filter(status__in=OPEN_STATUSES)
    return requests.order_by("created_at", "pk")


def optin_request_get(*, user: User, request_id: int) -> OptInRequest:
    """A request a supervisor handles, or one the user filed; else 404."""
    optin = (
        OptInRequest.objects.select_related("requested_by", "handled_by", "seeker")
        .filter(pk=request_id).first()
    )  # fmt: skip
    supervisor = user.role == Role.SUPERVISOR and not user.is_partner_staff
    if optin is None or not (supervisor or optin.requested_by_id == user.pk):
        raise Http404("No such request.")
    return optin


def optin_request_mine(*, user: User) -> QuerySet[OptInRequest]:
    """The requests this staff member filed, newest first; no seeker fields are read."""
    return OptInRequest.objects.filter(requested_by=user).select_related("handled_by")


def consent_history(*, user: User, seeker: JobSeeker) -> QuerySet[ConsentChange]:
    """A seeker's data-sharing history, for a seeker the user may see."""
    if not JobSeeker.objects.visible_to(user).filter(pk=seeker.pk).exists():
        return ConsentChange.objects.none()
    return ConsentChange.objects.filter(seeker=seeker).select_related("changed_by")


def notices_unread(*, user: User) -> QuerySet[Notice]:
    return Notice.objects.filter(user=user, read_at__isnull=True)


@dataclass(frozen=True)
class OptOutContact:
    """Whom partner staff contact about an opted-out client (seed 002 steps 4-5)."""

    name: str
    email: str
    phone: str
    # When the administrator set none: the user's current office and its phone instead.
    office_name: str = ""
    office_phone: str = ""

    @property
    def is_set(self) -> bool:
        return bool(self.name or self.email or self.phone)


def optout_contact_get(*, user: User) -> OptOutContact:
    """The contact of the user's own organization; the current office's phone if none is set."""
    org, office = user.organization, user.current_office
    contact = OptOutContact(
        name=org.optout_contact_name if org else "",
        email=org.optout_contact_email if org else "",
        phone=org.optout_contact_phone if org else "",
    )
    if contact.is_set or office is None:
        return contact
    return OptOutContact(name="", email="", phone="", office_name=office.name,
                         office_phone=office.phone)  # fmt: skip

"""Reads of the service catalog and of a seeker's recorded services.

Seekers themselves are always fetched through `seekers.selectors.seeker_get`, which
applies `JobSeeker.objects.visible_to(user)`; these functions take a seeker already
fetched that way.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from seekers.constants import VeteranStatus
from seekers.models import Demographics, JobSeeker
from services.constants import CaptureMode
from services.models import ServiceRecord, ServiceType
from workforce.constants import ROLES_SERVING_SEEKERS
from workforce.models import User

# The seeker page lists this many of the newest services, with the total beside them.
SEEKER_SERVICES_SHOWN = 30


def service_type_permitted_list(*, user: User) -> QuerySet[ServiceType]:
    """Entries this staff member's role and designation allow, whatever their mode or state.

    An entry with no roles listed is open to every staff role (DVOP-only entries list
    DVOP); a designated-staff-only entry is open only to the staff it names.
    """
    if not user.has_role(*ROLES_SERVING_SEEKERS):
        return ServiceType.objects.none()
    return ServiceType.objects.filter(
        Q(roles_allowed=[]) | Q(roles_allowed__contains=[user.role]),
        Q(designated_staff_only=False) | Q(pk__in=user.designated_services.values("pk")),
    )


def service_type_recordable_list(*, user: User) -> QuerySet[ServiceType]:
    """The active manual entries this staff member may record by hand, by name."""
    return (
        service_type_permitted_list(user=user)
        .filter(active=True, capture_mode=CaptureMode.MANUAL)
        .order_by("name")
    )


# The Demographics answers that make a seeker someone DVOP services are for.
VETERAN_ANSWERS = (VeteranStatus.VETERAN, VeteranStatus.ELIGIBLE_SPOUSE)


def seeker_veteran_recorded(*, seeker: JobSeeker) -> bool:
    """Whether the seeker's demographics record them as a veteran or an eligible spouse."""
    return Demographics.objects.filter(
        seeker_id=seeker.pk, veteran_status__in=VETERAN_ANSWERS
    ).exists()


def service_credit_staff_list(*, seeker: JobSeeker, actor: User) -> QuerySet[User]:
    """Who may be credited with a service: the actor, or active staff who serve seekers in
    an office of the seeker's or of the actor's."""
    offices = {office.pk for office in seeker.offices.all()}  # prefetched by seeker_get
    offices.update(actor.offices.values_list("pk", flat=True))
    return (
        User.objects.filter(is_active=True, role__in=ROLES_SERVING_SEEKERS)
        .filter(Q(pk=actor.pk) | Q(offices__in=offices))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def service_record_list(
    *, seeker: JobSeeker, limit: int = SEEKER_SERVICES_SHOWN
) -> list[ServiceRecord]:
    """The seeker's newest services, with what the seeker page shows beside each."""
    records = ServiceRecord.objects.filter(seeker=seeker).select_related(
        "service_type", "credited_staff", "office"
    )
    return list(records.order_by("-service_date", "-pk")[:limit])


def service_record_count(*, seeker: JobSeeker) -> int:
    return ServiceRecord.objects.filter(seeker=seeker).count()

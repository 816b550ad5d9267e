"""Program Registration casework of an opted-out seeker, for the partner-leak crawl.

The partner gets the ENROLL privilege in WIOA Adult, so the crawl proves the seeker's
visibility, not a missing privilege, is what keeps them out.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils import timezone

from seekers.constants import ClosureReason, EnrollmentOrigin, EnrollmentStatus
from seekers.models import Demographics, JobSeeker
from tests.factories import EnrollmentFactory
from workforce.constants import WIOA_ADULT, PrivilegeLevel
from workforce.models import Program, ProgramPrivilege, User


def casework_for_hidden(*, seeker: JobSeeker, partner: User, add: Callable[..., None]) -> None:
    adult = Program.objects.get(code=WIOA_ADULT)
    ProgramPrivilege.objects.get_or_create(
        user=partner, program=adult, defaults={"level": PrivilegeLevel.ENROLL}
    )
    Demographics.objects.update_or_create(
        seeker=seeker, defaults={"right_to_work": "yes", "gender": "female"}
    )
    today = timezone.localdate()
    closed = EnrollmentFactory(
        seeker=seeker, program=adult, status=EnrollmentStatus.CLOSED, created_by=partner,
        opened_on=today, opened_by=partner, attested_by=partner, attested_at=timezone.now(),
        closed_on=today, closed_by=partner, closure_reason=ClosureReason.EMPLOYED,
        answers={"service_level": "Career services"},
    )  # fmt: skip
    pending = EnrollmentFactory(
        seeker=seeker, program=adult, created_by=partner, origin=EnrollmentOrigin.WIOA_REFERRAL
    )
    add("enrollment_id", closed)
    add("enrollment_id", pending)
    add("program_id", adult)

"""Writes that Case Details composes from the layers below it."""

from __future__ import annotations

from django.db import transaction

from casework.enrollments.services import enrollment_referral_create
from seekers.models import JobSeeker
from seekers.services import seeker_dob_mark
from services.constants import Event
from services.events import record_event
from workforce.models import User


@transaction.atomic
def seeker_dob_verify(*, seeker: JobSeeker, actor: User) -> JobSeeker:
    """Staff verified the seeker's date of birth (membership, seed 003): once, never overwritten.

    Records "Membership" and "Referred to WIOA Services", credited to the verifier; the
    nightly batch credits CR 101 and Initial Assessment to them too. The referral opens a
    pending WIOA Adult enrollment when the seeker is eligible. A second verify changes
    nothing.
    """
    seeker, verified_now = seeker_dob_mark(seeker=seeker, actor=actor)
    if not verified_now:
        return seeker
    record_event(Event.MEMBERSHIP_COMPLETED, seeker=seeker, actor=actor, source=seeker)
    # "Referred to WIOA Services ... triggers the WIOA Adult Career Enrollment" (seed 003):
    # a pending one, when the answers on record make the seeker eligible.
    enrollment_referral_create(seeker=seeker, actor=actor)
    return seeker

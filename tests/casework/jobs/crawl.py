"""Jobs casework of an opted-out seeker, for the partner-leak crawl (tests/optout/test_crawl.py)."""

from __future__ import annotations

from collections.abc import Callable

from seekers.models import JobPostingSent, JobSeeker
from tests.factories import JobPostingFactory, JobReferralFactory
from workforce.models import User


def casework_for_hidden(*, seeker: JobSeeker, partner: User, add: Callable[..., None]) -> None:
    """A posting the partner referred the seeker to and one they emailed, before the opt-out."""
    referred = JobPostingFactory()
    emailed = JobPostingFactory()
    referral = JobReferralFactory(
        seeker=seeker, posting=referred, referred_by=partner, note=f"Referred {seeker.full_name}."
    )
    JobPostingSent.objects.create(seeker=seeker, posting=emailed, sent_by=partner)
    add("posting_id", referred, emailed)
    add("job_referral_id", referral)

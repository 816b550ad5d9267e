"""Employers, job postings, and the seekers staff refer or send to them (seed 001)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models

from seekers.constants import PostingStatus, ReferralOutcome
from seekers.models.activity import SeekerActivity
from seekers.models.plan import occupation_code_field
from seekers.models.seeker import JobSeeker

# The one full-text expression postings are searched by; the GIN index below is built on
# exactly this, so a keyword search uses it (casework/jobs/selectors.py must use the same).
POSTING_SEARCH_CONFIG = "english"


def posting_search_vector() -> SearchVector:
    return SearchVector("title", "description", config=POSTING_SEARCH_CONFIG)


class Employer(models.Model):
    """A business with job openings, and whom staff contact there."""

    name = models.CharField(max_length=200)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    contact_name = models.CharField(max_length=200, blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class JobPosting(models.Model):
    """A job order: one opening an employer wants filled."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="postings")
    title = models.CharField(max_length=200)
    occupation_code = occupation_code_field()
    occupation_title = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=2, blank=True)
    description = models.TextField()
    wage = models.CharField(max_length=100, blank=True, help_text='As posted, e.g. "$18 an hour".')
    status = models.CharField(
        max_length=10, choices=PostingStatus.choices, default=PostingStatus.OPEN
    )
    posted_on = models.DateField()
    closes_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-posted_on", "-id"]
        indexes = [
            GinIndex(posting_search_vector(), name="posting_search_idx"),
            models.Index(fields=["occupation_code"], name="posting_occupation_idx"),
            models.Index(fields=["status", "posted_on"], name="posting_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title}, {self.employer}"


class JobReferral(SeekerActivity, models.Model):
    """Staff referred the seeker to a posting: records seed 003's "Job Referral" service."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="job_referrals")
    posting = models.ForeignKey(JobPosting, on_delete=models.PROTECT, related_name="referrals")
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    introduced = models.BooleanField(
        "introduced to the employer",
        default=False,
        help_text="Staff also contacted the employer about this seeker.",
    )
    note = models.TextField(blank=True)
    outcome = models.CharField(
        max_length=20, choices=ReferralOutcome.choices, default=ReferralOutcome.PENDING
    )
    outcome_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One referral per seeker and posting, however many staff click "Refer" at once.
            models.UniqueConstraint(fields=["seeker", "posting"], name="job_referral_unique")
        ]

    def __str__(self) -> str:
        return f"Seeker {self.seeker_id} referred to {self.posting}"


class JobPostingSent(SeekerActivity, models.Model):
    """Staff emailed a posting to the seeker ("Send to seeker"); the email is in the outbox."""

    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="postings_sent")
    posting = models.ForeignKey(JobPosting, on_delete=models.PROTECT, related_name="+")
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]

    def __str__(self) -> str:
        return f"{self.posting} sent to seeker {self.seeker_id}"

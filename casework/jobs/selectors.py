"""Job postings and referrals from Case Details (seed 001): the reads.

Seed 001: "Based on the occupation the job seeker desires, case managers can perform job
searches, from which they can send job postings to the job seeker, create referrals, or
introduce job seekers to employers."
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Q, QuerySet
from django.http import Http404

from casework.jobs.constants import (
    OCCUPATION_CODE_PREFIX,
    OCCUPATION_MAX_LENGTH,
    OCCUPATION_MAX_WORDS,
    SECTION_SHOWN,
)
from seekers.constants import PostingStatus
from seekers.models import Assessment, JobPosting, JobPostingSent, JobReferral, JobSeeker
from seekers.models.jobs import POSTING_SEARCH_CONFIG, posting_search_vector


def occupation_filter(occupation: str) -> Q:
    """A code prefix ("43-", "43-4051") or words that must all be in the occupation's title."""
    occupation = occupation.strip()
    if not occupation:
        return Q()
    if OCCUPATION_CODE_PREFIX.match(occupation):
        return Q(occupation_code__startswith=occupation)
    condition = Q()
    for word in occupation.split()[:OCCUPATION_MAX_WORDS]:
        condition &= Q(occupation_title__icontains=word.strip(",;"))
    return condition


def posting_search(*, keywords: str = "", occupation: str = "",
                   include_closed: bool = False) -> QuerySet[JobPosting]:  # fmt: skip
    """Postings matching keywords (full text over title and description, web-search syntax)
    and an occupation; open ones only unless asked. Best matches first, then the newest.

    The keyword filter is exactly the expression of the GIN index `posting_search_idx`,
    so PostgreSQL answers it from the index.
    """
    postings = JobPosting.objects.select_related("employer").filter(occupation_filter(occupation))
    if not include_closed:
        postings = postings.filter(status=PostingStatus.OPEN)
    keywords = keywords.strip()
    if not keywords:
        return postings.order_by("-posted_on", "-id")
    query = SearchQuery(keywords, config=POSTING_SEARCH_CONFIG, search_type="websearch")
    return (
        postings.annotate(
            search=posting_search_vector(), rank=SearchRank(posting_search_vector(), query)
        )
        .filter(search=query)
        .order_by("-rank", "-posted_on", "-id")
    )


@dataclass(frozen=True)
class SearchPrefill:
    """What the search starts from: the occupation of the seeker's latest assessment."""

    occupation: str = ""
    assessment: Assessment | None = None


def search_prefill(*, seeker: JobSeeker) -> SearchPrefill:
    """Seed 001: "Based on the occupation the job seeker desires": the latest assessment's
    occupation code (its SOC part, so every O*NET variant matches), else its words."""
    assessment = (
        Assessment.objects.filter(seeker=seeker)
        .only("id", "seeker_id", "desired_occupation", "occupation_code", "updated_at")
        .order_by("-updated_at", "-id")
        .first()
    )
    if assessment is None:
        return SearchPrefill()
    occupation = assessment.occupation_code[:7] or assessment.desired_occupation.strip()
    return SearchPrefill(occupation=occupation[:OCCUPATION_MAX_LENGTH], assessment=assessment)


def posting_get(*, posting_id: int) -> JobPosting:
    """A posting by id (postings are public job orders, not seeker data), or 404."""
    posting = JobPosting.objects.select_related("employer").filter(pk=posting_id).first()
    if posting is None:
        raise Http404("No such job posting.")
    return posting


def referral_get(*, seeker: JobSeeker, referral_id: int) -> JobReferral:
    """One of this seeker's referrals, or 404: never another seeker's."""
    referral = (
        JobReferral.objects.select_related("posting__employer", "referred_by")
        .filter(seeker=seeker, pk=referral_id)
        .first()
    )
    if referral is None:
        raise Http404("No such job referral.")
    return referral


def referral_list(*, seeker: JobSeeker, limit: int = SECTION_SHOWN) -> list[JobReferral]:
    return list(
        JobReferral.objects.filter(seeker=seeker)
        .select_related("posting__employer", "referred_by")
        .order_by("-created_at", "-id")[:limit]
    )


def posting_sent_list(*, seeker: JobSeeker, limit: int = SECTION_SHOWN) -> list[JobPostingSent]:
    return list(
        JobPostingSent.objects.filter(seeker=seeker)
        .select_related("posting__employer", "sent_by")
        .order_by("-sent_at", "-id")[:limit]
    )


def referral_by_posting(*, seeker: JobSeeker, posting_ids: list[int]) -> dict[int, JobReferral]:
    """The seeker's referrals to these postings, by posting id (one query for a results page)."""
    referrals = JobReferral.objects.filter(seeker=seeker, posting_id__in=posting_ids)
    return {referral.posting_id: referral for referral in referrals}


def seeker_email_problem(seeker: JobSeeker) -> str:
    """Why a posting cannot be emailed to this seeker, or "" when it can."""
    email = (seeker.email or "").strip().lower()
    if not email:
        return f"{seeker.full_name} has no email on record: read the posting to them or mail it."
    if email == settings.REGISTRATION_PLACEHOLDER_EMAIL.strip().lower():
        return (
            f"{seeker.full_name} has only the placeholder address {email} on record, "
            "no email of their own: read the posting to them or mail it."
        )
    return ""

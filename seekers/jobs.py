"""Job postings and referrals from Case Details (seed 001): reads and writes.

Seed 001: "Based on the occupation the job seeker desires, case managers can perform job
searches, from which they can send job postings to the job seeker, create referrals, or
introduce job seekers to employers." A referral records seed 003's "Job Referral" service;
sending a posting records none (the seed names no service for it).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone

from seekers.constants import PostingStatus, ReferralOutcome
from seekers.models import Assessment, JobPosting, JobPostingSent, JobReferral, JobSeeker
from seekers.models.jobs import POSTING_SEARCH_CONFIG, posting_search_vector
from seekers.selectors import seeker_casework_check
from workforce.mail import outbox_enqueue
from workforce.models import User

PAGE_SIZE = 20
SECTION_SHOWN = 15  # referrals (and postings sent) listed on Case Details, newest first
KEYWORDS_MAX_LENGTH = 200
OCCUPATION_MAX_LENGTH = 100
OCCUPATION_MAX_WORDS = 8
# What staff type to search by occupation code: a prefix of an O*NET-SOC code, "43", "43-",
# "43-4051" or "43-4051.00". Anything else holding a digit is a mistyped code.
OCCUPATION_CODE_PREFIX = re.compile(r"^\d{2}(-(\d{1,4}(\.\d{0,2})?)?)?$")
OUTCOMES_RECORDED = [
    ReferralOutcome.HIRED,
    ReferralOutcome.NOT_HIRED,
    ReferralOutcome.DID_NOT_APPLY,
]
SEND_TOKEN_SALT = "seekers.jobs.posting-send"  # noqa: S105 (a signing namespace)
SEND_TOKEN_MAX_AGE = 8 * 60 * 60  # a working day


# --- Reads ---------------------------------------------------------------------------------


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


# --- Writes --------------------------------------------------------------------------------


def _check_actor(*, seeker: JobSeeker, actor: User) -> None:
    seeker_casework_check(
        seeker=seeker, actor=actor,
        refusal="Your role does not work with job seekers' job searches.",
    )  # fmt: skip


def _posting_open(posting: JobPosting, *, action: str) -> JobPosting:
    """The posting as it is now, locked; refused when closed."""
    posting = JobPosting.objects.select_for_update().select_related("employer").get(pk=posting.pk)
    if posting.status != PostingStatus.OPEN:
        raise ValidationError(f"This posting is closed: it can no longer be {action}.")
    return posting


@transaction.atomic
def referral_create(*, seeker: JobSeeker, posting: JobPosting, actor: User,
                    introduced: bool = False, note: str = "") -> JobReferral:  # fmt: skip
    """Refer the seeker to an open posting, and record seed 003's "Job Referral" service once.

    A second referral to the same posting is refused (the unique constraint decides, also
    when two staff click at once), with nothing written and no second service.
    """
    _check_actor(seeker=seeker, actor=actor)
    posting = _posting_open(posting, action="referred to")
    referral = JobReferral(
        seeker=seeker, posting=posting, referred_by=actor, introduced=introduced,
        note=note.strip(),
    )  # fmt: skip
    referral.full_clean(validate_constraints=False)  # the database checks uniqueness below
    try:
        with transaction.atomic():  # a savepoint: the clash must not spoil this transaction
            referral.save()
    except IntegrityError:
        earlier = JobReferral.objects.select_related("referred_by").get(
            seeker=seeker, posting=posting
        )
        raise ValidationError(_already_referred(seeker, earlier)) from None
    # At call time: seekers never imports services at module level (DESIGN.md).
    from services.constants import Event
    from services.events import record_event

    record_event(Event.JOB_REFERRAL, seeker=seeker, actor=actor, source=referral)
    return referral


def _already_referred(seeker: JobSeeker, earlier: JobReferral) -> str:
    by = earlier.referred_by.get_full_name() or earlier.referred_by.username
    when = timezone.localtime(earlier.created_at)
    return (
        f"{seeker.full_name} was already referred to this posting on {when:%m/%d/%Y} by {by}. "
        "Nothing new was recorded."
    )


@transaction.atomic
def referral_outcome_set(*, referral: JobReferral, outcome: str, outcome_on: datetime.date,
                         actor: User) -> JobReferral:  # fmt: skip
    """Record what came of a referral: hired, not hired, or did not apply, and when."""
    _check_actor(seeker=referral.seeker, actor=actor)
    errors = {}
    if outcome not in OUTCOMES_RECORDED:
        errors["outcome"] = "Choose hired, not hired or did not apply."
    referred_on = timezone.localdate(referral.created_at)
    if outcome_on is None:
        errors["outcome_on"] = "Enter the date of the outcome."
    elif outcome_on > timezone.localdate():
        errors["outcome_on"] = "The date of the outcome cannot be in the future."
    elif outcome_on < referred_on:
        errors["outcome_on"] = (
            f"The outcome cannot come before the referral: enter {referred_on:%m/%d/%Y} or later."
        )
    if errors:
        raise ValidationError(errors)
    referral.outcome, referral.outcome_on = outcome, outcome_on
    referral.save(update_fields=["outcome", "outcome_on"])
    return referral


def send_token(*, seeker: JobSeeker, posting: JobPosting) -> str:
    """A one-time token for a "Send to seeker" button: it says when the button was shown."""
    issued = timezone.now().isoformat()
    return signing.dumps({"s": seeker.pk, "p": posting.pk, "t": issued}, salt=SEND_TOKEN_SALT)


def _token_issued_at(token: str, *, seeker: JobSeeker, posting: JobPosting) -> datetime.datetime:
    try:
        data = signing.loads(token, salt=SEND_TOKEN_SALT, max_age=SEND_TOKEN_MAX_AGE)
        if (data["s"], data["p"]) != (seeker.pk, posting.pk):
            raise ValueError
        return datetime.datetime.fromisoformat(data["t"])
    except (signing.BadSignature, ValueError, KeyError, TypeError):
        raise ValidationError(
            "This page is too old or was changed: open the posting again, then send it."
        ) from None


@transaction.atomic
def posting_send(*, seeker: JobSeeker, posting: JobPosting, actor: User,
                 form_token: str) -> tuple[JobPostingSent, bool]:  # fmt: skip
    """Email an open posting to the seeker through the outbox; (record, False) if this form
    already sent it.

    The token tells when the button was shown; a send of the same posting to the seeker
    since then (a double click, a retried post, a colleague) means this one is done.
    The posting row is locked, so two posts of one form cannot both send.
    """
    _check_actor(seeker=seeker, actor=actor)
    issued_at = _token_issued_at(form_token, seeker=seeker, posting=posting)
    problem = seeker_email_problem(seeker)
    if problem:
        raise ValidationError(problem)
    posting = _posting_open(posting, action="sent")
    earlier = (
        JobPostingSent.objects.filter(seeker=seeker, posting=posting, sent_at__gte=issued_at)
        .order_by("sent_at")
        .first()
    )
    if earlier is not None:
        return earlier, False
    try:
        outbox_enqueue(
            to=seeker.email.strip(), subject=f"Job opening: {posting.title} at {posting.employer}",
            body=posting_email_body(seeker=seeker, posting=posting, actor=actor),
            purpose="job_posting",
        )  # fmt: skip
    except ValueError:  # the posting's text holds what looks like an SSN: never email that
        raise ValidationError(
            "This posting's text holds a number that looks like a Social Security number, "
            "so it cannot be emailed. Read it to the job seeker, and ask to correct the posting."
        ) from None
    sent = JobPostingSent.objects.create(seeker=seeker, posting=posting, sent_by=actor)
    return sent, True


def posting_email_body(*, seeker: JobSeeker, posting: JobPosting, actor: User) -> str:
    """The email's text: the posting and how to apply; of the seeker, only the first name."""
    context = {
        "first_name": seeker.first_name,
        "posting": posting,
        "staff_name": actor.get_full_name() or "Your case manager",
        "office": actor.current_office,
    }
    return render_to_string("seekers/jobs/posting_email.txt", context)

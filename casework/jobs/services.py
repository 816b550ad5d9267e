"""Job postings and referrals from Case Details (seed 001): the writes.

A referral records seed 003's "Job Referral" service; sending a posting records none
(the seed names no service for it).
"""

from __future__ import annotations

import datetime

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from casework.jobs.constants import OUTCOMES_RECORDED, SEND_TOKEN_MAX_AGE, SEND_TOKEN_SALT
from casework.jobs.selectors import seeker_email_problem
from seekers.constants import PostingStatus
from seekers.models import JobPosting, JobPostingSent, JobReferral, JobSeeker
from seekers.selectors import seeker_casework_check
from seekers.services import seeker_lock
from services.constants import Event
from services.events import record_event
from workforce.mail import outbox_enqueue
from workforce.models import User

# Said to a role that does not serve seekers (the visibility refusal is the shared one).
REFUSAL = "Your role does not work with job seekers' job searches."


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
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
    seeker_lock(seeker=seeker)  # before the posting: record_event below locks the seeker
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
    seeker_casework_check(seeker=referral.seeker, actor=actor, refusal=REFUSAL)
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
    seeker_casework_check(seeker=seeker, actor=actor, refusal=REFUSAL)
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
    return render_to_string("casework/jobs/posting_email.txt", context)

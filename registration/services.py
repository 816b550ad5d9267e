"""Writes of the phone registration: each step's effect on the call (the consent record)."""

from __future__ import annotations

import re

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from registration.constants import DECLINED_OUTCOME, CallOutcome, GatingQuestion
from registration.models import GatingAnswer, NoticeVersion, RegistrationCall
from seekers.models import JobSeeker, ssn_blind_index
from workforce.models import User

_SSN_LIKE = re.compile(r"\b\d{3}[-\s.]?\d{2}[-\s.]?(\d{4})\b")


def search_redact(text: str) -> str:
    """A search as stored on the call: any SSN reduced to its last four (***-**-1234)."""
    return _SSN_LIKE.sub(lambda m: f"***-**-{m.group(1)}", text)


@transaction.atomic
def call_start(*, staff: User) -> RegistrationCall:
    """Open the consent record of a call: who, from which office, when."""
    if staff.current_office is None:
        raise ValidationError("Choose your current office before you register a caller.")
    call = RegistrationCall(staff=staff, office=staff.current_office)
    call.full_clean()
    call.save()
    return call


def call_search_record(*, call: RegistrationCall, text: str) -> None:
    """Keep each search tried at the existing-account step (seed 000 step 2), SSNs masked."""
    call.searches = [
        *call.searches,
        {"text": search_redact(text), "at": timezone.now().isoformat()},
    ]
    call.save(update_fields=["searches"])


@transaction.atomic
def call_existing_link(*, call: RegistrationCall, seeker: JobSeeker) -> RegistrationCall:
    """The caller already has an account: the call ends linked to it."""
    if not call.searches:
        raise ValidationError("Search before choosing an existing account.")
    call.seeker = seeker
    call.outcome = CallOutcome.EXISTING_FOUND
    call.ended_at = timezone.now()
    call.save(update_fields=["seeker", "outcome", "ended_at"])
    return call


def call_no_match_confirm(*, call: RegistrationCall) -> RegistrationCall:
    """Staff confirms no existing account matched; registration may begin."""
    if not call.searches:
        raise ValidationError(
            "Search for an existing account first: try the names the caller uses."
        )
    call.no_match_confirmed_at = timezone.now()
    call.save(update_fields=["no_match_confirmed_at"])
    return call


def call_notice_read(*, call: RegistrationCall, version: NoticeVersion) -> RegistrationCall:
    """Record that this version of the notice was read aloud, and when."""
    call.notice_version = version
    call.notice_read_at = timezone.now()
    call.save(update_fields=["notice_version", "notice_read_at"])
    return call


@transaction.atomic
def call_answers_record(*, call: RegistrationCall, answers: dict[str, bool]) -> list[str]:
    """Store one answer per question with its time; return the questions answered No."""
    for question in GatingQuestion.values:
        GatingAnswer.objects.create(call=call, question=question, answer=answers[question])
    return [q for q in GatingQuestion.values if not answers[q]]


@transaction.atomic
def call_decline(*, call: RegistrationCall, question: str) -> RegistrationCall:
    """End a call on a No: outcome "declined at question a/b/c" (seed 000 step 5)."""
    answers = {a.question: a.answer for a in call.answers.all()}
    if answers.get(question) is not False:
        raise ValidationError("The caller has not answered No to that question.")
    call.outcome = DECLINED_OUTCOME[question]
    call.ended_at = timezone.now()
    call.save(update_fields=["outcome", "ended_at"])
    return call


def call_contact_save(*, call: RegistrationCall, contact: dict) -> RegistrationCall:
    """Keep the caller's name and contact on the call until the account is created.

    Only cleaned, JSON-safe, non-sensitive values go into the draft (STYLE.md rule 12).
    """
    draft = dict(call.draft)
    draft["contact"] = {key: value.isoformat() if hasattr(value, "isoformat") else value
                        for key, value in contact.items()}  # fmt: skip
    call.draft = draft
    call.save(update_fields=["draft"])
    return call


def call_ssn_save(*, call: RegistrationCall, digits: str, pseudo: bool) -> RegistrationCall:
    """Keep the SSN encrypted on the call (never in the session or the plain draft)."""
    call.draft_ssn = digits
    call.draft_ssn_index = ssn_blind_index(digits)
    call.draft = {**call.draft, "ssn_pseudo": pseudo, "ssn_last4": digits[-4:]}
    call.save(update_fields=["draft_ssn", "draft_ssn_index", "draft"])
    return call


def call_back_to_search(*, call: RegistrationCall) -> RegistrationCall:
    """An SSN that already has an account: the existing-account check must be done again."""
    call.no_match_confirmed_at = None
    call.save(update_fields=["no_match_confirmed_at"])
    return call


def call_credentials_save(
    *, call: RegistrationCall, username: str, password: str, question: str, answer: str
) -> RegistrationCall:
    """Hash the password and the (normalised) secret answer at once: neither is ever kept plain."""
    call.draft_password_hash = make_password(password)
    call.draft_secret_answer_hash = make_password(answer)
    call.draft = {**call.draft, "username": username, "secret_question": question}
    call.save(update_fields=["draft_password_hash", "draft_secret_answer_hash", "draft"])
    return call

"""Writes of the phone registration: each step's effect on the call (the consent record)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone

from registration import ssn_choice, steps
from registration.constants import DECLINED_OUTCOME, RESUME_HOURS, CallOutcome, GatingQuestion
from registration.letters.services import confirmation_queue
from registration.models import (
    GatingAnswer,
    NoticeVersion,
    RegistrationCall,
    SeekerAccount,
)
from seekers.constants import AccountType, YesNoDeclined
from seekers.models import Demographics, JobSeeker, OtherName, ssn_blind_index
from seekers.selectors import seeker_casework_check
from services.constants import Event
from services.events import record_event
from workforce.audit import REFUSED_OUTCOME, access_log_hourly_quota_left, access_log_write
from workforce.constants import AccessAction
from workforce.models import User
from workforce.ssn_text import ssn_mask


def search_redact(text: str) -> str:
    """A search as stored on the call: every SSN the search would read in it reduced to its
    last four (***-**-1234), with the search's own pattern (workforce.ssn_text)."""
    return ssn_mask(text)


@transaction.atomic
def call_start(*, staff: User) -> RegistrationCall:
    """Open the consent record of a call: who, from which office, when."""
    if staff.current_office is None:
        raise ValidationError("Choose your current office before you register a caller.")
    # Cron runs purge_abandoned_calls too; doing it here keeps drafts short-lived without it.
    calls_purge_expired()
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
    """The caller already has an account: the call ends linked to it (one the staff may see)."""
    seeker_casework_check(seeker=seeker, actor=call.staff)
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


def call_ssn_save(
    *, call: RegistrationCall, digits: str, pseudo: bool, generated: bool = False
) -> RegistrationCall:
    """Keep the SSN encrypted on the call (never in the session or the plain draft)."""
    call.draft_ssn = digits
    call.draft_ssn_index = ssn_blind_index(digits)
    draft = {key: value for key, value in call.draft.items() if key != "ssn_clash_last4"}
    call.draft = {**draft, "ssn_pseudo": pseudo, "ssn_generated": generated,
                  "ssn_last4": digits[-4:]}  # fmt: skip
    call.save(update_fields=["draft_ssn", "draft_ssn_index", "draft"])
    return call


SSN_DRAFT_KEYS = ("ssn_pseudo", "ssn_generated", "ssn_last4")


def call_back_to_search(*, call: RegistrationCall, digits: str) -> RegistrationCall:
    """An SSN that already has an account: the existing-account check must be done again.

    The number typed is kept encrypted on the call (draft_ssn) but without its blind index,
    so it holds no other call back and the SSN step is not done: staff can search by it
    and find it again at the SSN step, and only its last four are ever shown.
    """
    call.no_match_confirmed_at = None
    call.draft_ssn, call.draft_ssn_index = digits, ""
    draft = {key: value for key, value in call.draft.items() if key not in SSN_DRAFT_KEYS}
    call.draft = {**draft, "ssn_clash_last4": digits[-4:]}
    call.save(update_fields=["no_match_confirmed_at", "draft_ssn", "draft_ssn_index", "draft"])
    return call


def call_credentials_save(
    *, call: RegistrationCall, username: str, password: str, question: str, answer: str
) -> RegistrationCall:
    """Hash the password and the (normalised) secret answer at once: neither is ever kept plain.

    An empty password or answer keeps the one already recorded (a revisit of the step).
    """
    if password or not call.draft_password_hash:
        call.draft_password_hash = make_password(password)
    if answer or not call.draft_secret_answer_hash:
        call.draft_secret_answer_hash = make_password(answer)
    call.draft = {**call.draft, "username": username, "secret_question": question}
    call.save(update_fields=["draft_password_hash", "draft_secret_answer_hash", "draft"])
    return call


def call_demographics_save(*, call: RegistrationCall, answers: dict) -> RegistrationCall:
    """Keep the demographic answers (choices only, nothing secret) on the call's draft."""
    call.draft = {**call.draft, "demographics": answers}
    call.save(update_fields=["draft"])
    return call


class RegistrationClash(Exception):
    """The account could not be created because another one took its SSN or username first.

    `step` names the step staff must go back to; `message` says why in plain words.
    """

    def __init__(self, step: str, message: str) -> None:
        super().__init__(message)
        self.step, self.message = step, message


class CallAlreadyEnded(Exception):
    """A second submit of a finished call (double click, back button): nothing more is done."""


# How many freshly generated numbers beginning with 9 to try when another registration
# took the one drawn at the SSN step in the meantime.
PSEUDO_SSN_RETRIES = 5


def registration_complete(*, call: RegistrationCall, actor: User) -> JobSeeker:
    """Create the job seeker, their login, the services and the confirmation, all or nothing.

    The call row is locked first, so a double submit waits and then finds the call ended
    (CallAlreadyEnded) instead of creating a second account. A username or SSN taken by
    another registration since its step was done is stopped by the database's unique
    constraints and reported as a RegistrationClash; the call is sent back to that step.
    """
    try:
        return _complete(call_id=call.pk, actor=actor)
    except RegistrationClash as clash:
        _clash_reset(call=call, step=clash.step)
        raise


@transaction.atomic
def _complete(*, call_id: int, actor: User) -> JobSeeker:
    call = RegistrationCall.objects.select_for_update().get(pk=call_id, staff=actor)
    if call.outcome != CallOutcome.IN_PROGRESS:
        raise CallAlreadyEnded()
    missing = [s for s in steps.STEPS[:-1] if not steps.is_done(call, s)]
    if missing:
        raise RegistrationClash(missing[0], f"Finish “{steps.TITLES[missing[0]]}” first.")
    seeker = _create_with_retries(call=call, actor=actor)
    call.seeker, call.outcome, call.ended_at = seeker, CallOutcome.CREATED, timezone.now()
    _draft_clear(call)
    call.save(update_fields=["seeker", "outcome", "ended_at", *DRAFT_FIELDS])
    # Seed 000 step 11 (Staff Assisted Registration, Job Search Assistance) and seed 003's
    # "Staff-Entered Record": staff entered this seeker's record.
    for event in (Event.STAFF_ASSISTED_REGISTRATION, Event.STAFF_ENTERED_RECORD):
        record_event(event, seeker=seeker, actor=actor, source=call)
    confirmation_queue(call=call, seeker=seeker)
    return seeker


def _create_with_retries(*, call: RegistrationCall, actor: User) -> JobSeeker:
    digits = call.draft_ssn
    for attempt in range(PSEUDO_SSN_RETRIES + 1):
        try:
            with transaction.atomic():  # a savepoint: a clash undoes only this attempt
                return _seeker_create(call=call, actor=actor, digits=digits)
        except IntegrityError as exc:
            constraint = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", "")
            if constraint == "seeker_account_unique_username":
                raise RegistrationClash("credentials", USERNAME_TAKEN) from None
            if constraint != "seeker_unique_ssn":
                raise
            if not call.draft.get("ssn_generated") or attempt == PSEUDO_SSN_RETRIES:
                step = "ssn" if call.draft.get("ssn_pseudo") else "existing"
                raise RegistrationClash(step, SSN_TAKEN[step]) from None
            digits = ssn_choice.pseudo_ssn_generate(call=call)
    raise AssertionError("unreachable")


USERNAME_TAKEN = (
    "Another account took that username a moment ago. Ask the caller for another username, "
    "then enter the password and secret answer again."
)
SSN_TAKEN = {
    "existing": "An account with this SSN was created a moment ago. Search again with the "
    "caller: it may be theirs.",
    "ssn": "Another account took this number beginning with 9 a moment ago. Choose another "
    "number, or let the system make one up.",
}


def _seeker_create(*, call: RegistrationCall, actor: User, digits: str) -> JobSeeker:
    contact = call.draft["contact"]
    seeker = JobSeeker(
        **{field: contact.get(field, "") for field in SEEKER_CONTACT_FIELDS},
        date_of_birth=datetime.date.fromisoformat(contact["date_of_birth"]),
        account_type=AccountType.STAFF_ASSISTED,
        created_by=actor,
    )
    seeker.set_ssn(digits, pseudo=bool(call.draft.get("ssn_pseudo")))
    # Uniqueness is left to the constraints: they decide atomically, under concurrency.
    seeker.full_clean(validate_unique=False, validate_constraints=False)
    seeker.save()
    seeker.offices.add(call.office)
    # One save each, not bulk_create: django-auditlog sees only saves, and each name is audited.
    for name in contact.get("other_names", []):
        OtherName.objects.create(seeker=seeker, **name)
    # The call only reaches this step after "yes" to question c, "Are you legally eligible
    # to work in the United States?" (seed 000 step 5), which program eligibility needs.
    Demographics.objects.create(
        seeker=seeker, **call.draft["demographics"], right_to_work=YesNoDeclined.YES
    )
    SeekerAccount.objects.create(
        seeker=seeker,
        username=call.draft["username"],
        password=call.draft_password_hash,
        secret_question=call.draft["secret_question"],
        secret_answer=call.draft_secret_answer_hash,
    )
    return seeker


SEEKER_CONTACT_FIELDS = [
    "first_name", "middle_name", "last_name", "suffix", "phone", "email",
    "address_line1", "address_line2", "city", "state", "zip_code",
]  # fmt: skip
DRAFT_FIELDS = ["draft", "draft_ssn", "draft_ssn_index", "draft_password_hash",
                "draft_secret_answer_hash"]  # fmt: skip


EMPTY_DRAFT = {"draft": {}, "draft_ssn": None, "draft_password_hash": "",
               "draft_secret_answer_hash": ""}  # fmt: skip


def _draft_clear(call: RegistrationCall) -> None:
    """Forget every draft value: after creation or purge, the call keeps only the consent record."""
    call.draft, call.draft_ssn, call.draft_ssn_index = {}, None, ""
    call.draft_password_hash = call.draft_secret_answer_hash = ""


@transaction.atomic
def _clash_reset(*, call: RegistrationCall, step: str) -> None:
    """Send the call back to the step whose value another registration took."""
    call = RegistrationCall.objects.select_for_update().get(pk=call.pk)
    if step == "credentials":
        call.draft_password_hash = call.draft_secret_answer_hash = ""
    elif step == "ssn":
        call.draft_ssn, call.draft_ssn_index = None, ""
    elif step == "existing":
        call_back_to_search(call=call, digits=call.draft_ssn)
        return
    call.save(update_fields=[*DRAFT_FIELDS, "no_match_confirmed_at"])


@transaction.atomic
def call_abandon(*, call: RegistrationCall) -> RegistrationCall:
    """The caller hung up: the call stops; its staff member may resume it for 24 hours."""
    call.outcome, call.abandoned_at = CallOutcome.ABANDONED, timezone.now()
    call.ended_at = call.abandoned_at
    call.save(update_fields=["outcome", "abandoned_at", "ended_at"])
    return call


def call_resumable(call: RegistrationCall) -> bool:
    """An abandoned call whose draft is still there: within RESUME_HOURS of abandoning it."""
    return (
        call.outcome == CallOutcome.ABANDONED
        and call.abandoned_at is not None
        and timezone.now() - call.abandoned_at < datetime.timedelta(hours=RESUME_HOURS)
    )


@transaction.atomic
def call_resume(*, call: RegistrationCall) -> RegistrationCall:
    """The caller called back: the same staff member carries on where the call stopped."""
    if not call_resumable(call):
        raise ValidationError(
            f"This call can no longer be resumed: more than {RESUME_HOURS} hours have passed "
            "and what the caller said was deleted. Start a new phone registration."
        )
    call.outcome, call.ended_at = CallOutcome.IN_PROGRESS, None
    call.save(update_fields=["outcome", "ended_at"])
    return call


@transaction.atomic
def calls_purge_expired() -> int:
    """Delete the draft of every call abandoned more than RESUME_HOURS ago; return how many.

    A call left in progress (the browser was closed) counts as abandoned when it started
    more than RESUME_HOURS ago. The consent record (who, when, notice, answers) stays.
    Each call is saved on its own rather than by one queryset update, so django-auditlog
    records every change (the draft columns masked or excluded as registered).
    """
    cutoff = timezone.now() - datetime.timedelta(hours=RESUME_HOURS)
    left_open = RegistrationCall.objects.filter(
        outcome=CallOutcome.IN_PROGRESS, started_at__lt=cutoff
    )
    for call in left_open.select_for_update(skip_locked=True):
        call.outcome = CallOutcome.ABANDONED
        call.abandoned_at = call.ended_at = call.started_at
        call.save(update_fields=["outcome", "abandoned_at", "ended_at"])
    expired = RegistrationCall.objects.filter(
        outcome=CallOutcome.ABANDONED, abandoned_at__lt=cutoff
    ).exclude(draft={}, draft_ssn__isnull=True, draft_password_hash="", draft_secret_answer_hash="")
    purged = 0
    for call in expired.select_for_update(skip_locked=True):
        _draft_clear(call)
        call.save(update_fields=[*EMPTY_DRAFT, "draft_ssn_index"])
        purged += 1
    return purged


class SsnCheckLimitReached(Exception):
    """Partner staff reached this hour's limit of SSN checks (shared with the Opt-Out Lookup)."""


# What the access log says of a check at the SSN step (never the number).
SSN_CHECK_OUTCOMES = {True: "registration SSN step: number in use",
                      False: "registration SSN step: number not in use"}  # fmt: skip


def ssn_check_probe(
    *, request: HttpRequest, user: User, call: RegistrationCall
) -> ssn_choice.Probe | None:
    """The probe the SSN step runs before looking up a typed number, or None for state staff.

    For partner staff every number typed at the SSN step (their SSN or a number beginning
    with 9 they chose) tells whether it is in use, so whether it belongs to a seeker hidden
    from them (opted out of data sharing, seed 002) is one question away. Each check is
    therefore an Opt-Out Lookup by another door: counted against the same hourly limit and
    written to the access log *before* the number is looked up for the answer, whoever
    owns it. Past the limit the check is logged as refused and SsnCheckLimitReached is
    raised, for any number, so the answer (429) cannot depend on the number either.
    State staff see every seeker; their checks are neither counted nor logged (unchanged).
    """
    if not user.is_partner_staff:
        return None

    def probe(digits: str) -> None:
        if not ssn_check_record(request=request, user=user, digits=digits, call=call):
            raise SsnCheckLimitReached()  # raised after the refusal's row is committed

    return probe


@transaction.atomic
def ssn_check_record(
    *, request: HttpRequest, user: User, digits: str, call: RegistrationCall | None = None
) -> bool:
    """Count and log one SSN-step check by partner staff; False past the limit (the refused
    check is logged too, without looking the number up)."""
    if not access_log_hourly_quota_left(user=user, action=AccessAction.OPTOUT_LOOKUP,
                                        per_hour=settings.OPTOUT_LOOKUPS_PER_HOUR):  # fmt: skip
        access_log_write(request=request, user=user, action=AccessAction.OPTOUT_LOOKUP,
                         seeker_id=None, outcome=REFUSED_OUTCOME)  # fmt: skip
        return False
    owner = JobSeeker.objects.filter(ssn_index=ssn_blind_index(digits)).values_list(
        "pk", flat=True
    ).first()  # fmt: skip
    in_use = owner is not None or ssn_choice.ssn_in_use(digits, call=call)
    access_log_write(request=request, user=user, action=AccessAction.OPTOUT_LOOKUP,
                     seeker_id=owner, outcome=SSN_CHECK_OUTCOMES[in_use])  # fmt: skip
    return True

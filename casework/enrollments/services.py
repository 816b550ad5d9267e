"""Writes of Program Registration: enrolling, editing and closing enrollments, staff demographics.

The pages show only what the user may do; these functions re-check every rule (privilege,
eligibility now, attestation, status transitions), so a forged or stale post is refused
with nothing written.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from casework.enrollments.constants import ACTIVE_STATUSES, TEXT_ANSWER_MAX, TRANSITIONS
from casework.enrollments.eligibility import ALL_QUESTIONS, EligibilityResult
from casework.enrollments.selectors import (
    enrollment_question_list,
    program_eligibility_now,
    program_may_enroll,
)
from seekers.constants import ClosureReason, EnrollmentOrigin, EnrollmentStatus, QuestionKind
from seekers.models import Demographics, Enrollment, EnrollmentQuestion, JobSeeker
from seekers.selectors import seeker_casework_check
from workforce.constants import WIOA_ADULT
from workforce.models import Program, User


class EnrollmentAlreadyOpen(ValidationError):
    """The seeker already has an open enrollment in the program (a second click, say)."""

    def __init__(self, enrollment: Enrollment) -> None:
        self.enrollment = enrollment
        super().__init__(
            f"{enrollment.seeker.full_name} is already enrolled in {enrollment.program.name} "
            f"(open since {enrollment.opened_on:%m/%d/%Y}); nothing changed.",
            code="already_open",
        )


def enrollment_transition_check(*, current: str, new: str) -> None:
    """Refuse any status change but pending→open, pending→closed and open→closed."""
    if (current, new) not in TRANSITIONS:
        raise ValidationError(
            f"A {EnrollmentStatus(current).label.lower()} enrollment cannot become "
            f"{EnrollmentStatus(new).label.lower()}.",
            code="transition",
        )


def _check_may_enroll(*, actor: User, program: Program) -> None:
    """The ENROLL privilege, which only roles serving seekers hold (program_may_enroll)."""
    if not program_may_enroll(user=actor, program=program):
        raise PermissionDenied(f"You do not have the privilege to enroll in {program.name}.")


def enrollment_answers_clean(
    *, questions: Iterable[EnrollmentQuestion], answers: Mapping[str, object]
) -> dict[str, str]:
    """The answers to the program's questions, JSON-safe; ValidationError keyed by question."""
    cleaned: dict[str, str] = {}
    errors: dict[str, str] = {}
    for question in questions:
        raw = answers.get(question.key)
        value = raw.isoformat() if isinstance(raw, datetime.date) else str(raw or "").strip()
        if not value:
            if question.required:
                errors[question.key] = f"Answer “{question.label}”."
            continue
        problem = _answer_problem(question, value)
        if problem:
            errors[question.key] = problem
        else:
            cleaned[question.key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def _answer_problem(question: EnrollmentQuestion, value: str) -> str:
    if question.kind == QuestionKind.YES_NO and value not in {"yes", "no"}:
        return f"Answer “{question.label}” with yes or no."
    if question.kind == QuestionKind.CHOICE and value not in question.choice_list:
        return f"Choose one of the answers listed for “{question.label}”."
    if question.kind == QuestionKind.DATE:
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return f"Enter a date for “{question.label}”."
    if len(value) > TEXT_ANSWER_MAX:
        return f"Keep the answer to “{question.label}” to {TEXT_ANSWER_MAX} characters."
    return ""


def _eligibility_snapshot(
    *, seeker: JobSeeker, program: Program, on: datetime.date
) -> tuple[EligibilityResult, dict]:
    """(result, snapshot) from the answers in the database now."""
    result = program_eligibility_now(seeker=seeker, program=program, on=on)
    return result, result.snapshot(rule=program.eligibility_rule, on=on)


def _not_eligible_message(seeker: JobSeeker, program: Program, result: EligibilityResult) -> str:
    if result.is_undetermined:
        needed = ", ".join(result.missing_labels) or "staff determination"
        return (
            f"Eligibility of {seeker.full_name} for {program.name} is undetermined, so they "
            f"cannot be enrolled yet. Still needed: {needed}."
        )
    return f"{seeker.full_name} is not eligible for {program.name}: {' '.join(result.reasons)}"


@transaction.atomic
def enrollment_open(
    *,
    seeker: JobSeeker,
    program: Program,
    answers: Mapping[str, object],
    attested: bool,
    actor: User,
    today: datetime.date | None = None,
) -> Enrollment:
    """Enroll the seeker (seed 001): open their pending enrollment, or a new one, in `program`.

    Re-checks the ENROLL privilege (PermissionDenied), the attestation, the program's
    questions and eligibility now (ValidationError); stores the answers and a snapshot of
    the eligibility decision. An open enrollment already there raises EnrollmentAlreadyOpen.
    """
    # The role comes with the privilege (program_may_enroll), so only visibility here.
    seeker_casework_check(seeker=seeker, actor=actor, roles=None)
    _check_may_enroll(actor=actor, program=program)
    today = today or timezone.localdate()
    errors: dict[str, list[str]] = {}
    if not attested:
        errors["attest"] = ["Attest that all provided information has been verified."]
    try:
        cleaned = enrollment_answers_clean(
            questions=enrollment_question_list(program=program), answers=answers
        )
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    result, snapshot = _eligibility_snapshot(seeker=seeker, program=program, on=today)
    if not result.is_eligible:
        raise ValidationError(_not_eligible_message(seeker, program, result), code="eligibility")
    current = _active_enrollment(seeker=seeker, program=program)
    if current is not None and current.status == EnrollmentStatus.OPEN:
        raise EnrollmentAlreadyOpen(current)
    fields = {
        "status": EnrollmentStatus.OPEN, "answers": cleaned, "eligibility_snapshot": snapshot,
        "attested_by": actor, "attested_at": timezone.now(), "opened_on": today,
        "opened_by": actor,
    }  # fmt: skip
    if current is not None:  # pending (a WIOA referral, say): complete it
        enrollment_transition_check(current=current.status, new=EnrollmentStatus.OPEN)
        for name, value in fields.items():
            setattr(current, name, value)
        current.full_clean()
        current.save(update_fields=[*fields, "updated_at"])
        return current
    enrollment = Enrollment(seeker=seeker, program=program, created_by=actor, **fields)
    return _insert_once(enrollment)


def _active_enrollment(*, seeker: JobSeeker, program: Program) -> Enrollment | None:
    """The pending or open enrollment, locked until the transaction ends."""
    return (
        Enrollment.objects.select_for_update()
        .select_related("seeker", "program")
        .filter(seeker=seeker, program=program, status__in=ACTIVE_STATUSES)
        .first()
    )


def _insert_once(enrollment: Enrollment) -> Enrollment:
    """Insert; a concurrent twin (the partial unique constraint) is reported, not doubled.

    The constraints are left to the database: a twin committed after our check is only
    seen there, and what it raises is the one error worth reporting.
    """
    enrollment.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():  # a savepoint: the outer transaction stays usable
            enrollment.save()
    except IntegrityError:
        twin = _active_enrollment(seeker=enrollment.seeker, program=enrollment.program)
        if twin is None:
            raise
        if twin.status == EnrollmentStatus.OPEN:
            raise EnrollmentAlreadyOpen(twin) from None
        raise ValidationError(
            f"Another enrollment of {enrollment.seeker.full_name} in "
            f"{enrollment.program.name} was saved at the same moment. Open Case Details "
            "again to see it.",
            code="concurrent",
        ) from None
    return enrollment


@transaction.atomic
def enrollment_answers_update(
    *, enrollment: Enrollment, answers: Mapping[str, object], actor: User
) -> Enrollment:
    """Change the answers of a pending, open or closed enrollment (ENROLL privilege)."""
    seeker_casework_check(seeker=enrollment.seeker, actor=actor, roles=None)
    _check_may_enroll(actor=actor, program=enrollment.program)
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    enrollment.answers = enrollment_answers_clean(
        questions=enrollment_question_list(program=enrollment.program), answers=answers
    )
    enrollment.full_clean()
    enrollment.save(update_fields=["answers", "updated_at"])
    return enrollment


@transaction.atomic
def enrollment_close(
    *,
    enrollment: Enrollment,
    closed_on: datetime.date,
    reason: str,
    note: str,
    actor: User,
    today: datetime.date | None = None,
) -> Enrollment:
    """Close an open enrollment, or withdraw a pending one, with a date and a reason."""
    seeker_casework_check(seeker=enrollment.seeker, actor=actor, roles=None)
    _check_may_enroll(actor=actor, program=enrollment.program)
    enrollment = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
    enrollment_transition_check(current=enrollment.status, new=EnrollmentStatus.CLOSED)
    note = (note or "").strip()
    errors = _closure_errors(enrollment, closed_on, reason, note, today or timezone.localdate())
    if errors:
        raise ValidationError(errors)
    enrollment.status = EnrollmentStatus.CLOSED
    enrollment.closed_on, enrollment.closed_by = closed_on, actor
    enrollment.closure_reason, enrollment.closure_note = reason, note
    enrollment.full_clean()
    enrollment.save(
        update_fields=["status", "closed_on", "closed_by", "closure_reason", "closure_note",
                       "updated_at"]
    )  # fmt: skip
    return enrollment


def _closure_errors(
    enrollment: Enrollment, closed_on: datetime.date | None, reason: str, note: str,
    today: datetime.date,
) -> dict[str, str]:  # fmt: skip
    errors: dict[str, str] = {}
    started = enrollment.opened_on or timezone.localdate(enrollment.created_at)
    if closed_on is None:
        errors["closed_on"] = "Enter the date the enrollment closed."
    elif closed_on > today:
        errors["closed_on"] = "The closure date cannot be in the future."
    elif closed_on < started:
        what = "opened" if enrollment.opened_on else "was created"
        errors["closed_on"] = (
            f"The closure date cannot be before the enrollment {what} ({started:%m/%d/%Y})."
        )
    if reason not in ClosureReason.values:
        errors["reason"] = "Choose the reason the enrollment closed."
    elif reason == ClosureReason.OTHER and not note:
        errors["note"] = "Explain the reason in the note when it is “Other”."
    return errors


def enrollment_referral_create(
    *, seeker: JobSeeker, actor: User, today: datetime.date | None = None
) -> Enrollment | None:
    """Referred to WIOA Services (seed 003): a pending WIOA Adult enrollment when eligible.

    Nothing when the program is inactive or missing, the seeker is not (or not yet known
    to be) eligible, or a pending or open WIOA Adult enrollment exists.
    """
    seeker_casework_check(seeker=seeker, actor=actor)
    program = Program.objects.filter(code=WIOA_ADULT, is_active=True).first()
    if program is None or _active_enrollment(seeker=seeker, program=program) is not None:
        return None
    today = today or timezone.localdate()
    result, snapshot = _eligibility_snapshot(seeker=seeker, program=program, on=today)
    if not result.is_eligible:
        return None
    enrollment = Enrollment(
        seeker=seeker, program=program, status=EnrollmentStatus.PENDING,
        origin=EnrollmentOrigin.WIOA_REFERRAL, eligibility_snapshot=snapshot, created_by=actor,
    )  # fmt: skip
    enrollment.full_clean(validate_constraints=False)  # the database checks them
    try:
        with transaction.atomic():
            enrollment.save()
    except IntegrityError:  # one appeared meanwhile: that one stands
        if _active_enrollment(seeker=seeker, program=program) is None:
            raise
        return None
    return enrollment


@transaction.atomic
def demographics_update(
    *, seeker: JobSeeker, data: Mapping[str, object], actor: User
) -> Demographics:
    """Save the answers given (registration and staff-only questions); create the row if none.

    Only the questions present in `data` change, so a form without the staff-only
    questions never clears them. django-auditlog records the change with the actor.
    """
    seeker_casework_check(seeker=seeker, actor=actor)
    demographics, _ = Demographics.objects.select_for_update().get_or_create(seeker=seeker)
    changed = [name for name in ALL_QUESTIONS if name in data]
    for name in changed:
        value = data[name]
        setattr(demographics, name, list(value or []) if name == "races" else value or "")
    demographics.full_clean()
    demographics.save(update_fields=[*changed, "updated_at"])
    return demographics

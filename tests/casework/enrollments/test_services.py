"""Enrolling (seed 001): privilege, eligibility now, attestation, statuses and their dates."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from casework.enrollments import services
from casework.enrollments.services import (
    EnrollmentAlreadyOpen,
    enrollment_answers_update,
    enrollment_close,
    enrollment_open,
    enrollment_referral_create,
    enrollment_transition_check,
)
from seekers.constants import ClosureReason, EnrollmentOrigin, EnrollmentStatus
from seekers.models import Enrollment, JobSeeker
from tests.factories import (
    DemographicsFactory,
    EnrollmentFactory,
    JobSeekerFactory,
    ProgramPrivilegeFactory,
)
from workforce.constants import WIOA_ADULT, PrivilegeLevel
from workforce.models import Office, Program, User

pytestmark = pytest.mark.django_db

# Answers to WIOA Adult's questions (migration 0010).
ADULT_ANSWERS = {
    "service_level": "Career services",
    "priority_group": "Low income",
    "selective_service_checked": "yes",
}


def eligible_adult(**kwargs: object) -> JobSeeker:
    """A 35-year-old woman legally able to work: eligible for WIOA Adult."""
    today = timezone.localdate()
    seeker = JobSeekerFactory(date_of_birth=today.replace(year=today.year - 35), **kwargs)
    DemographicsFactory(seeker=seeker, gender="female", right_to_work="yes")
    return seeker


@pytest.fixture
def adult() -> Program:
    return Program.objects.get(code=WIOA_ADULT)


@pytest.fixture
def seeker(office: Office) -> JobSeeker:
    return eligible_adult(offices=[office])


@pytest.fixture
def enroller(casemanager: User, adult: Program) -> User:
    ProgramPrivilegeFactory(user=casemanager, program=adult, level=PrivilegeLevel.ENROLL)
    return casemanager


def open_adult(seeker: JobSeeker, actor: User, **overrides: object) -> Enrollment:
    arguments = {"answers": ADULT_ANSWERS, "attested": True, **overrides}
    program = Program.objects.get(code=WIOA_ADULT)
    return enrollment_open(seeker=seeker, program=program, actor=actor, **arguments)


def test_it_opens_an_enrollment_with_answers_snapshot_and_attestation(
    seeker: JobSeeker, enroller: User
) -> None:
    enrollment = open_adult(seeker, enroller)
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.OPEN
    assert enrollment.opened_on == timezone.localdate() and enrollment.opened_by == enroller
    assert enrollment.attested_by == enroller and enrollment.attested_at is not None
    assert enrollment.answers == ADULT_ANSWERS
    assert enrollment.created_by == enroller and enrollment.origin == EnrollmentOrigin.STAFF
    snapshot = enrollment.eligibility_snapshot
    assert snapshot["status"] == "eligible" and snapshot["rule"] == "wioa_adult"
    assert snapshot["answers"]["right_to_work"] == "yes" and snapshot["answers"]["age"] == 35
    assert snapshot["determined_on"] == timezone.localdate().isoformat()


def test_it_requires_the_attestation(seeker: JobSeeker, enroller: User) -> None:
    with pytest.raises(ValidationError) as caught:
        open_adult(seeker, enroller, attested=False)
    assert "attest" in caught.value.message_dict
    assert not Enrollment.objects.exists()


def test_it_refuses_without_the_enroll_privilege(seeker: JobSeeker, casemanager: User) -> None:
    with pytest.raises(PermissionDenied):
        open_adult(seeker, casemanager)
    assert not Enrollment.objects.exists()


def test_it_refuses_with_the_view_privilege_only(
    seeker: JobSeeker, casemanager: User, adult: Program
) -> None:
    ProgramPrivilegeFactory(user=casemanager, program=adult, level=PrivilegeLevel.VIEW)
    with pytest.raises(PermissionDenied):
        open_adult(seeker, casemanager)
    assert not Enrollment.objects.exists()


def test_it_refuses_an_administrator_even_with_the_privilege(
    seeker: JobSeeker, admin: User, adult: Program
) -> None:
    ProgramPrivilegeFactory(user=admin, program=adult, level=PrivilegeLevel.ENROLL)
    with pytest.raises(PermissionDenied):
        open_adult(seeker, admin)


def test_it_refuses_a_seeker_who_is_not_eligible_now(enroller: User) -> None:
    seeker = JobSeekerFactory()
    DemographicsFactory(seeker=seeker, gender="female", right_to_work="no")
    with pytest.raises(ValidationError) as caught:
        open_adult(seeker, enroller)
    assert "is not eligible for WIOA Adult" in caught.value.messages[0]
    assert not Enrollment.objects.exists()


def test_it_refuses_while_eligibility_is_undetermined_and_says_what_to_ask(
    enroller: User,
) -> None:
    seeker = JobSeekerFactory()  # no demographics at all
    with pytest.raises(ValidationError) as caught:
        open_adult(seeker, enroller)
    assert "Legally eligible to work in the United States" in caught.value.messages[0]
    assert not Enrollment.objects.exists()


def test_it_refuses_missing_or_invalid_answers_to_the_programs_questions(
    seeker: JobSeeker, enroller: User
) -> None:
    answers = {"service_level": "Something else", "selective_service_checked": "maybe"}
    with pytest.raises(ValidationError) as caught:
        open_adult(seeker, enroller, answers=answers)
    assert set(caught.value.message_dict) == {
        "service_level", "priority_group", "selective_service_checked",
    }  # fmt: skip
    assert not Enrollment.objects.exists()


def test_it_completes_a_pending_enrollment_instead_of_creating_a_second(
    seeker: JobSeeker, enroller: User, supervisor: User, adult: Program
) -> None:
    pending = EnrollmentFactory(seeker=seeker, program=adult, created_by=supervisor,
                                origin=EnrollmentOrigin.WIOA_REFERRAL)  # fmt: skip
    enrollment = open_adult(seeker, enroller)
    assert enrollment.pk == pending.pk
    assert Enrollment.objects.get().status == EnrollmentStatus.OPEN
    assert Enrollment.objects.get().created_by == supervisor


def test_a_second_enroll_changes_nothing_and_names_the_open_one(
    seeker: JobSeeker, enroller: User
) -> None:
    first = open_adult(seeker, enroller)
    with pytest.raises(EnrollmentAlreadyOpen) as caught:
        open_adult(
            seeker, enroller, answers={**ADULT_ANSWERS, "service_level": "Training services"}
        )
    assert caught.value.enrollment == first
    assert Enrollment.objects.get().answers == ADULT_ANSWERS


def blind_first_look() -> object:
    """The first look for an active enrollment sees none, as when a twin commits just after."""
    real = services._active_enrollment
    looks = []

    def look(**kwargs: object) -> Enrollment | None:
        looks.append(kwargs)
        return None if len(looks) == 1 else real(**kwargs)

    return mock.patch.object(services, "_active_enrollment", side_effect=look)


def test_a_concurrent_twin_is_reported_clearly_and_one_enrollment_stays(
    seeker: JobSeeker, enroller: User, adult: Program
) -> None:
    """The other request inserted between our check and our insert: the constraint holds."""
    twin = EnrollmentFactory(
        seeker=seeker, program=adult, status=EnrollmentStatus.OPEN, opened_on=timezone.localdate(),
        attested_at=timezone.now(), created_by=enroller,
    )  # fmt: skip
    with blind_first_look(), pytest.raises(EnrollmentAlreadyOpen) as caught:
        open_adult(seeker, enroller)
    assert caught.value.enrollment == twin
    assert Enrollment.objects.count() == 1


def test_a_concurrent_pending_twin_is_reported_clearly(
    seeker: JobSeeker, enroller: User, adult: Program
) -> None:
    EnrollmentFactory(seeker=seeker, program=adult, created_by=enroller)
    with blind_first_look(), pytest.raises(ValidationError, match="saved at the same moment"):
        open_adult(seeker, enroller)
    assert Enrollment.objects.count() == 1


ALLOWED = [("pending", "open"), ("pending", "closed"), ("open", "closed")]
REFUSED = [("open", "pending"), ("closed", "open"), ("closed", "pending"), ("closed", "closed"),
           ("open", "open"), ("pending", "pending")]  # fmt: skip


@pytest.mark.parametrize(("current", "new"), ALLOWED)
def test_it_allows_the_three_transitions(current: str, new: str) -> None:
    enrollment_transition_check(current=current, new=new)


@pytest.mark.parametrize(("current", "new"), REFUSED)
def test_it_refuses_every_other_transition(current: str, new: str) -> None:
    with pytest.raises(ValidationError, match="cannot become"):
        enrollment_transition_check(current=current, new=new)


def close(enrollment: Enrollment, actor: User, **overrides: object) -> Enrollment:
    arguments = {"closed_on": timezone.localdate(), "reason": ClosureReason.EMPLOYED,
                 "note": "", **overrides}  # fmt: skip
    return enrollment_close(enrollment=enrollment, actor=actor, **arguments)


def test_it_closes_an_open_enrollment_with_date_and_reason(
    seeker: JobSeeker, enroller: User
) -> None:
    enrollment = close(open_adult(seeker, enroller), enroller)
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.CLOSED
    assert enrollment.closed_on == timezone.localdate() and enrollment.closed_by == enroller
    assert enrollment.closure_reason == ClosureReason.EMPLOYED


def test_it_withdraws_a_pending_enrollment(
    seeker: JobSeeker, enroller: User, adult: Program
) -> None:
    pending = EnrollmentFactory(seeker=seeker, program=adult)
    close(pending, enroller, reason=ClosureReason.DECLINED)
    pending.refresh_from_db()
    assert pending.status == EnrollmentStatus.CLOSED and pending.opened_on is None


def test_it_refuses_to_close_a_closed_enrollment(seeker: JobSeeker, enroller: User) -> None:
    enrollment = close(open_adult(seeker, enroller), enroller)
    with pytest.raises(ValidationError, match="closed enrollment cannot become closed"):
        close(enrollment, enroller, reason=ClosureReason.MOVED)
    enrollment.refresh_from_db()
    assert enrollment.closure_reason == ClosureReason.EMPLOYED


def test_it_refuses_to_reopen_a_closed_enrollment(seeker: JobSeeker, enroller: User) -> None:
    close(open_adult(seeker, enroller), enroller)
    # A closed one is not active, so enrolling again opens a new enrollment, never reopens.
    again = open_adult(seeker, enroller)
    assert Enrollment.objects.filter(status=EnrollmentStatus.CLOSED).count() == 1
    assert again.status == EnrollmentStatus.OPEN


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"closed_on": timezone.localdate() + datetime.timedelta(days=1)}, "closed_on"),
        ({"closed_on": timezone.localdate() - datetime.timedelta(days=1)}, "closed_on"),
        ({"reason": "bored"}, "reason"),
        ({"reason": ClosureReason.OTHER, "note": "  "}, "note"),
    ],
    ids=["future", "before-opening", "unknown-reason", "other-without-note"],
)
def test_it_refuses_a_bad_closure_with_nothing_written(
    seeker: JobSeeker, enroller: User, overrides: dict, field: str
) -> None:
    enrollment = open_adult(seeker, enroller)
    with pytest.raises(ValidationError) as caught:
        close(enrollment, enroller, **overrides)
    assert field in caught.value.message_dict
    enrollment.refresh_from_db()
    assert enrollment.status == EnrollmentStatus.OPEN


def test_other_with_a_note_closes(seeker: JobSeeker, enroller: User) -> None:
    enrollment = close(open_adult(seeker, enroller), enroller, reason=ClosureReason.OTHER,
                       note="Joined the military.")  # fmt: skip
    assert enrollment.closure_note == "Joined the military."


def test_it_refuses_to_close_without_the_privilege(
    seeker: JobSeeker, enroller: User, dvop: User
) -> None:
    enrollment = open_adult(seeker, enroller)
    with pytest.raises(PermissionDenied):
        close(enrollment, dvop)


def test_it_edits_the_answers_of_a_closed_enrollment(seeker: JobSeeker, enroller: User) -> None:
    enrollment = close(open_adult(seeker, enroller), enroller)
    changed = {**ADULT_ANSWERS, "service_level": "Training services"}
    enrollment_answers_update(enrollment=enrollment, answers=changed, actor=enroller)
    enrollment.refresh_from_db()
    assert enrollment.answers["service_level"] == "Training services"
    assert enrollment.status == EnrollmentStatus.CLOSED


def test_it_refuses_to_edit_answers_with_the_view_privilege(
    seeker: JobSeeker, enroller: User, dvop: User, adult: Program
) -> None:
    enrollment = open_adult(seeker, enroller)
    ProgramPrivilegeFactory(user=dvop, program=adult, level=PrivilegeLevel.VIEW)
    with pytest.raises(PermissionDenied):
        enrollment_answers_update(enrollment=enrollment, answers=ADULT_ANSWERS, actor=dvop)


def test_the_referral_creates_a_pending_adult_enrollment_when_eligible(
    seeker: JobSeeker, casemanager: User
) -> None:
    enrollment = enrollment_referral_create(seeker=seeker, actor=casemanager)
    assert enrollment.status == EnrollmentStatus.PENDING
    assert enrollment.origin == EnrollmentOrigin.WIOA_REFERRAL
    assert enrollment.created_by == casemanager and enrollment.program.code == WIOA_ADULT
    assert enrollment.eligibility_snapshot["status"] == "eligible"


def test_the_referral_creates_nothing_for_an_undetermined_seeker(casemanager: User) -> None:
    assert enrollment_referral_create(seeker=JobSeekerFactory(), actor=casemanager) is None
    assert not Enrollment.objects.exists()


def test_the_referral_creates_nothing_when_an_adult_enrollment_is_open(
    seeker: JobSeeker, enroller: User
) -> None:
    open_adult(seeker, enroller)
    assert enrollment_referral_create(seeker=seeker, actor=enroller) is None
    assert Enrollment.objects.count() == 1


def test_the_referral_creates_nothing_when_the_program_is_inactive(
    seeker: JobSeeker, casemanager: User, adult: Program
) -> None:
    adult.is_active = False
    adult.save(update_fields=["is_active"])
    assert enrollment_referral_create(seeker=seeker, actor=casemanager) is None

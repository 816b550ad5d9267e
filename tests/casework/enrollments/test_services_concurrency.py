"""Two Enroll clicks at the same moment, on two database connections: one enrollment."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from casework.enrollments.services import EnrollmentAlreadyOpen
from seekers.constants import EnrollmentStatus
from seekers.models import Enrollment
from tests.casework.enrollments.test_services import eligible_adult, open_adult
from tests.factories import EnrollmentFactory, ProgramPrivilegeFactory
from workforce.constants import WIOA_ADULT
from workforce.models import Program, User


def enroll_twice_at_once(seeker: object, actor: User) -> list[object]:
    barrier = threading.Barrier(2)
    outcomes: list[object] = []

    def click() -> None:
        try:
            barrier.wait()
            outcomes.append(open_adult(seeker, actor))
        except EnrollmentAlreadyOpen as exc:
            outcomes.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("pending_first", [False, True], ids=["new", "completing-pending"])
def test_it_creates_one_enrollment_for_two_simultaneous_submits(
    casemanager: User, pending_first: bool
) -> None:
    adult = Program.objects.get(code=WIOA_ADULT)
    ProgramPrivilegeFactory(user=casemanager, program=adult)
    seeker = eligible_adult()
    if pending_first:
        EnrollmentFactory(seeker=seeker, program=adult, created_by=casemanager)
    outcomes = enroll_twice_at_once(seeker, casemanager)
    assert len(outcomes) == 2
    assert sum(isinstance(o, Enrollment) for o in outcomes) == 1
    assert sum(isinstance(o, EnrollmentAlreadyOpen) for o in outcomes) == 1
    assert Enrollment.objects.get().status == EnrollmentStatus.OPEN

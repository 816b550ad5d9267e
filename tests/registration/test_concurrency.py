"""Twenty registrations at once: the database's unique constraints decide (DESIGN.md, principle 5).

Each thread completes its own call on its own connection, all released together by a
barrier, so the inserts really race in PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pytest

from registration import services
from registration.constants import CallOutcome
from registration.models import RegistrationCall, SeekerAccount
from seekers.models import JobSeeker
from tests.conftest import race
from tests.factories import UserFactory
from tests.registration.calls import ready_call
from workforce.models import Office, User

pytestmark = pytest.mark.django_db(transaction=True)
RACERS = 20


def racers(office: Office, make_call: Callable[[int, User], RegistrationCall],
           count: int = RACERS) -> tuple:  # fmt: skip
    staff = [UserFactory(current_office=office, offices=[office]) for _ in range(count)]
    return [make_call(i, user) for i, user in enumerate(staff)], staff


def test_twenty_submissions_of_one_username_create_one_account(office: Office) -> None:
    calls, staff = racers(office, lambda i, user: ready_call(
        staff=user, username="SameName", ssn=f"23145{i:04d}"))  # fmt: skip
    results = race(
        [
            partial(services.registration_complete, call=c, actor=a)
            for c, a in zip(calls, staff, strict=True)
        ]
    )
    created = [r for r in results if isinstance(r, JobSeeker)]
    clashes = [r for r in results if isinstance(r, services.RegistrationClash)]
    assert len(created) == 1 and len(clashes) == RACERS - 1
    assert all(c.step == "credentials" and "username" in c.message for c in clashes)
    assert SeekerAccount.objects.count() == JobSeeker.objects.count() == 1
    waiting = RegistrationCall.objects.filter(outcome=CallOutcome.IN_PROGRESS)
    assert waiting.count() == RACERS - 1
    assert all(call.draft_password_hash == "" for call in waiting)  # sent back to credentials


def test_twenty_submissions_of_one_ssn_create_one_account(office: Office) -> None:
    calls, staff = racers(office, lambda i, user: ready_call(
        staff=user, username=f"caller{i:02d}", ssn="231456789"))  # fmt: skip
    results = race(
        [
            partial(services.registration_complete, call=c, actor=a)
            for c, a in zip(calls, staff, strict=True)
        ]
    )
    created = [r for r in results if isinstance(r, JobSeeker)]
    clashes = [r for r in results if isinstance(r, services.RegistrationClash)]
    assert len(created) == 1 and len(clashes) == RACERS - 1
    assert all(c.step == "existing" and "account with this SSN" in c.message for c in clashes)
    assert JobSeeker.objects.count() == SeekerAccount.objects.count() == 1
    assert not RegistrationCall.objects.filter(
        outcome=CallOutcome.IN_PROGRESS, no_match_confirmed_at__isnull=False
    ).exists()  # every other call must search again


def test_twenty_generated_numbers_drawn_alike_still_make_twenty_accounts(office: Office) -> None:
    # The worst case of drawing at the SSN step: every call holds the same generated number.
    calls, staff = racers(office, lambda i, user: ready_call(
        staff=user, username=f"caller{i:02d}", ssn="912345678", generated=True))  # fmt: skip
    results = race(
        [
            partial(services.registration_complete, call=c, actor=a)
            for c, a in zip(calls, staff, strict=True)
        ]
    )
    assert all(isinstance(r, JobSeeker) for r in results), results
    ssns = {seeker.ssn for seeker in JobSeeker.objects.all()}
    assert len(ssns) == RACERS and all(s.startswith("9") and len(s) == 9 for s in ssns)
    assert JobSeeker.objects.filter(ssn_is_pseudo=True).count() == RACERS


def test_a_chosen_number_taken_meanwhile_sends_staff_back_to_the_ssn_step(
    office: Office,
) -> None:
    calls, staff = racers(office, lambda i, user: ready_call(
        staff=user, username=f"caller{i:02d}", ssn="999123456"), count=2)  # fmt: skip
    results = race(
        [
            partial(services.registration_complete, call=c, actor=a)
            for c, a in zip(calls, staff, strict=True)
        ]
    )
    clash = next(r for r in results if isinstance(r, services.RegistrationClash))
    assert clash.step == "ssn" and JobSeeker.objects.count() == 1

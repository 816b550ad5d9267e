"""The SSN step: a real SSN must be valid and unused; a 9-number is chosen or generated unused."""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from registration import ssn_choice
from registration.constants import CallOutcome
from registration.models import RegistrationCall
from registration.ssn_choice import (
    pseudo_ssn_clean,
    pseudo_ssn_generate,
    real_ssn_clean,
    ssn_in_use,
)
from seekers.models import ssn_blind_index
from tests.factories import JobSeekerFactory
from workforce.models import Office, User

db = pytest.mark.django_db


def refused(clean: Callable[[str], str], value: str) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        clean(value)
    return raised.value


def draws(*suffixes: int) -> Iterator[int]:
    """Stand-in for secrets.randbelow: the eight digits after the 9, in the order given."""
    return iter(suffixes)


def draft_call(user: User, office: Office, ssn: str, **fields: object) -> RegistrationCall:
    return RegistrationCall.objects.create(
        staff=user, office=office, draft_ssn_index=ssn_blind_index(ssn), **fields
    )


@db
def test_it_accepts_an_unused_valid_ssn_as_its_digits() -> None:
    JobSeekerFactory(ssn="231-45-6789")
    assert real_ssn_clean("231-45-6788") == "231456788"
    assert real_ssn_clean(" 231 45 6780 ") == "231456780"


@db
@pytest.mark.parametrize("typed", ["231-45-6789", "231456789", "231.45.6789"])
def test_it_refuses_an_ssn_in_use_without_revealing_it(typed: str) -> None:
    JobSeekerFactory(ssn="231-45-6789", first_name="Margaret", last_name="Larsen")
    error = refused(real_ssn_clean, typed)
    assert error.code == "ssn_in_use"
    [message] = error.messages
    assert "already exists" in message and "existing-account search" in message
    assert not any(char.isdigit() for char in message)
    assert "Margaret" not in message and "Larsen" not in message


@db
@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("000-12-3456", "ssn_area"),
        ("666-12-3456", "ssn_area"),
        ("912-34-5678", "ssn_area"),
        ("999-99-9999", "ssn_area"),
        ("123-00-4567", "ssn_group"),
        ("123-45-0000", "ssn_serial"),
        ("12345678", "ssn_format"),
        ("abc-de-fghi", "ssn_format"),
        ("", "ssn_format"),
    ],
)
def test_it_refuses_an_ssn_the_ssa_never_issues(typed: str, code: str) -> None:
    assert refused(real_ssn_clean, typed).code == code


@db
def test_it_accepts_an_unused_number_beginning_with_9_the_caller_insists_on() -> None:
    JobSeekerFactory(ssn="999-12-3456")
    assert pseudo_ssn_clean("999-12-3457") == "999123457"


@db
@pytest.mark.parametrize("typed", ["231-45-6789", "899-99-9999", "099-12-3456"])
def test_it_refuses_a_pseudo_number_not_beginning_with_9(typed: str) -> None:
    error = refused(pseudo_ssn_clean, typed)
    assert error.code == "pseudo_ssn_not_9"
    assert error.messages == ["A number given instead of an SSN must begin with 9."]


@db
@pytest.mark.parametrize("typed", ["", "9", "99-12-345", "9991234567", "999-12-345x"])
def test_it_asks_for_nine_digits_beginning_with_9(typed: str) -> None:
    error = refused(pseudo_ssn_clean, typed)
    assert error.code == "ssn_format"
    assert "nine digits beginning with 9" in error.messages[0]


@db
def test_it_refuses_a_pseudo_number_already_taken_and_offers_a_way_out() -> None:
    JobSeekerFactory(ssn="999-12-3456")
    error = refused(pseudo_ssn_clean, "999123456")
    assert error.code == "ssn_in_use"
    assert "let the system make one up" in error.messages[0]


@db
def test_it_generates_unused_nine_digit_numbers_beginning_with_9() -> None:
    generated = {pseudo_ssn_generate() for _ in range(20)}
    for number in generated:
        assert len(number) == 9 and number.isdigit() and number.startswith("9")
        assert not ssn_in_use(number)


@db
def test_it_draws_again_when_the_first_generated_number_is_in_use() -> None:
    JobSeekerFactory(ssn="912-34-5678")
    with mock.patch.object(secrets, "randbelow", side_effect=draws(12345678, 87654321)) as rand:
        assert pseudo_ssn_generate() == "987654321"
    assert rand.call_count == 2
    rand.assert_called_with(10**8)


@db
def test_it_gives_up_with_an_error_instead_of_looping_forever(
    casemanager: User, office: Office
) -> None:
    draft_call(casemanager, office, "900-00-0007")
    with (
        mock.patch.object(secrets, "randbelow", return_value=7) as rand,
        pytest.raises(RuntimeError, match="3 attempts"),
    ):
        pseudo_ssn_generate(attempts=3)
    assert rand.call_count == 3


@given(st.lists(st.integers(0, 10**8 - 1), min_size=1, max_size=20, unique=True))
def test_it_returns_the_first_generated_number_not_in_use(suffixes: list[int]) -> None:
    candidates = [f"9{suffix:08d}" for suffix in suffixes]
    taken = set(candidates[:-1])
    with (
        mock.patch.object(secrets, "randbelow", side_effect=draws(*suffixes)),
        mock.patch.object(ssn_choice, "ssn_in_use", side_effect=lambda n, call: n in taken),
    ):
        assert pseudo_ssn_generate(attempts=len(suffixes)) == candidates[-1]


@db
def test_it_counts_the_draft_ssn_of_a_call_in_progress_as_in_use(
    casemanager: User, office: Office
) -> None:
    draft_call(casemanager, office, "231-45-6789")
    assert ssn_in_use("231456789")
    assert refused(real_ssn_clean, "231-45-6789").code == "ssn_in_use"


@db
@pytest.mark.parametrize(
    "outcome", [CallOutcome.CREATED, CallOutcome.ABANDONED, CallOutcome.DECLINED_C]
)
def test_it_ignores_the_draft_ssn_of_a_finished_call(
    casemanager: User, office: Office, outcome: CallOutcome
) -> None:
    draft_call(casemanager, office, "231-45-6789", outcome=outcome)
    assert not ssn_in_use("231-45-6789")
    assert real_ssn_clean("231-45-6789") == "231456789"


@db
def test_it_does_not_count_a_calls_own_draft_against_it(casemanager: User, office: Office) -> None:
    call = draft_call(casemanager, office, "999-12-3456")
    other = draft_call(casemanager, office, "231-45-6789")
    assert pseudo_ssn_clean("999123456", call=call) == "999123456"
    assert refused(lambda value: real_ssn_clean(value, call=call), "231-45-6789").code == (
        "ssn_in_use"
    )
    assert real_ssn_clean("231-45-6789", call=other) == "231456789"


@db
def test_it_finds_the_ssn_of_a_seeker_whoever_can_see_them() -> None:
    JobSeekerFactory(ssn="231-45-6789", opted_out=True)
    assert ssn_in_use("231-45-6789")
    assert not ssn_in_use("231-45-6780")

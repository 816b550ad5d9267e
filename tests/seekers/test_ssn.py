"""SSN validity as the Social Security Administration issues numbers (law, so tested first)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from seekers import ssn

nine_digits = st.integers(min_value=0, max_value=999_999_999).map(lambda n: f"{n:09d}")


@pytest.mark.parametrize("typed", ["231-45-6789", "231456789", "231 45 6789", " 231.45.6789 "])
def test_it_accepts_the_usual_ways_of_typing_an_ssn(typed: str) -> None:
    assert ssn.validate_real(typed) == "231456789"


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("000-12-3456", "ssn_area"),
        ("666-12-3456", "ssn_area"),
        ("900-12-3456", "ssn_area"),
        ("999-99-9999", "ssn_area"),
        ("123-00-4567", "ssn_group"),
        ("123-45-0000", "ssn_serial"),
        ("12-345-678", "ssn_format"),
        ("2314567890", "ssn_format"),
        ("12345678a", "ssn_format"),
        ("", "ssn_format"),
    ],
)
def test_it_refuses_numbers_the_ssa_never_issues(typed: str, code: str) -> None:
    with pytest.raises(ValidationError) as raised:
        ssn.validate_real(typed)
    assert raised.value.code == code


@given(nine_digits)
def test_validity_matches_the_ssa_rules_for_every_nine_digit_number(digits: str) -> None:
    area, group, serial = int(digits[:3]), int(digits[3:5]), int(digits[5:])
    issuable = area not in (0, 666) and area < 900 and group != 0 and serial != 0
    try:
        ssn.validate_real(digits)
    except ValidationError:
        assert not issuable
    else:
        assert issuable


@given(nine_digits)
def test_a_pseudo_ssn_is_exactly_a_number_beginning_with_9(digits: str) -> None:
    assert ssn.is_pseudo(digits) == digits.startswith("9")


@given(nine_digits)
def test_formatting_round_trips(digits: str) -> None:
    assert ssn.normalize(ssn.format_ssn(digits)) == digits

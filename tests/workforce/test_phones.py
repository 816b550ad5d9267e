import pytest
from django.core.exceptions import ValidationError

from workforce.phones import us_phone_clean


@pytest.mark.parametrize(
    ("typed", "digits"),
    [("612-555-0100", "6125550100"), ("(612) 555-0100", "6125550100"),
     ("+1 612 555 0100", "6125550100"), (" 612.555.0100 ", "6125550100")],
)  # fmt: skip
def test_it_keeps_the_ten_digits_of_a_valid_number(typed: str, digits: str) -> None:
    assert us_phone_clean(typed) == digits


@pytest.mark.parametrize("typed", ["555-0100", "123-456-7890", "phone", "", "612-555-01000"])
def test_it_refuses_what_is_not_a_us_number_with_the_example(typed: str) -> None:
    with pytest.raises(ValidationError, match="for example 360-555-0100"):
        us_phone_clean(typed, example="360-555-0100")

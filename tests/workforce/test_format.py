"""Phone numbers display the way staff read them aloud."""

import pytest

from workforce.templatetags.workforce_format import phone


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("6125550100", "(612) 555-0100"),
        ("16125550100", "(612) 555-0100"),
        ("", ""),
        ("12345", "12345"),
    ],
)
def test_it_formats_ten_digit_numbers(stored: str, shown: str) -> None:
    assert phone(stored) == shown

"""Social Security Number rules, as the Social Security Administration issues them.

A real SSN has nine digits; its area (first three) is never 000, 666 or 900-999,
its group (middle two) never 00 and its serial (last four) never 0000. Numbers
beginning with 9 are never issued, which is why seed 000 asks a caller who will
not give an SSN for "a unique nine-digit number beginning with the number 9":
such a number is a pseudo-SSN.
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

_NON_DIGITS = re.compile(r"[\s\-.]")
_NINE_DIGITS = re.compile(r"^\d{9}$")


def normalize(value: str) -> str:
    """The nine digits of an SSN typed with or without dashes, dots or spaces.

    Raises ValidationError when what is left is not nine digits.
    """
    digits = _NON_DIGITS.sub("", value or "")
    if not _NINE_DIGITS.match(digits):
        raise ValidationError("Enter nine digits, for example 123-45-6789.", code="ssn_format")
    return digits


def is_pseudo(digits: str) -> bool:
    return digits.startswith("9")


def validate_real(value: str) -> str:
    """Return the digits of a number the SSA could have issued, or raise ValidationError."""
    digits = normalize(value)
    area, group, serial = digits[:3], digits[3:5], digits[5:]
    if area == "000" or area == "666" or area >= "900":
        raise ValidationError(
            "This is not a valid SSN: it cannot begin with 000, 666 or 9.", code="ssn_area"
        )
    if group == "00":
        raise ValidationError(
            "This is not a valid SSN: the middle two digits cannot be 00.", code="ssn_group"
        )
    if serial == "0000":
        raise ValidationError(
            "This is not a valid SSN: the last four digits cannot be 0000.", code="ssn_serial"
        )
    return digits


def format_ssn(digits: str) -> str:
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"

"""US phone numbers as staff type them: validated with the `phonenumbers` library."""

from __future__ import annotations

import phonenumbers
from django.core.exceptions import ValidationError


def us_phone_clean(typed: str, *, example: str = "612-555-0100") -> str:
    """The ten digits of a valid US phone number, or ValidationError naming the rule."""
    try:
        number = phonenumbers.parse(typed.strip(), "US")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(f"Enter a ten-digit US phone number, for example {example}.")
    return str(number.national_number)

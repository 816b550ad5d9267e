"""Display formats staff read aloud: phone numbers as (612) 555-0100."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def phone(value: str | None) -> str:
    """A ten-digit US number as (612) 555-0100; anything else unchanged."""
    digits = "".join(ch for ch in (value or "") if ch.isdigit())
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return value or ""
    return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"

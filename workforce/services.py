"""Writes of the core."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from workforce.constants import DEFAULT_PROGRAM_RULES, DEFAULT_PROGRAMS
from workforce.models import Office, Program, User


def programs_ensure_defaults() -> None:
    """Create any default program that is missing (the migration's data, for fresh demo data)."""
    for order, (code, name) in enumerate(DEFAULT_PROGRAMS):
        Program.objects.get_or_create(
            code=code,
            defaults={"name": name, "eligibility_rule": DEFAULT_PROGRAM_RULES[code],
                      "display_order": (order + 1) * 10},
        )  # fmt: skip


@transaction.atomic
def current_office_set(*, user: User, office_id: int) -> Office:
    """Switch the office a staff member works in; only one of their own offices."""
    office = user.offices.filter(pk=office_id, is_active=True).first()
    if office is None:
        raise ValidationError("You do not work in that office.", code="not_your_office")
    user.current_office = office
    user.save(update_fields=["current_office"])
    return office

"""The columns a registration's typed values end up in, checked where the value is typed.

A value a step accepts must fit when "Create the account" writes it (issue 12): the
contact step checks each value against its column (JobSeeker, OtherName), and names
against their search keys too, which PostgreSQL computes from them (wf_name_key,
seekers migration 0003) into columns of their own. A key can be longer than the name:
"ß" is spelled out as "ss", "Æ" as "ae".
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection, models

from seekers.models import JobSeeker, OtherName


def max_length(model: type[models.Model], field: str) -> int:
    """The column's own limit, so a form and its model never disagree."""
    return model._meta.get_field(field).max_length


# first_key, middle_key, last_key of JobSeeker and OtherName, and NameTerm.term, share it.
NAME_KEY_MAX_LENGTH = JobSeeker._meta.get_field("first_key").output_field.max_length
OTHER_NAME_MAX_LENGTH = min(max_length(OtherName, "first_name"), max_length(OtherName, "last_name"))


def name_keys(values: list[str]) -> list[str]:
    """The database's own wf_name_key of each value (the function the key columns use)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT wf_name_key(t) FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n",
            [values],
        )
        return [row[0] or "" for row in cursor.fetchall()]


def validate_name_key(value: str) -> None:
    """Raise if the search key of this name would not fit its column."""
    if value and len(name_keys([value])[0]) > NAME_KEY_MAX_LENGTH:
        raise ValidationError(
            f"This name is too long once its special letters are spelled out for search "
            f"(ß counts as ss, Æ as ae): it can have at most {NAME_KEY_MAX_LENGTH} letters "
            "that way.",
            code="name_key_too_long",
        )


def validate_other_name(part: str, *, first: str, last: str) -> None:
    """Raise if one other name (first names and last name) would not fit OtherName."""
    shown = part if len(part) <= 30 else f"{part[:30]}…"
    if len(first) > OTHER_NAME_MAX_LENGTH or len(last) > OTHER_NAME_MAX_LENGTH:
        raise ValidationError(
            f"“{shown}”: an other name can have at most {OTHER_NAME_MAX_LENGTH} characters "
            "in its first names and as many in its last name.",
            code="other_name_too_long",
        )
    if any(len(key) > NAME_KEY_MAX_LENGTH for key in name_keys([first, last])):
        raise ValidationError(
            f"“{shown}”: this name is too long once its special letters are spelled out for "
            f"search (ß counts as ss): at most {NAME_KEY_MAX_LENGTH} letters that way.",
            code="other_name_key_too_long",
        )

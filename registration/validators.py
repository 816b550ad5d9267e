"""The rules of seed 000, step 7, for the username, password and secret question and answer.

Staff read these rules to the caller over the phone, so every message says which
rule was broken in plain words, and each has a code that forms and tests can check.
The seed's rules: "at least 6 characters and cannot include a space or greater than
or less than (> or <)"; username and password "cannot be the same"; "the password is
the only field where capital letters matter". The password rules live in one policy
object (`workforce.passwords.seeker_password_policy()`), which the credentials step also
reads aloud, so a state that switches seekers to the stronger policy changes both at once.
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError

from registration.models import SeekerAccount
from workforce.passwords import seeker_password_policy

MIN_LENGTH = 6
# SeekerAccount.username is a varchar(150); a longer one must be refused here, not by the database.
USERNAME_MAX_LENGTH = 150
SECRET_QUESTION_MIN_LENGTH = 5
SECRET_QUESTION_MAX_LENGTH = 200
SECRET_ANSWER_MAX_LENGTH = 200

# Offered as a list; the caller may also make up their own (validate_secret_question).
SECRET_QUESTIONS: tuple[str, ...] = (
    "What was the name of your first pet?",
    "What city were you born in?",
    "What was the name of your elementary school?",
    "What is your mother's maiden name?",
    "What was the make of your first car?",
    "What was the name of the street you grew up on?",
    "What is the first name of your oldest cousin?",
)

_WHITESPACE_RUN = re.compile(r"\s+")


def _has_whitespace(value: str) -> bool:
    return any(char.isspace() for char in value)


def _has_angle_bracket(value: str) -> bool:
    return "<" in value or ">" in value


def _has_invisible(value: str) -> bool:
    """True for control, format and unassigned characters (NUL, zero-width space, ...).

    They cannot be read out over the phone nor typed again at a Resource Area computer,
    and some (NUL, lone surrogates) cannot even be stored: PostgreSQL would refuse them
    with an error page instead of a message beside the field.
    """
    return any(unicodedata.category(char).startswith("C") and not char.isspace() for char in value)


def _shape_errors(value: str, *, field: str) -> list[ValidationError]:
    """The rules the username and password share: length, spaces, < and >, invisible characters."""
    errors = []
    if len(value) < MIN_LENGTH:
        errors.append(
            ValidationError(
                f"The {field} must be at least {MIN_LENGTH} characters long.",
                code=f"{field}_too_short",
            )
        )
    if _has_whitespace(value):
        errors.append(
            ValidationError(f"The {field} cannot contain spaces.", code=f"{field}_has_space")
        )
    if _has_angle_bracket(value):
        errors.append(
            ValidationError(
                f"The {field} cannot contain the characters < or >.",
                code=f"{field}_has_angle_bracket",
            )
        )
    if _has_invisible(value):
        errors.append(
            ValidationError(
                f"The {field} can only use letters, numbers and symbols you can see.",
                code=f"{field}_has_invisible",
            )
        )
    return errors


def validate_username(value: str) -> str:
    """Return the username unchanged if it follows the seed's rules, or raise every broken rule.

    It is not lower-cased: the caller keeps the capitals they chose, and uniqueness is
    checked ignoring case (username_taken, and the database constraint on Lower(username)).
    """
    errors = _shape_errors(value, field="username")
    if len(value) > USERNAME_MAX_LENGTH:
        errors.append(
            ValidationError(
                f"The username cannot be longer than {USERNAME_MAX_LENGTH} characters.",
                code="username_too_long",
            )
        )
    if errors:
        raise ValidationError(errors)
    return value


def username_taken(value: str) -> bool:
    """True if a seeker account already has this username, whatever its capitals.

    Call it after validate_username. It gives staff an early, friendly message; two
    calls choosing the same name at the same moment can both pass it, so the real
    guard is the unique constraint on Lower(username), which the creating service
    turns into the same message.
    """
    return SeekerAccount.objects.filter(username__iexact=value).exists()


def validate_password(password: str, *, username: str) -> None:
    """Raise one ValidationError listing every rule the password breaks, so staff can
    read them all to the caller at once instead of one per attempt.

    The rules are the seeker password policy's (`workforce.passwords`): seed 000's by
    default, the one the credentials script reads aloud.
    """
    seeker_password_policy().validate(password, username=username)


def _collapse_spaces(text: str) -> str:
    return _WHITESPACE_RUN.sub(" ", text).strip()


def normalize_secret_answer(answer: str) -> str:
    """The form of a secret answer that is hashed and compared.

    Surrounding spaces, doubled inner spaces and capitals never make an answer wrong:
    staff type it on the phone today, the seeker types it themselves later. Unicode is
    brought to one form (NFKC) too, so an accented letter typed on another keyboard
    still matches.
    """
    text = _collapse_spaces(unicodedata.normalize("NFKC", answer))
    return unicodedata.normalize("NFKC", text.casefold())


def validate_secret_answer(answer: str) -> str:
    """Return the normalised answer, or raise if nothing is left of it or it is too long."""
    if len(_collapse_spaces(answer)) > SECRET_ANSWER_MAX_LENGTH:
        raise ValidationError(
            f"The secret answer cannot be longer than {SECRET_ANSWER_MAX_LENGTH} characters.",
            code="secret_answer_too_long",
        )
    normalized = normalize_secret_answer(answer)
    if not normalized:
        raise ValidationError("Enter a secret answer.", code="secret_answer_empty")
    if _has_invisible(normalized):
        raise ValidationError(
            "The secret answer can only use letters, numbers and symbols you can see.",
            code="secret_answer_has_invisible",
        )
    return normalized


def validate_secret_question(text: str) -> str:
    """Return the question with its spaces tidied, one of SECRET_QUESTIONS or the caller's own.

    A custom question is shown back to the seeker when they forget their password, so
    it keeps the seed's rule on < and > and must be long enough to be a question.
    """
    question = _collapse_spaces(text)
    errors = []
    if len(question) < SECRET_QUESTION_MIN_LENGTH:
        errors.append(
            ValidationError(
                f"The secret question must be at least {SECRET_QUESTION_MIN_LENGTH} "
                "characters long.",
                code="secret_question_too_short",
            )
        )
    if len(question) > SECRET_QUESTION_MAX_LENGTH:
        errors.append(
            ValidationError(
                f"The secret question cannot be longer than {SECRET_QUESTION_MAX_LENGTH} "
                "characters.",
                code="secret_question_too_long",
            )
        )
    if _has_angle_bracket(question):
        errors.append(
            ValidationError(
                "The secret question cannot contain the characters < or >.",
                code="secret_question_has_angle_bracket",
            )
        )
    if _has_invisible(question):
        errors.append(
            ValidationError(
                "The secret question can only use letters, numbers and symbols you can see.",
                code="secret_question_has_invisible",
            )
        )
    if errors:
        raise ValidationError(errors)
    return question

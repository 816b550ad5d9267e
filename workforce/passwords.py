"""Password policies: one object per population, used both to check a password and to say the rules.

Staff and job seekers have separate policies. Staff passwords follow `STAFF_PASSWORD_POLICY`
through `AUTH_PASSWORD_VALIDATORS` (every form that sets a staff password: the change-password
page, the Django admin, `createsuperuser`). Seeker passwords never go through
`AUTH_PASSWORD_VALIDATORS`: the registration wizard checks them with `seeker_password_policy()`,
and the credentials step reads that same policy's rules to the caller, so what staff say and
what the form enforces cannot drift apart.

Sources (docs/security.md, "Password policies"):
- seed 000, step 7: "the total length must be at least 6 characters and cannot include a space
  or greater than or less than (> or <)"; username and password "cannot be the same".
- NIST SP 800-63B-4, section 3.1.1.2 (Password verifiers): at least 15 characters for a
  password used alone, at least 8 with multi-factor; at least 64 allowed; no composition
  rules; no periodic change; a blocklist of breached, common, expected and context-specific
  values (the service name, the username).
"""

from __future__ import annotations

import gzip
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ImproperlyConfigured, ValidationError

# NIST SP 800-63B-4 3.1.1.2: "context-specific words, such as the name of the service".
SERVICE_WORDS = frozenset(
    {"workforce", "minnesotaworks", "workforcecenter", "jobcenter", "jobseeker", "password"}
)


@cache
def blocklist() -> frozenset[str]:
    """Refused passwords, lower-cased: Django's list of 20,000 common passwords (taken from
    breach corpora), plus `PASSWORD_BLOCKLIST_FILE` if a state sets one (one password a
    line, plain or .gz; read from disk, never from the network)."""
    words = set(CommonPasswordValidator().passwords)
    extra = settings.PASSWORD_BLOCKLIST_FILE
    if extra:
        path = Path(extra)
        opener = gzip.open if path.suffix == ".gz" else open
        try:
            with opener(path, "rt", encoding="utf-8", errors="replace") as lines:
                words.update(line.strip().lower() for line in lines if line.strip())
        except OSError as exc:
            raise ImproperlyConfigured(
                f"PASSWORD_BLOCKLIST_FILE={extra} cannot be read: {exc}"
            ) from None
    return frozenset(words)


def _letters(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalpha())


def _core(text: str) -> str:
    """The text without the digits, symbols and spaces before and after it (linear time)."""
    start, end = 0, len(text)
    while start < end and not text[start].isalpha():
        start += 1
    while end > start and not text[end - 1].isalpha():
        end -= 1
    return text[start:end]


def _is_expected(lowered: str) -> bool:
    """A guess an attacker's rules make from a listed word: the service's name, a listed
    password with digits or symbols before or after it, or one short piece repeated."""
    core = _core(lowered)
    if _letters(lowered) in SERVICE_WORDS or (core and core in blocklist()):
        return True
    for size in range(1, len(lowered) // 2 + 1):
        if len(lowered) % size == 0 and lowered[:size] * (len(lowered) // size) == lowered:
            return size <= 4 or lowered[:size] in blocklist()
    return False


def _same_ignoring_case(first: str, second: str) -> bool:
    """Equal whatever the capitals, also for "ß"/"SS" and the Turkish dotless i and its capital."""
    return (
        first.casefold() == second.casefold()
        or first.upper().casefold() == second.upper().casefold()
    )


def _has_invisible(value: str) -> bool:
    """Control, format and unassigned characters (NUL, zero-width space, ...): they cannot be
    read aloud or typed again, and some cannot even be stored."""
    return any(unicodedata.category(char).startswith("C") and not char.isspace() for char in value)


@dataclass(frozen=True)
class PasswordPolicy:
    """One population's password rules: `validate` enforces them, `read_aloud` says them."""

    name: str
    min_length: int
    max_length: int = 128
    refuse_spaces: bool = False
    refuse_characters: str = ""
    # NIST's "expected" values besides the list: the service's name, a listed password with
    # digits or symbols around it ("Password2026!"), one short piece repeated.
    refuse_expected: bool = True
    # The rules as staff read them to a caller over the phone (seeker policies).
    read_aloud: str = ""

    def errors(self, password: str, *, username: str = "") -> list[ValidationError]:
        """Every rule the password breaks, so all can be read out at once."""
        errors = []
        if len(password) < self.min_length:
            errors.append(ValidationError(
                f"The password must be at least {self.min_length} characters long.",
                code="password_too_short",
            ))  # fmt: skip
        if len(password) > self.max_length:
            errors.append(ValidationError(
                f"The password cannot be longer than {self.max_length} characters.",
                code="password_too_long",
            ))  # fmt: skip
        if self.refuse_spaces and any(char.isspace() for char in password):
            errors.append(
                ValidationError("The password cannot contain spaces.", code="password_has_space")
            )
        if any(char in password for char in self.refuse_characters):
            shown = " or ".join(self.refuse_characters)
            errors.append(ValidationError(
                f"The password cannot contain the characters {shown}.",
                code="password_has_angle_bracket",
            ))  # fmt: skip
        if _has_invisible(password):
            allowed = "letters, numbers and symbols" + ("" if self.refuse_spaces else " or spaces")
            errors.append(ValidationError(
                f"The password can only use {allowed} you can see.",
                code="password_has_invisible",
            ))  # fmt: skip
        if username and _same_ignoring_case(password, username):
            errors.append(ValidationError(
                "The password cannot be the same as the username, "
                "even with different capital letters.",
                code="password_is_username",
            ))  # fmt: skip
        if self._is_blocked(password):
            errors.append(ValidationError(
                "This password is too common: it is one of the first that people guess. "
                "Choose a less common one.",
                code="password_too_common",
            ))  # fmt: skip
        return errors

    def _is_blocked(self, password: str) -> bool:
        if len(password) > self.max_length:
            return False  # refused as too long already; not worth scanning
        lowered = password.lower().strip()
        if lowered in blocklist():
            return True
        return self.refuse_expected and _is_expected(lowered)

    def validate(self, password: str, *, username: str = "") -> None:
        """Raise one ValidationError listing every broken rule."""
        errors = self.errors(password, username=username)
        if errors:
            raise ValidationError(errors)

    def help_text(self) -> str:
        """The rules in one line, for the password field."""
        parts = [f"At least {self.min_length} characters"]
        refused = (["spaces"] if self.refuse_spaces else []) + list(self.refuse_characters)
        if refused:
            parts.append("no " + ", ".join(refused[:-1]) + " or " + refused[-1])
        parts.append("not the username and not a common password")
        return "; ".join(parts) + "."

    def script_with_rules(self, paragraphs: list[str]) -> list[str]:
        """A credentials script with this policy's rules as the rules paragraph.

        A paragraph that is a seeker policy's rules (seed 000's sentence in notice version 1)
        is replaced with this policy's; a script without one gets this policy's at the end.
        With the default policy the script stays word for word as published.
        """
        known = {policy.read_aloud for policy in SEEKER_PASSWORD_POLICIES.values()}
        script = [self.read_aloud if text in known else text for text in paragraphs]
        if self.read_aloud not in script:
            script.append(self.read_aloud)
        return script


# Seed 000, step 7, as staff read it (notice version 1 carries the same words).
SEED_000_RULES = (
    "Your username and password cannot be the same. You may choose any combination of letters, "
    "numbers or special characters, and the total length must be at least 6 characters and "
    "cannot include a space or greater than or less than (> or <). The password is the only "
    "field where capital letters matter(case sensitive)."
)

SEEKER_SEED_000_POLICY = PasswordPolicy(
    name="seed-000",
    min_length=6,
    refuse_spaces=True,
    refuse_characters="<>",
    refuse_expected=False,
    read_aloud=SEED_000_RULES,
)

# NIST SP 800-63B-4 3.1.1.2 for a password that is the only factor: 15 characters, any
# characters a person can type (spaces included), no composition rules, a blocklist.
SEEKER_NIST_POLICY = PasswordPolicy(
    name="nist",
    min_length=15,
    read_aloud=(
        "Your username and password cannot be the same. Your password must be at least 15 "
        "characters long. A few words you will remember, with spaces between them, make a good "
        "password. You may use any letters, numbers, symbols and spaces. The password is the "
        "only field where capital letters matter (case sensitive)."
    ),
)

SEEKER_PASSWORD_POLICIES = {
    policy.name: policy for policy in (SEEKER_SEED_000_POLICY, SEEKER_NIST_POLICY)
}

# Staff sign in with MFA as well (NIST allows 8 then); 12 is this product's floor.
STAFF_PASSWORD_POLICY = PasswordPolicy(name="staff", min_length=12)


def seeker_password_policy() -> PasswordPolicy:
    """The seeker policy in force: seed 000's unless `SEEKER_PASSWORD_POLICY` says "nist"."""
    return SEEKER_PASSWORD_POLICIES[settings.SEEKER_PASSWORD_POLICY]


class StaffPasswordValidator:
    """`STAFF_PASSWORD_POLICY` as a Django password validator (AUTH_PASSWORD_VALIDATORS)."""

    def validate(self, password: str, user: object = None) -> None:
        username = user.get_username() if user is not None else ""
        STAFF_PASSWORD_POLICY.validate(password, username=username or "")

    def get_help_text(self) -> str:
        return STAFF_PASSWORD_POLICY.help_text()

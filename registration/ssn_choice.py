"""The SSN step of a phone registration (seed 000, steps 7 and 9; issue 4, step 5).

The caller gives a real SSN, insists on a nine-digit number beginning with 9 of their
own, or declines and gets one generated. Seed 000 step 9 has staff guess numbers
until one is not rejected ("most common fake SS# starting in 9 have already been
used"); generating an unused one replaces that.

Everything here compares blind indexes (keyed HMACs); no SSN is ever decrypted, and
no message says whose number it is.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.core.exceptions import ValidationError

from registration.constants import CallOutcome
from registration.models import RegistrationCall
from seekers import ssn as ssn_rules
from seekers.models import JobSeeker, ssn_blind_index

PSEUDO_SSN_SUFFIXES = 10**8  # "9" followed by any eight digits

# Called with the nine digits of a well-formed number just before it is looked up: the
# SSN step passes one for partner staff, which counts and logs the check (and may refuse
# it) before anything depends on whether the number is in use (issue 14).
Probe = Callable[[str], None]


def ssn_in_use(ssn: str, *, call: RegistrationCall | None = None) -> bool:
    """True if a job seeker has this SSN, or an unfinished call is holding it for its draft.

    Seekers are looked up across the whole state, hidden or not (opted-out seekers and
    other offices included): an SSN is unique statewide, whoever may see its owner.
    Pass the call asking, so the number its own draft holds does not count against it
    when staff go back to the SSN step. Raises ValidationError if `ssn` is not nine digits.
    """
    index = ssn_blind_index(ssn)
    if JobSeeker.objects.filter(ssn_index=index).exists():
        return True
    drafts = RegistrationCall.objects.filter(outcome=CallOutcome.IN_PROGRESS, draft_ssn_index=index)
    if call is not None and call.pk is not None:
        drafts = drafts.exclude(pk=call.pk)
    return drafts.exists()


def real_ssn_clean(
    value: str, *, call: RegistrationCall | None = None, probe: Probe | None = None
) -> str:
    """Return the nine digits of a valid, unused real SSN, or raise ValidationError.

    An SSN already in use means this caller most likely has an account already, so
    staff are sent back to the existing-account search. The message never says whose
    account it is, nor repeats the number: the caller on the phone may not be its owner.
    A malformed number is refused before `probe` is called: it is no lookup.
    """
    digits = ssn_rules.validate_real(value)
    if probe is not None:
        probe(digits)
    if ssn_in_use(digits, call=call):
        raise ValidationError(
            "An account with this SSN already exists. Go back to the existing-account "
            "search to find it instead of creating a new one.",
            code="ssn_in_use",
        )
    return digits


def pseudo_ssn_clean(
    value: str, *, call: RegistrationCall | None = None, probe: Probe | None = None
) -> str:
    """Return the nine digits of a number beginning with 9 that the caller chose, if unused.

    A clash here does not mean the caller has an account (many people pick the same
    easy number), so the message asks for another number or the generated one.
    """
    try:
        digits = ssn_rules.normalize(value)
    except ValidationError:
        raise ValidationError(
            "Enter nine digits beginning with 9, for example 999-12-3456.",
            code="ssn_format",
        ) from None
    if not ssn_rules.is_pseudo(digits):
        raise ValidationError(
            "A number given instead of an SSN must begin with 9.", code="pseudo_ssn_not_9"
        )
    if probe is not None:
        probe(digits)
    if ssn_in_use(digits, call=call):
        raise ValidationError(
            "This number is already used by another account. Choose another nine-digit "
            "number beginning with 9, or let the system make one up.",
            code="ssn_in_use",
        )
    return digits


def pseudo_ssn_generate(*, attempts: int = 50, call: RegistrationCall | None = None) -> str:
    """A random nine-digit number beginning with 9 that no seeker or unfinished call uses.

    With a hundred million such numbers, a collision is rare and fifty in a row
    practically impossible; running out of attempts raises RuntimeError rather than
    looping forever. This check does not reserve the number: two calls may draw the
    same one at the same moment. The database's unique constraint on the seeker's SSN
    index is the final guard when the account is created, and the creating caller
    retries with a new number when it fires.
    """
    for _ in range(attempts):
        candidate = f"9{secrets.randbelow(PSEUDO_SSN_SUFFIXES):08d}"
        if not ssn_in_use(candidate, call=call):
            return candidate
    raise RuntimeError(f"No unused number beginning with 9 was found in {attempts} attempts.")

"""Password policies (`workforce.passwords`): staff and seekers apart, each from its source.

Sources, cited in docs/security.md "Password policies":
- NIST SP 800-63B-4, 3.1.1.2: a minimum length; at least 64 characters allowed; no
  composition rules; a blocklist of common, expected and context-specific values.
- Issue 14: staff passwords of at least 12 characters with a breached/common check.
- Seed 000, step 7: the seeker rule staff read aloud (at least 6 characters, no space, no
  < or >, not the username).
"""

from __future__ import annotations

import gzip

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from registration.validators import validate_password as validate_seeker_password
from workforce.models import User
from workforce.passwords import (
    SEED_000_RULES,
    SEEKER_NIST_POLICY,
    SEEKER_SEED_000_POLICY,
    STAFF_PASSWORD_POLICY,
    blocklist,
    seeker_password_policy,
)

STAFF = User(username="mrivera", first_name="Maria", last_name="Rivera", email="mr@example.org")


def staff_codes(password: str) -> set[str]:
    try:
        validate_password(password, STAFF)
    except ValidationError as error:
        return {e.code for e in error.error_list}
    return set()


# --- staff (AUTH_PASSWORD_VALIDATORS) --------------------------------------------------------


def test_a_staff_password_needs_at_least_twelve_characters() -> None:
    assert staff_codes("Lantern-Oak9") == set()  # 12
    assert staff_codes("Lantern-Oak") == {"password_too_short"}  # 11


def test_a_staff_password_may_be_64_characters_and_more() -> None:
    assert staff_codes("zebra lantern " * 9) == set()  # 126 characters


@pytest.mark.parametrize(
    "password",
    [
        "all lower case words here",  # no capitals, digits or symbols
        "ALLCAPITALSONLYHERE",
        "840193756201",  # digits only
        "correct horse battery staple",  # spaces
    ],
)
def test_staff_passwords_have_no_composition_rules(password: str) -> None:
    """NIST SP 800-63B-4 3.1.1.2: verifiers SHALL NOT impose other composition rules."""
    assert staff_codes(password) == set()


@pytest.mark.parametrize("password", ["000000000000", "1q2w3e4r5t6y", "123qweasdzxc"])
def test_a_listed_password_of_twelve_or_more_is_refused_for_staff(password: str) -> None:
    assert password in blocklist()
    assert "password_too_common" in staff_codes(password)


@pytest.mark.parametrize(
    "password",
    [
        "Password2026!",  # a listed password with digits and symbols around it
        "!!iloveyou1234",
        "Workforce2026!",  # the service's name (context-specific)
        "abcabcabcabc",  # one short piece repeated
        "monkeymonkeymonkey",  # a listed password repeated
    ],
)
def test_expected_variations_of_listed_words_are_refused_for_staff(password: str) -> None:
    """NIST SP 800-63B-4 3.1.1.2: the blocklist holds "commonly used, expected, or
    compromised" values, context-specific words such as the service's name included."""
    assert "password_too_common" in staff_codes(password)


def test_odd_input_gets_messages_not_errors() -> None:
    assert staff_codes("two\nlines of a long password") == set()
    assert staff_codes("a1" * 50_000) == {"password_too_long"}
    assert staff_codes("!!!!!!!!!!!!") == {"password_too_common"}  # one piece repeated


def test_a_staff_password_like_the_name_or_username_is_refused() -> None:
    assert staff_codes("mrivera12345") == {"password_too_similar"}
    assert "password_is_username" in staff_codes("MRIVERA")  # also short


def test_a_larger_offline_blocklist_file_is_honoured(settings: object, tmp_path: object) -> None:
    path = tmp_path / "breached.txt.gz"
    with gzip.open(path, "wt") as file:
        file.write("Tangerine Ladder Umbrella\nsomething else entirely\n")
    assert staff_codes("tangerine ladder umbrella") == set()
    settings.PASSWORD_BLOCKLIST_FILE = str(path)
    blocklist.cache_clear()
    try:
        assert staff_codes("tangerine ladder umbrella") == {"password_too_common"}
    finally:
        settings.PASSWORD_BLOCKLIST_FILE = ""
        blocklist.cache_clear()


def test_the_staff_policy_is_its_own_object_and_twelve_long() -> None:
    assert STAFF_PASSWORD_POLICY.min_length == 12
    assert STAFF_PASSWORD_POLICY is not seeker_password_policy()


# --- seekers --------------------------------------------------------------------------------


def test_seekers_keep_seed_000s_rule_by_default() -> None:
    assert seeker_password_policy() is SEEKER_SEED_000_POLICY
    validate_seeker_password("Heron-Kit", username="anndoe75")  # 8: fine for a seeker
    assert staff_codes("Heron-Kit") == {"password_too_short"}  # not for staff


def test_the_seed_000_rule_is_the_one_staff_read_aloud() -> None:
    """Seed 000, step 7, word for word."""
    assert SEEKER_SEED_000_POLICY.read_aloud == SEED_000_RULES
    assert "the total length must be at least 6 characters" in SEED_000_RULES
    assert SEEKER_SEED_000_POLICY.min_length == 6
    assert SEEKER_SEED_000_POLICY.refuse_characters == "<>"
    assert SEEKER_SEED_000_POLICY.refuse_spaces


def test_a_state_switches_seekers_to_the_nist_policy(settings: object) -> None:
    settings.SEEKER_PASSWORD_POLICY = "nist"
    assert seeker_password_policy() is SEEKER_NIST_POLICY
    with pytest.raises(ValidationError) as refused:
        validate_seeker_password("Heron-Kit", username="anndoe75")
    assert {e.code for e in refused.value.error_list} == {"password_too_short"}
    # 15 characters, spaces and < > welcome, no composition rule.
    validate_seeker_password("blue heron <lake>", username="anndoe75")
    with pytest.raises(ValidationError):
        validate_seeker_password("Password123456789!", username="anndoe75")


def test_the_nist_seeker_policy_follows_800_63b_for_a_single_factor() -> None:
    """NIST SP 800-63B-4 3.1.1.2: 15 characters when the password is the only factor."""
    assert SEEKER_NIST_POLICY.min_length == 15
    assert SEEKER_NIST_POLICY.max_length >= 64
    assert not SEEKER_NIST_POLICY.refuse_spaces and not SEEKER_NIST_POLICY.refuse_characters
    assert "at least 15 characters" in SEEKER_NIST_POLICY.read_aloud


def test_the_script_keeps_seed_000s_words_under_the_default_policy() -> None:
    script = ["Select a username ...", SEED_000_RULES]
    assert SEEKER_SEED_000_POLICY.script_with_rules(script) == script


def test_the_script_reads_the_nist_rules_when_that_policy_is_on() -> None:
    script = SEEKER_NIST_POLICY.script_with_rules(["Select a username ...", SEED_000_RULES])
    assert script == ["Select a username ...", SEEKER_NIST_POLICY.read_aloud]
    # A script that lacks a rules paragraph gets the policy's at the end.
    assert SEEKER_NIST_POLICY.script_with_rules(["Intro"]) == [
        "Intro",
        SEEKER_NIST_POLICY.read_aloud,
    ]

"""The username, password and secret question and answer rules of seed 000, step 7."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from registration.models import SeekerAccount
from registration.validators import (
    SECRET_QUESTIONS,
    normalize_secret_answer,
    username_taken,
    validate_password,
    validate_secret_answer,
    validate_secret_question,
    validate_username,
)
from tests.factories import JobSeekerFactory

WHITESPACE = [chr(cp) for cp in range(0x110000) if chr(cp).isspace()]
# Letters, digits, punctuation and symbols of every script: no spaces, no controls, no < or >.
allowed = st.characters(exclude_categories=("C", "Z"), exclude_characters="<>")
good_text = st.text(allowed, min_size=6, max_size=60)
anything = st.text(max_size=30)


def codes(error: ValidationError) -> set[str]:
    return {item.code for item in error.error_list}


def refused(validate: Callable[..., object], *args: object, **kwargs: object) -> ValidationError:
    with pytest.raises(ValidationError) as raised:
        validate(*args, **kwargs)
    return raised.value


@given(good_text)
def test_it_accepts_any_six_visible_characters_as_a_username_unchanged(value: str) -> None:
    assert validate_username(value) == value


@given(anything, st.sampled_from(WHITESPACE), anything)
def test_it_refuses_a_username_with_whitespace_anywhere(
    before: str, space: str, after: str
) -> None:
    assert "username_has_space" in codes(refused(validate_username, before + space + after))


@given(anything, st.sampled_from("<>"), anything)
def test_it_refuses_a_username_with_an_angle_bracket(before: str, bracket: str, after: str) -> None:
    error = refused(validate_username, before + bracket + after)
    assert "username_has_angle_bracket" in codes(error)
    assert "The username cannot contain the characters < or >." in error.messages


@given(st.text(allowed, max_size=5))
def test_it_refuses_a_username_under_six_characters(value: str) -> None:
    error = refused(validate_username, value)
    assert codes(error) == {"username_too_short"}
    assert error.messages == ["The username must be at least 6 characters long."]


def test_it_names_every_broken_username_rule_at_once() -> None:
    error = refused(validate_username, "a <b")
    assert codes(error) == {
        "username_too_short",
        "username_has_space",
        "username_has_angle_bracket",
    }


@pytest.mark.parametrize("value", ["nul\x00nul", "zero\u200bwidth", "right\u202eleft"])
def test_it_refuses_invisible_characters_that_cannot_be_read_out_or_stored(value: str) -> None:
    assert codes(refused(validate_username, value)) == {"username_has_invisible"}


def test_it_refuses_a_username_too_long_for_its_column() -> None:
    assert validate_username("u" * 150) == "u" * 150
    assert codes(refused(validate_username, "u" * 151)) == {"username_too_long"}


@pytest.mark.django_db
def test_it_finds_a_taken_username_whatever_its_capitals() -> None:
    SeekerAccount.objects.create(
        seeker=JobSeekerFactory(), username="Margaret1", password=make_password("x"),
        secret_question=SECRET_QUESTIONS[0], secret_answer=make_password("rex"),
    )  # fmt: skip
    assert username_taken("Margaret1")
    assert username_taken("MARGARET1")
    assert username_taken("margaret1")
    assert not username_taken("Margaret2")


@given(good_text, st.data())
def test_it_refuses_a_password_equal_to_the_username_in_any_capitals(
    username: str, data: st.DataObject
) -> None:
    flips = data.draw(st.lists(st.booleans(), min_size=len(username), max_size=len(username)))
    password = "".join(
        c.upper() if up else c.lower() for c, up in zip(username, flips, strict=True)
    )
    assert "password_is_username" in codes(refused(validate_password, password, username=username))


@given(good_text.filter(lambda p: "Tr0ub4dor&3" not in p))
def test_it_accepts_any_uncommon_password_of_six_visible_characters(password: str) -> None:
    try:
        validate_password(password, username="Tr0ub4dor&3")
    except ValidationError as error:
        assert codes(error) == {"password_too_common"}


@given(anything, st.sampled_from([*WHITESPACE, "<", ">"]), anything)
def test_it_refuses_a_password_with_whitespace_or_angle_brackets(
    before: str, bad: str, after: str
) -> None:
    found = codes(refused(validate_password, before + bad + after, username="someone"))
    assert found & {"password_has_space", "password_has_angle_bracket"}


@pytest.mark.parametrize("password", ["password", "123456", "qwerty", "Password", "QWERTY123"])
def test_it_refuses_common_passwords(password: str) -> None:
    error = refused(validate_password, password, username="margaret.larsen")
    assert codes(error) == {"password_too_common"}
    assert "too common" in error.messages[0]


def test_it_keeps_capitals_in_the_password_apart_from_the_username_rule() -> None:
    validate_password("Zebra-Lantern-42", username="margaret.larsen")
    validate_password("zebra-lantern-42", username="margaret.larsen")


def test_it_lists_every_broken_password_rule_in_one_error() -> None:
    error = refused(validate_password, "a <b", username="A <B")
    assert codes(error) == {
        "password_too_short", "password_has_space", "password_has_angle_bracket",
        "password_is_username",
    }  # fmt: skip
    assert "The password must be at least 6 characters long." in error.messages
    assert "The password cannot contain spaces." in error.messages
    assert (
        "The password cannot be the same as the username, even with different capital letters."
        in error.messages
    )


@given(st.text())
def test_it_normalizes_a_secret_answer_idempotently(answer: str) -> None:
    once = normalize_secret_answer(answer)
    assert normalize_secret_answer(once) == once


@given(st.text(), st.sampled_from(WHITESPACE), st.sampled_from(WHITESPACE))
def test_it_ignores_spaces_around_a_secret_answer(answer: str, before: str, after: str) -> None:
    assert normalize_secret_answer(before + answer + after) == normalize_secret_answer(answer)


@given(st.text(st.characters(codec="latin-1", exclude_categories=("C",))))
def test_it_ignores_capitals_in_a_secret_answer(answer: str) -> None:
    expected = normalize_secret_answer(answer)
    assert normalize_secret_answer(answer.upper()) == expected
    assert normalize_secret_answer(answer.lower()) == expected
    assert normalize_secret_answer(answer.title()) == expected


@pytest.mark.parametrize(
    "typed",
    ["Rex", "rex", "  REX ", "\tRex\n", "rEx"],
)
def test_it_matches_the_same_pet_however_it_is_typed(typed: str) -> None:
    assert validate_secret_answer(typed) == "rex"


def test_it_collapses_inner_spaces_in_a_secret_answer() -> None:
    assert validate_secret_answer("  Saint   Paul\t Central ") == "saint paul central"


def test_it_treats_accents_typed_two_ways_as_the_same_answer() -> None:
    assert normalize_secret_answer("Jos\u00e9") == normalize_secret_answer("JOSE\u0301")


@pytest.mark.parametrize("answer", ["", "   ", "\t\n"])
def test_it_refuses_an_empty_secret_answer(answer: str) -> None:
    error = refused(validate_secret_answer, answer)
    assert error.code == "secret_answer_empty"
    assert error.messages == ["Enter a secret answer."]


def test_it_refuses_a_secret_answer_over_200_characters() -> None:
    assert validate_secret_answer("a" * 200) == "a" * 200
    assert refused(validate_secret_answer, "a" * 201).code == "secret_answer_too_long"


def test_it_offers_six_to_eight_ordinary_questions_that_pass_its_own_rules() -> None:
    assert 6 <= len(SECRET_QUESTIONS) <= 8
    assert len(set(SECRET_QUESTIONS)) == len(SECRET_QUESTIONS)
    for question in SECRET_QUESTIONS:
        assert validate_secret_question(question) == question


def test_it_accepts_a_custom_question_with_its_spaces_tidied() -> None:
    assert validate_secret_question("  Who was my   best friend? ") == "Who was my best friend?"


@pytest.mark.parametrize(
    ("question", "code"),
    [
        ("Who?", "secret_question_too_short"),
        ("     ", "secret_question_too_short"),
        ("q" * 201, "secret_question_too_long"),
        ("What is <b>your</b> name?", "secret_question_has_angle_bracket"),
    ],
)
def test_it_refuses_a_custom_question_that_breaks_a_rule(question: str, code: str) -> None:
    assert codes(refused(validate_secret_question, question)) == {code}


@given(st.text(allowed, min_size=5, max_size=200).map(str.strip).filter(lambda q: len(q) >= 5))
def test_it_accepts_any_custom_question_of_five_to_200_visible_characters(question: str) -> None:
    assert validate_secret_question(question) == question

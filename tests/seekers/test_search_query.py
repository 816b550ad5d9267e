"""The query grammar: what each typed form becomes."""

from __future__ import annotations

from datetime import date

import pytest

from seekers.search.query import NameToken, parse
from workforce.urlids import id_encode


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Larsen", [NameToken("Larsen")]),
        ("Ar* Larsen", [NameToken("Ar", wildcard=True), NameToken("Larsen")]),
        ("O'Brien", [NameToken("O'Brien")]),
        ("Smith-Jones", [NameToken("Smith-Jones")]),
        ("José", [NameToken("José")]),
        ("Arthur Larsen Jr.", [NameToken("Arthur"), NameToken("Larsen")]),
    ],
)
def test_it_reads_names(text: str, names: list[NameToken]) -> None:
    assert parse(text).names == names


def test_a_comma_puts_the_last_name_first() -> None:
    parsed = parse("Larsen, Arthur")
    assert parsed.last_name_first == 1 and [n.text for n in parsed.names] == ["Larsen", "Arthur"]


@pytest.mark.parametrize("text", ["1975-03-02", "3/2/1975", "03/02/1975", "3-2-1975", "3/2/75"])
def test_it_reads_dates_of_birth(text: str) -> None:
    assert parse(text).date_of_birth == date(1975, 3, 2)


@pytest.mark.parametrize(
    "text", ["612-555-0100", "(612) 555-0100", "6125550100", "612.555.0100", "+1 612 555 0100"]
)
def test_it_reads_phone_numbers_any_way(text: str) -> None:
    assert parse(text).phone == "6125550100"


@pytest.mark.parametrize("text", ["231-45-6789", "231456789"])
def test_it_reads_a_full_ssn(text: str) -> None:
    parsed = parse(text)
    assert parsed.ssn == "231456789" and parsed.phone is None and parsed.seeker_id is None


def test_it_reads_last_four_with_a_name() -> None:
    parsed = parse("*6789 smith")
    assert parsed.ssn_last4 == "6789" and parsed.names == [NameToken("smith")]


def test_last_four_alone_asks_for_a_name() -> None:
    assert "Add a name" in parse("*6789").problems[0]


def test_it_reads_email_and_id() -> None:
    assert parse("Someone@Example.com").email == "someone@example.com"
    token = id_encode(4711)
    assert parse(token).seeker_id == 4711 and parse(f"#{token.upper()}").seeker_id == 4711
    assert parse("4711").seeker_id is None  # the sequential key is no seeker id to search by


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("*", "two letters"),
        ("**", "two letters"),
        ("A* Larsen", "two letters"),
        ("L*rsen", "may only end"),
        ("2/30/1975", "not a date"),
        ("x" * 201, "too long"),
        ("a b c d e", "at most 4 names"),
    ],
)
def test_bad_input_gets_a_clear_message(text: str, problem: str) -> None:
    assert any(problem in p for p in parse(text).problems)


@pytest.mark.parametrize("text", ["", "   ", "\x00\x07\t", "😀🎉", "''; --", "!!!"])
def test_input_without_meaning_is_empty(text: str) -> None:
    assert parse(text).is_empty


def test_control_characters_are_dropped_not_kept() -> None:
    assert parse("Lar\u200bsen\x00").names == [NameToken("Lar"), NameToken("sen")]

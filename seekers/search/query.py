"""The query grammar of seeker search: what staff type, parsed into parts.

Documented for staff in templates/seekers/includes/search_help.html and for
developers in docs/search.md. Examples:

    Larsen              a name (last, first or middle)
    Ar* Larsen          first name starting with "Ar", last name Larsen
    Larsen, Arthur      last name first when there is a comma
    Peggy Smith         first then last (swapped order is tried too)
    Garcia Lopez        also read as one last name (Garcia-Lopez)
    smith 1975-03-02    name and date of birth (also 3/2/1975, 03-02-1975)
    612-555-0100        phone, any formatting
    123-45-6789         full SSN (exact; also 123456789, 123 45 6789, glued to a word)
    *6789 smith         last four of the SSN, with a name
    someone@example.com email
    2k7m9x0q4r8ta       seeker id (the code shown on their page; # before it optional)

Every part must match (AND); the name parts are matched exactly, by prefix,
nickname, sound or spelling (see engine.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

import phonenumbers

from workforce.ssn_text import SSN_IN_TEXT
from workforce.ssn_text import text_clean as clean_text
from workforce.urlids import id_typed_decode

MAX_LENGTH = 200
MAX_NAMES = 4
MIN_WILDCARD_LETTERS = 2
SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "v"}

_EMAIL = re.compile(r"[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+")
_SSN = SSN_IN_TEXT  # the one pattern, so what is read as an SSN is what gets masked
_PHONE = re.compile(
    r"(?<![\d*])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?![\d-])"
)
_LAST4 = re.compile(r"^\*(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_US_DATE = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$")
# A seeker id is the public token (workforce.urlids), with or without a #: 13 characters
# and a check digit, so a 14-letter name is never taken for one. The sequential key is
# never searched by.
_SEEKER_ID = re.compile(r"^#?[0-9a-z]{13}\d$", re.I)
_NAME = re.compile(r"^[^\W\d_][\w'\u2019.*-]*$|^\*+$")


@dataclass(frozen=True)
class NameToken:
    """One name word as typed; `wildcard` when it ended in `*` (a prefix)."""

    text: str
    wildcard: bool = False


@dataclass
class ParsedQuery:
    """A search query taken apart; `problems` are messages to show beside the box."""

    names: list[NameToken] = field(default_factory=list)
    last_name_first: int | None = None  # with a comma: how many name words precede it
    date_of_birth: date | None = None
    ssn: str | None = None
    ssn_last4: str | None = None
    phone: str | None = None
    email: str | None = None
    seeker_id: int | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.names or self.date_of_birth or self.ssn or self.ssn_last4
            or self.phone or self.email or self.seeker_id
        )  # fmt: skip


def parse(raw: str) -> ParsedQuery:
    parsed = ParsedQuery()
    text = clean_text(raw or "")
    if len(text) > MAX_LENGTH:
        parsed.problems.append(f"Search text is too long: use at most {MAX_LENGTH} characters.")
        return parsed
    text = _take(_EMAIL, text, lambda m: setattr(parsed, "email", m.group(0).lower()))
    text = _take(_SSN, text, lambda m: setattr(parsed, "ssn", re.sub(r"\D", "", m.group(0))))
    text = _take(_PHONE, text, lambda m: _set_phone(parsed, m.group(0)))
    before_comma: int | None = None
    for chunk_index, chunk in enumerate(text.split(",")):
        if chunk_index == 1:
            before_comma = len(parsed.names)
        for word in chunk.split():
            _read_word(parsed, word)
    if before_comma and before_comma < len(parsed.names):
        parsed.last_name_first = before_comma
    if len(parsed.names) > MAX_NAMES:
        parsed.problems.append(f"Use at most {MAX_NAMES} names; add a date of birth to narrow.")
        parsed.names = []
    if parsed.ssn_last4 and not parsed.names:
        parsed.problems.append("Add a name to search by the last four digits of an SSN.")
    return parsed


def _take(pattern: re.Pattern, text: str, found: callable) -> str:
    match = pattern.search(text)
    if not match:
        return text
    found(match)
    return text[: match.start()] + " " + text[match.end() :]


def _set_phone(parsed: ParsedQuery, typed: str) -> None:
    try:
        number = phonenumbers.parse(typed, "US")
    except phonenumbers.NumberParseException:
        parsed.problems.append(f"{typed} is not a phone number.")
        return
    parsed.phone = str(number.national_number)


def _read_word(parsed: ParsedQuery, word: str) -> None:
    if match := _LAST4.match(word):
        parsed.ssn_last4 = match.group(1)
    elif match := _ISO_DATE.match(word):
        _set_date(parsed, word, int(match[1]), int(match[2]), int(match[3]))
    elif match := _US_DATE.match(word):
        _set_date(parsed, word, _full_year(match[3]), int(match[1]), int(match[2]))
    elif _SEEKER_ID.match(word) and (seeker_id := id_typed_decode(word)) is not None:
        parsed.seeker_id = seeker_id
    elif _NAME.match(word):
        _add_name(parsed, word)
    elif any(ch.isalpha() for ch in word):
        parsed.problems.append(
            f"“{word}” is not a name, date, phone, SSN or email; it was left out."
        )
    # anything else (punctuation, emoji) carries no meaning and is ignored


def _add_name(parsed: ParsedQuery, word: str) -> None:
    wildcard = word.endswith("*")
    stem = word.rstrip("*")
    letters = sum(ch.isalpha() for ch in stem)
    if wildcard and letters < MIN_WILDCARD_LETTERS:
        parsed.problems.append("Type at least two letters before a *.")
        return
    if "*" in stem:
        parsed.problems.append("A * may only end a name, as in Ar*.")
        return
    if stem.lower().strip(".") in SUFFIXES and parsed.names:
        return  # Jr., Sr., III: not part of the name staff search by
    parsed.names.append(NameToken(text=stem, wildcard=wildcard))


def _full_year(year: str) -> int:
    if len(year) == 4:
        return int(year)
    two = int(year)
    this_century = date.today().year % 100
    return (2000 if two <= this_century else 1900) + two


def _set_date(parsed: ParsedQuery, typed: str, year: int, month: int, day: int) -> None:
    try:
        parsed.date_of_birth = date(year, month, day)
    except ValueError:
        parsed.problems.append(f"{typed} is not a date.")

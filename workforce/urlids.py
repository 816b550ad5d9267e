"""Seeker ids in URLs: an opaque token for each primary key (issue 14, seed 002).

Partner staff must not read from answers which seekers are hidden from them. With
sequential ids in URLs, `/seekers/1/`..`/seekers/N/` answered 404 exactly for the ids of
seekers who opted out of data sharing. The primary key stays what it is; only what the
browser sees changes: the `seeker` path converter (`<seeker:seeker_id>`) turns the key
into a token with a keyed pseudorandom permutation of 64-bit numbers (a balanced Feistel
network of 32-bit halves with HMAC-SHA256 as the round function, under `URL_ID_KEY`) and
back. Without the key, tokens of consecutive ids are unrelated and no id can be guessed;
a token that is not one (wrong length or letter, or a number out of range) raises
ValueError, which Django answers with the same 404 as a seeker that does not exist.
See docs/security.md, "Seeker ids in URLs".
"""

from __future__ import annotations

import hashlib
import hmac
from functools import cache

from django.conf import settings

ROUNDS = 8  # four make a strong pseudorandom permutation (Luby-Rackoff); eight for margin
HALF_BITS = 32
HALF_MASK = (1 << HALF_BITS) - 1
# Crockford's base 32 in lower case: no i, l, o or u, so a token read aloud is unambiguous.
ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
BODY = 13  # 13 x 5 bits hold 64 bits
# A decimal check digit ends every token: a mistyped or misread character is caught nine
# times in ten, and a token always holds a digit, so search never takes one for a
# 13-letter surname ("Schwarzenberg" uses only letters of the alphabet) or the reverse.
LENGTH = BODY + 1
MAX_ID = (1 << 63) - 1  # PostgreSQL's bigint
_INDEX = {ch: i for i, ch in enumerate(ALPHABET)}


@cache
def _round_keys(key: str) -> tuple[bytes, ...]:
    """One key per round, derived from URL_ID_KEY with a purpose label."""
    return tuple(
        hmac.new(key.encode(), f"workforce url id round {i}".encode(), hashlib.sha256).digest()
        for i in range(ROUNDS)
    )


def _f(round_key: bytes, half: int) -> int:
    digest = hmac.new(round_key, half.to_bytes(4, "big"), hashlib.sha256).digest()
    return int.from_bytes(digest[:4], "big")


def _permute(value: int, *, inverse: bool) -> int:
    keys = _round_keys(settings.URL_ID_KEY)
    left, right = value >> HALF_BITS, value & HALF_MASK
    if not inverse:
        for key in keys:
            left, right = right, left ^ _f(key, right)
    else:
        for key in reversed(keys):
            left, right = right ^ _f(key, left), left
    return (left << HALF_BITS) | right


def _check_digit(body: str) -> str:
    """A decimal digit of the body's SHA-256: not a secret, only a typo catcher."""
    return str(int.from_bytes(hashlib.sha256(body.encode()).digest()[:4], "big") % 10)


def id_encode(pk: int) -> str:
    """The token of a primary key: 13 characters of ALPHABET and a check digit."""
    if isinstance(pk, bool) or not 0 < int(pk) <= MAX_ID:
        raise ValueError("Not an id.")
    number = _permute(int(pk), inverse=False)
    chars = []
    for _ in range(BODY):
        number, digit = divmod(number, 32)
        chars.append(ALPHABET[digit])
    body = "".join(reversed(chars))
    return body + _check_digit(body)


def id_decode(token: str) -> int:
    """The primary key of a token; ValueError if it is not one."""
    if len(token) != LENGTH or any(ch not in _INDEX for ch in token):
        raise ValueError("Not an id token.")
    body, check = token[:BODY], token[BODY:]
    if check != _check_digit(body):
        raise ValueError("Not an id token.")
    number = 0
    for ch in body:
        number = number * 32 + _INDEX[ch]
    if number >> 64:
        raise ValueError("Not an id token.")
    pk = _permute(number, inverse=True)
    if not 0 < pk <= MAX_ID:
        raise ValueError("Not an id token.")
    return pk


def id_typed_decode(typed: str) -> int | None:
    """The primary key of a token as staff type or paste it (any case, with or without a
    leading #, spaces around), or None if it is not one."""
    text = (typed or "").strip().lstrip("#").lower()
    try:
        return id_decode(text)
    except ValueError:
        return None


class SeekerIdConverter:
    """`<seeker:seeker_id>`: the view gets the primary key; URLs carry its token.

    `reverse(..., args=[seeker.pk])` and `{% url ... seeker.pk %}` keep working.
    """

    regex = f"[{ALPHABET}]{{{BODY}}}[0-9]"

    def to_python(self, value: str) -> int:
        return id_decode(value)

    def to_url(self, value: int | str) -> str:
        return id_encode(int(value))

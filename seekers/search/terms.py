"""Name expansion for the seeker search: each typed name word becomes vocabulary terms.

Exact, prefix (`Ar*`), nickname (the `nicknames` dataset, both directions), sound-alike
(double metaphone) and typo (trigram similarity or edit distance <= 2), read from the
small vocabulary of name keys (`NameTerm`), so fuzzy matching stays fast at any size.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from django.db import connection
from nicknames import NickNamer

from seekers.search.query import NameToken

TERMS_PER_KIND = 300

# Match kinds, best first, with their score (docs/search.md, "Ranking").
EXACT, PREFIX, NICKNAME, SOUNDS, TYPO = "exact", "prefix", "nickname", "sounds", "typo"
KIND_SCORE = {EXACT: 50, PREFIX: 40, NICKNAME: 30, SOUNDS: 20, TYPO: 10}


@dataclass(frozen=True)
class TermMatch:
    """One vocabulary term a typed name word matched, and how."""

    term: str
    kind: str
    typed: str
    via: str = ""  # for nicknames: the full name they share


@cache
def _nicknamer() -> NickNamer:
    return NickNamer()


def _nickname_terms(key: str, typed: str) -> list[TermMatch]:
    """Nickname variants in both directions: Peggy -> Margaret and Margaret -> Peggy.

    Not siblings (Peggy -> Rita, both short for Margaretta): too loose for a duplicate check.
    """
    namer = _nicknamer()
    found: dict[str, str] = {}
    for canonical in namer.canonicals_of(key):
        found.setdefault(canonical, canonical)
    for nickname in namer.nicknames_of(key):
        found.setdefault(nickname, key)
    return [
        TermMatch(term=term, kind=NICKNAME, typed=typed, via=via)
        for term, via in found.items()
        if term != key and term.isalpha()
    ]


def name_keys(tokens: list[NameToken]) -> list[str]:
    """The database's own wf_name_key of each word, so Python and SQL never disagree."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT wf_name_key(t) FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n",
            [[token.text for token in tokens]],
        )
        return [row[0] or "" for row in cursor.fetchall()]


# Fixed SQL; the only formatted-in value is a constant. Every input is a parameter.
_EXPAND_SQL = f"""
(SELECT %(i)s, term, 'prefix' FROM seekers_nameterm
  WHERE term LIKE %(prefix)s AND term <> %(key)s ORDER BY term LIMIT {TERMS_PER_KIND})
UNION ALL
(SELECT %(i)s, term, 'sounds' FROM seekers_nameterm
  WHERE %(sounds)s AND term <> %(key)s
    AND (sound = dmetaphone(%(key)s) OR sound_alt = dmetaphone(%(key)s)
         OR sound = dmetaphone_alt(%(key)s))
  LIMIT {TERMS_PER_KIND})
UNION ALL
(SELECT %(i)s, term, 'typo' FROM seekers_nameterm
  WHERE %(fuzzy)s AND length(%(key)s) >= 3 AND term <> %(key)s
    AND (term %% %(key)s
         OR (term LIKE %(first_letter)s AND length(term) BETWEEN length(%(key)s) - 2
             AND length(%(key)s) + 2))
    AND levenshtein(term, %(key)s) <= %(distance)s
  ORDER BY levenshtein(term, %(key)s), term LIMIT {TERMS_PER_KIND})
"""  # noqa: S608


# A compound last name typed as separate words ("Garcia Lopez") counts as an exact
# match only when the vocabulary holds it, so that most queries get no extra branch.
_KNOWN_SQL = "(SELECT %(i)s, term, 'exact' FROM seekers_nameterm WHERE term = %(key)s)"


def terms_expand(
    tokens: list[NameToken], keys: list[str], *, compound: NameToken | None = None
) -> list[dict[str, TermMatch]]:
    """For each name word, the terms it matches, keeping the best kind per term.

    With `compound` (all the words as one last name), one more expansion follows
    the words': the joined key, matched like a word but without nicknames or sounds.
    """
    if compound is not None:
        tokens, keys = [*tokens, compound], [*keys, "".join(keys)]
    expansions: list[dict[str, TermMatch]] = [{} for _ in tokens]
    parts, params = [], {}
    last_word = len(tokens) - (2 if compound is not None else 1)
    for i, (token, key) in enumerate(zip(tokens, keys, strict=True)):
        if not key:
            continue
        if token is compound:
            parts.append(_KNOWN_SQL.replace("%(i)s", f"%(i{i})s").replace("%(key)s", f"%(key{i})s"))
        elif not token.wildcard:
            expansions[i][key] = TermMatch(term=key, kind=EXACT, typed=token.text)
            for match in _nickname_terms(key, token.text):
                expansions[i].setdefault(match.term, match)
        implicit_prefix = token.wildcard or (i >= last_word and len(key) >= 3)
        names = {
            k: f"{k}{i}"
            for k in ("i", "key", "prefix", "fuzzy", "sounds", "first_letter", "distance")
        }
        sql = _EXPAND_SQL
        for k, v in names.items():
            sql = sql.replace(f"%({k})s", f"%({v})s")
        parts.append(sql)
        params.update({
            names["i"]: i, names["key"]: key,
            names["prefix"]: f"{key}%" if implicit_prefix else "",
            names["fuzzy"]: not token.wildcard, names["first_letter"]: f"{key[:1]}%",
            # double metaphone keeps four sounds: of a compound, only the first word's
            names["sounds"]: not token.wildcard and token is not compound,
            names["distance"]: 1 if len(key) <= 4 else 2,
        })  # fmt: skip
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(" UNION ALL ".join(parts), params)
            for i, term, kind in cursor.fetchall():
                kind = PREFIX if kind == "prefix" else kind
                current = expansions[i].get(term)
                if current is None or KIND_SCORE[kind] > KIND_SCORE[current.kind]:
                    expansions[i][term] = TermMatch(term=term, kind=kind, typed=tokens[i].text)
    return expansions

"""Seeker search: the one function every caller uses (header box, results page, registration).

How a query runs (docs/search.md has the why):

1. `query.parse` splits the text into names, date of birth, SSN, phone, email, id.
2. Each name word is expanded over the vocabulary of name keys (`NameTerm`):
   exact, prefix (`Ar*`), nickname (the `nicknames` dataset, both directions),
   sound-alike (double metaphone) and typo (trigram similarity or edit distance
   <= 2). The vocabulary is small, so fuzzy matching stays fast at any size.
3. One SQL statement joins those terms to seekers and other names through exact
   key indexes, scores each candidate and keeps the best 1,000, scoped to the
   user's office when asked.
4. The candidates then pass through `JobSeeker.objects.visible_to(user)`: the
   only visibility rule. Counts and pages are computed after it, so nothing a
   user may not see is counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from django.db import connection
from nicknames import NickNamer

from seekers.models import JobSeeker, ssn_blind_index
from seekers.search import query as grammar
from seekers.search.query import NameToken, ParsedQuery
from workforce.constants import SearchScope
from workforce.models import User

CANDIDATE_LIMIT = 1000
TERMS_PER_KIND = 300
PAGE_SIZE = 25

# Match kinds, best first, with their score (docs/search.md, "Ranking").
EXACT, PREFIX, NICKNAME, SOUNDS, TYPO = "exact", "prefix", "nickname", "sounds", "typo"
KIND_SCORE = {EXACT: 50, PREFIX: 40, NICKNAME: 30, SOUNDS: 20, TYPO: 10}
IDENTIFIER_SCORE = 200
SWAPPED_PENALTY = 5
OTHER_NAME_PENALTY = 3
FIRST_ONLY_PENALTY = 5
MIDDLE_NAME_PENALTY = (
    4  # a caller known by their middle name: "Robert Brown" for William Robert Brown
)


@dataclass(frozen=True)
class TermMatch:
    """One vocabulary term a typed name word matched, and how."""

    term: str
    kind: str
    typed: str
    via: str = ""  # for nicknames: the full name they share


@dataclass
class SearchHit:
    seeker: JobSeeker
    score: int
    reasons: list[str]


@dataclass
class SearchResult:
    """One page of visible results, the total (exact, or `capped`), and messages for staff."""

    query: ParsedQuery
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    capped: bool = False
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def problems(self) -> list[str]:
        return self.query.problems

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))


def seeker_search(
    *,
    user: User,
    text: str,
    scope: str = SearchScope.ALL,
    page: int = 1,
    page_size: int = PAGE_SIZE,
) -> SearchResult:
    """Search seekers as `user` may see them; `scope` office limits to the user's current office."""
    parsed = grammar.parse(text)
    result = SearchResult(query=parsed, page=max(1, page), page_size=page_size)
    if parsed.is_empty:
        if not parsed.problems:
            parsed.problems.append("Type a name, date of birth, SSN, phone, email or seeker id.")
        return result
    office_id = user.current_office_id if scope == SearchScope.OFFICE else None
    if scope == SearchScope.OFFICE and office_id is None:
        parsed.problems.append("You have no current office; searching all offices.")
    slots = _name_slots(parsed)
    candidates = _candidates(parsed, slots, office_id)
    result.capped = len(candidates) > CANDIDATE_LIMIT
    candidates = candidates[:CANDIDATE_LIMIT]
    visible = set(
        JobSeeker.objects.visible_to(user)
        .filter(pk__in=[c.seeker_id for c in candidates])
        .values_list("pk", flat=True)
    )
    ranked = [c for c in candidates if c.seeker_id in visible]
    result.total = len(ranked)
    start = (result.page - 1) * page_size
    shown = ranked[start : start + page_size]
    seekers = (
        JobSeeker.objects.visible_to(user)
        .filter(pk__in=[c.seeker_id for c in shown])
        .prefetch_related("offices", "other_names")
        .in_bulk()
    )
    result.hits = [
        SearchHit(seeker=seeker, score=c.score, reasons=_reasons(c, parsed, slots, seeker))
        for c in shown
        if (seeker := seekers.get(c.seeker_id)) is not None
    ]  # fmt: skip
    return result


# --- name expansion ------------------------------------------------------------------------


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


def _keys(tokens: list[NameToken]) -> list[str]:
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
  WHERE %(fuzzy)s AND term <> %(key)s
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


def _expand(tokens: list[NameToken], keys: list[str]) -> list[dict[str, TermMatch]]:
    """For each name word, the terms it matches, keeping the best kind per term."""
    expansions: list[dict[str, TermMatch]] = [{} for _ in tokens]
    parts, params = [], {}
    for i, (token, key) in enumerate(zip(tokens, keys, strict=True)):
        if not key:
            continue
        if not token.wildcard:
            expansions[i][key] = TermMatch(term=key, kind=EXACT, typed=token.text)
            for match in _nickname_terms(key, token.text):
                expansions[i].setdefault(match.term, match)
        implicit_prefix = token.wildcard or (i == len(tokens) - 1 and len(key) >= 3)
        names = {k: f"{k}{i}" for k in ("i", "key", "prefix", "fuzzy", "first_letter", "distance")}
        sql = _EXPAND_SQL
        for k, v in names.items():
            sql = sql.replace(f"%({k})s", f"%({v})s")
        parts.append(sql)
        params.update({
            names["i"]: i, names["key"]: key,
            names["prefix"]: f"{key}%" if implicit_prefix else "",
            names["fuzzy"]: not token.wildcard, names["first_letter"]: f"{key[:1]}%",
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


# --- candidates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One reading of the name words: which terms the last, first and middle name may take."""

    name: str  # primary, swapped, single-last, single-first, single-middle
    last: dict[str, TermMatch]
    first: dict[str, TermMatch] | None
    penalty: int = 0


@dataclass(frozen=True)
class Candidate:
    seeker_id: int
    score: int
    slot: str
    other_name_id: int | None
    last_term: str | None
    first_term: str | None


def _name_slots(parsed: ParsedQuery) -> list[Slot]:
    tokens = parsed.names
    if not tokens:
        return []
    expanded = _expand(tokens, _keys(tokens))
    if parsed.last_name_first:  # "Larsen, Arthur": words before the comma are the last name
        last = _join_words(expanded[: parsed.last_name_first], tokens[: parsed.last_name_first])
        return [Slot("primary", last, expanded[parsed.last_name_first])]
    if len(tokens) == 1:
        only = expanded[0]
        return [
            Slot("single-last", only, None),
            Slot("single-first", only, None, FIRST_ONLY_PENALTY),
        ]
    first, last = expanded[0], expanded[-1]
    slots = [Slot("primary", last, first), Slot("swapped", first, last, SWAPPED_PENALTY)]
    if len(tokens) > 2:  # "Maria de la Cruz": the words after the first may be one last name
        slots.append(Slot("multiword", _join_words(expanded[1:], tokens[1:]), first))
    return slots


def _join_words(parts: list[dict[str, TermMatch]], tokens: list[NameToken]) -> dict[str, TermMatch]:
    """Several words as one last name ("de la Cruz" -> "delacruz"), matched exactly."""
    if len(parts) == 1:
        return parts[0]
    exact = [next((m.term for m in p.values() if m.kind == EXACT), "") for p in parts]
    joined = "".join(exact)
    typed = " ".join(t.text for t in tokens)
    return {joined: TermMatch(term=joined, kind=EXACT, typed=typed)} if all(exact) else {}


_SLOT_SQL = {
    # (table alias, join on last, join on first) per slot shape
    "pair": """
SELECT s.id, l.score + f.score - {penalty}, '{slot}', NULL::bigint, l.term, f.term
FROM unnest(%({p}l_terms)s::text[], %({p}l_scores)s::int[]) AS l(term, score)
JOIN seekers_jobseeker s ON s.last_key = l.term
JOIN unnest(%({p}f_terms)s::text[], %({p}f_scores)s::int[]) AS f(term, score)
  ON s.first_key = f.term
WHERE {filters}
UNION ALL
SELECT o.seeker_id, l.score + f.score - {penalty} - {other}, '{slot}', o.id, l.term, f.term
FROM unnest(%({p}l_terms)s::text[], %({p}l_scores)s::int[]) AS l(term, score)
JOIN seekers_othername o ON o.last_key = l.term
JOIN unnest(%({p}f_terms)s::text[], %({p}f_scores)s::int[]) AS f(term, score)
  ON o.first_key = f.term
JOIN seekers_jobseeker s ON s.id = o.seeker_id
WHERE {filters}
UNION ALL
SELECT s.id, l.score + f.score - {penalty} - {middle}, '{slot}-middle', NULL::bigint, l.term, f.term
FROM unnest(%({p}l_terms)s::text[], %({p}l_scores)s::int[]) AS l(term, score)
JOIN seekers_jobseeker s ON s.last_key = l.term
JOIN unnest(%({p}f_terms)s::text[], %({p}f_scores)s::int[]) AS f(term, score)
  ON s.middle_key = f.term
WHERE {filters}""",
    "single-last": """
SELECT s.id, 2 * l.score, '{slot}', NULL::bigint, l.term, NULL
FROM unnest(%({p}l_terms)s::text[], %({p}l_scores)s::int[]) AS l(term, score)
JOIN seekers_jobseeker s ON s.last_key = l.term WHERE {filters}
UNION ALL
SELECT o.seeker_id, 2 * l.score - {other}, '{slot}', o.id, l.term, NULL
FROM unnest(%({p}l_terms)s::text[], %({p}l_scores)s::int[]) AS l(term, score)
JOIN seekers_othername o ON o.last_key = l.term
JOIN seekers_jobseeker s ON s.id = o.seeker_id WHERE {filters}""",
    "single-first": """
SELECT s.id, 2 * l.score - {penalty}, '{slot}', NULL::bigint, NULL, l.term
FROM unnest(%({p}l_terms)s::text[], %({p}l_scores)s::int[]) AS l(term, score)
JOIN seekers_jobseeker s ON s.first_key = l.term WHERE {filters}
UNION ALL
SELECT s.id, 2 * l.score - {penalty} - 1, 'single-middle', NULL::bigint, NULL, l.term
FROM unnest(%({p}l_terms)s::text[], %({p}l_scores)s::int[]) AS l(term, score)
JOIN seekers_jobseeker s ON s.middle_key = l.term WHERE {filters}""",
}


def _filters(parsed: ParsedQuery, params: dict[str, object]) -> str:
    """Every non-name part of the query narrows the rows (AND)."""
    clauses = ["TRUE"]
    if parsed.date_of_birth:
        clauses.append("s.date_of_birth = %(dob)s")
        params["dob"] = parsed.date_of_birth
    if parsed.ssn_last4:
        clauses.append("s.ssn_last4 = %(last4)s")
        params["last4"] = parsed.ssn_last4
    if parsed.ssn:
        clauses.append("s.ssn_index = %(ssn_index)s")
        params["ssn_index"] = ssn_blind_index(parsed.ssn)
    if parsed.phone:
        clauses.append("s.phone = %(phone)s")
        params["phone"] = parsed.phone
    if parsed.email:
        clauses.append("lower(s.email) = %(email)s")
        params["email"] = parsed.email
    if parsed.seeker_id:
        clauses.append("s.id = %(seeker_id)s")
        params["seeker_id"] = parsed.seeker_id
    return " AND ".join(clauses)


def _candidates(parsed: ParsedQuery, slots: list[Slot], office_id: int | None) -> list[Candidate]:
    params: dict[str, object] = {"limit": CANDIDATE_LIMIT + 1, "office": office_id}
    filters = _filters(parsed, params)
    branches = []
    for n, slot in enumerate(slots):
        p = f"s{n}_"
        shape = slot.name if slot.first is None else "pair"
        params[f"{p}l_terms"] = list(slot.last)
        params[f"{p}l_scores"] = [KIND_SCORE[m.kind] for m in slot.last.values()]
        if slot.first is not None:
            params[f"{p}f_terms"] = list(slot.first)
            params[f"{p}f_scores"] = [KIND_SCORE[m.kind] for m in slot.first.values()]
        branches.append(
            _SLOT_SQL[shape].format(
                p=p,
                slot=slot.name,
                penalty=slot.penalty,
                other=OTHER_NAME_PENALTY,
                middle=MIDDLE_NAME_PENALTY,
                filters=filters,
            )
        )
    if not parsed.names:  # identifiers and dates alone: the filters are the search
        branches.append(
            f"SELECT s.id, {IDENTIFIER_SCORE}, 'identifier', NULL::bigint, NULL, NULL "  # noqa: S608
            f"FROM seekers_jobseeker s WHERE {filters}"
        )
    sql = f"""
        SELECT seeker_id, score, slot, other_id, last_term, first_term FROM (
            SELECT DISTINCT ON (seeker_id) * FROM (
                {" UNION ALL ".join(branches)}
            ) AS c(seeker_id, score, slot, other_id, last_term, first_term)
            ORDER BY seeker_id, score DESC, other_id NULLS FIRST
        ) AS best
        WHERE %(office)s::bigint IS NULL OR EXISTS (
            SELECT 1 FROM seekers_jobseeker_offices m
            WHERE m.jobseeker_id = best.seeker_id AND m.office_id = %(office)s)
        ORDER BY score DESC, seeker_id
        LIMIT %(limit)s
    """  # noqa: S608 (only fixed SQL fragments are formatted in; every value is a parameter)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [Candidate(*row) for row in cursor.fetchall()]


# --- reasons -------------------------------------------------------------------------------


def _reasons(
    candidate: Candidate, parsed: ParsedQuery, slots: list[Slot], seeker: JobSeeker
) -> list[str]:
    """Why this seeker matched, in words staff can repeat to a caller."""
    reasons: list[str] = []
    matched = _slot_matches(candidate, slots)
    other = next((o for o in seeker.other_names.all() if o.pk == candidate.other_name_id), None)
    if other is not None:
        reasons.append(f"other name used: {other}")
    elif candidate.slot == "swapped":
        reasons.append("first and last names swapped")
    names = {
        "last": other.last_name if other else seeker.last_name,
        "first": other.first_name if other else seeker.first_name,
    }
    if candidate.slot.endswith("-middle"):
        names["first"] = seeker.middle_name
    for part, match in matched:
        reasons.append(_describe(part, match, names[part], candidate.slot))
    reasons.extend(_identifier_reasons(parsed))
    return reasons


def _slot_matches(candidate: Candidate, slots: list[Slot]) -> list[tuple[str, TermMatch]]:
    """The (part, match) pairs of the reading of the query that produced this candidate."""
    found: list[tuple[str, TermMatch]] = []
    reading = candidate.slot.removesuffix("-middle")
    if reading == "single":
        reading = "single-first"
    for slot in slots:
        if slot.name != reading:
            continue
        if slot.first is None:
            term = candidate.last_term or candidate.first_term
            if term in slot.last:
                found.append(
                    ("last" if candidate.slot == "single-last" else "first", slot.last[term])
                )
        else:
            if candidate.first_term in slot.first:
                found.append(("first", slot.first[candidate.first_term]))
            if candidate.last_term in slot.last:
                found.append(("last", slot.last[candidate.last_term]))
        break
    return found


def _describe(part: str, match: TermMatch, actual: str, slot: str) -> str:
    label = {"last": "last name", "first": "first name"}[part]
    if slot.endswith("-middle") and part == "first":
        label = "middle name"
    if match.kind == EXACT:
        return f"same {label}"
    if match.kind == PREFIX:
        return f"{label} {actual} starts with {match.typed}"
    if match.kind == NICKNAME:
        typed = match.typed.capitalize()
        if match.via == match.term:
            return f"{typed} is a nickname of {actual}"
        return f"{actual} is a nickname of {typed}"
    if match.kind == SOUNDS:
        return f"{label} {actual} sounds like {match.typed}"
    return f"{label} {actual} is spelled like {match.typed}"


def _identifier_reasons(parsed: ParsedQuery) -> list[str]:
    reasons = []
    if parsed.ssn:
        reasons.append("same SSN")
    if parsed.ssn_last4:
        reasons.append(f"SSN ends in {parsed.ssn_last4}")
    if parsed.date_of_birth:
        reasons.append(f"born {parsed.date_of_birth:%m/%d/%Y}")
    if parsed.phone:
        reasons.append("same phone")
    if parsed.email:
        reasons.append("same email")
    if parsed.seeker_id:
        reasons.append("seeker id")
    return reasons

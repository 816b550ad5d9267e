"""Seeker search: the one function every caller uses (header box, results page, registration).

How a query runs (docs/search.md has the why):

1. `query.parse` splits the text into names, date of birth, SSN, phone, email, id.
2. Each name word is expanded over the vocabulary of name keys (`NameTerm`):
   exact, prefix, nickname, sound-alike and typo (terms.py).
3. One SQL statement joins those terms to seekers and other names through exact
   key indexes, scores each candidate and keeps the best 500, scoped to the
   user's office when asked.
4. The candidates then pass through `JobSeeker.objects.visible_to(user)`: the
   only visibility rule. Counts and pages are computed after it, so nothing a
   user may not see is counted.
5. Each shown hit says why it matched (reasons.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from seekers.models import JobSeeker
from seekers.search import query as grammar
from seekers.search.query import NameToken, ParsedQuery
from seekers.search.reasons import identifier_values, match_reasons
from seekers.search.terms import (
    EXACT,
    KIND_SCORE,
    NICKNAME,
    PREFIX,
    TermMatch,
    name_keys,
    terms_expand,
)
from workforce.constants import SearchScope
from workforce.models import User

CANDIDATE_LIMIT = 500  # 20 pages: past that, staff add a first name or a date of birth
TERMS_PER_KIND = 300
PAGE_SIZE = 25

IDENTIFIER_SCORE = 200
SWAPPED_PENALTY = 5
OTHER_NAME_PENALTY = 3
FIRST_ONLY_PENALTY = 5
MIDDLE_NAME_PENALTY = (
    4  # a caller known by their middle name: "Robert Brown" for William Robert Brown
)


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
    def limit(self) -> int:
        return CANDIDATE_LIMIT

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
    candidates, result.capped = _candidates(parsed, slots, office_id)
    ids = RawSQL("SELECT unnest(%s::bigint[])", [[c.seeker_id for c in candidates]])
    visible = set(
        JobSeeker.objects.visible_to(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    ranked = [c for c in candidates if c.seeker_id in visible]
    result.total = len(ranked)
    result.page = min(result.page, result.pages)  # past the end: the last page
    start = (result.page - 1) * page_size
    shown = ranked[start : start + page_size]
    seekers = (
        JobSeeker.objects.visible_to(user)
        .filter(pk__in=[c.seeker_id for c in shown])
        .prefetch_related("offices", "other_names")
        .in_bulk()
    )
    result.hits = [
        SearchHit(seeker=seeker, score=c.score, reasons=match_reasons(c, parsed, slots, seeker))
        for c in shown
        if (seeker := seekers.get(c.seeker_id)) is not None
    ]  # fmt: skip
    return result


# --- candidates ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One reading of the name words: which terms the last, first and middle name may take."""

    name: str  # primary, swapped, multiword, joined, single-last, single-first
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
    compound = _compound(parsed)
    expanded = terms_expand(tokens, name_keys(tokens), compound=compound)
    joined = [Slot("joined", expanded.pop(), None)] if compound is not None else []
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
    return slots + joined


def _compound(parsed: ParsedQuery) -> NameToken | None:
    """Garcia Lopez with no first name: both words may be one last name (Garcia-Lopez).

    Only without a comma (which says where the last name ends) and when no word
    but the last is a wildcard; a `*` on the last word makes the joined name a prefix.
    """
    tokens = parsed.names
    if len(tokens) < 2 or parsed.last_name_first or any(t.wildcard for t in tokens[:-1]):
        return None
    return NameToken(text=" ".join(t.text for t in tokens), wildcard=tokens[-1].wildcard)


def _join_words(parts: list[dict[str, TermMatch]], tokens: list[NameToken]) -> dict[str, TermMatch]:
    """Several words as one last name ("de la Cruz" -> "delacruz"), matched exactly."""
    if len(parts) == 1:
        return parts[0]
    exact = [next((m.term for m in p.values() if m.kind == EXACT), "") for p in parts]
    joined = "".join(exact)
    typed = " ".join(t.text for t in tokens)
    return {joined: TermMatch(term=joined, kind=EXACT, typed=typed)} if all(exact) else {}


# One SELECT per (reading, score): every row it returns has that score, so the
# statement can list them best first and stop at the cap (see _candidates).
_BRANCH_SQL = {
    "pair": """SELECT s.id, {score}, '{slot}', NULL::bigint, s.last_key, s.first_key
FROM seekers_jobseeker s WHERE ({names}) AND {filters}""",
    "middle": """SELECT s.id, {score}, '{slot}-middle', NULL::bigint, s.last_key, s.middle_key
FROM seekers_jobseeker s WHERE ({names}) AND {filters}""",
    "other": """SELECT s.id, {score}, '{slot}', o.id, o.last_key, o.first_key
FROM seekers_othername o JOIN seekers_jobseeker s ON s.id = o.seeker_id
WHERE ({names}) AND {filters}""",
    "single-last": """SELECT s.id, {score}, '{slot}', NULL::bigint, s.last_key, NULL
FROM seekers_jobseeker s WHERE ({names}) AND {filters}""",
    "single-other": """SELECT s.id, {score}, '{slot}', o.id, o.last_key, NULL
FROM seekers_othername o JOIN seekers_jobseeker s ON s.id = o.seeker_id
WHERE ({names}) AND {filters}""",
    "single-first": """SELECT s.id, {score}, 'single-first', NULL::bigint, NULL, s.first_key
FROM seekers_jobseeker s WHERE ({names}) AND {filters}""",
    "single-middle": """SELECT s.id, {score}, 'single-middle', NULL::bigint, NULL, s.middle_key
FROM seekers_jobseeker s WHERE ({names}) AND {filters}""",
}
# Which name columns each branch compares: (last column, first column) or one column.
_BRANCH_COLUMNS = {
    "pair": ("s.last_key", "s.first_key"),
    "middle": ("s.last_key", "s.middle_key"),
    "other": ("o.last_key", "o.first_key"),
    "single-last": ("s.last_key", None),
    "single-other": ("o.last_key", None),
    "single-first": ("s.first_key", None),
    "single-middle": ("s.middle_key", None),
}
_BRANCH_PENALTY = {
    "pair": 0, "middle": MIDDLE_NAME_PENALTY, "other": OTHER_NAME_PENALTY,
    "single-last": 0, "single-other": OTHER_NAME_PENALTY,
    "single-first": FIRST_ONLY_PENALTY, "single-middle": FIRST_ONLY_PENALTY + 1,
}  # fmt: skip


def _by_kind(terms: dict[str, TermMatch]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for match in terms.values():
        grouped.setdefault(match.kind, []).append(match.term)
    return grouped


# Readings that are already a stretch (names swapped, a middle name used as the
# first) only count with close matches; fuzzier ones would bury real candidates.
_CLOSE = {EXACT, PREFIX, NICKNAME}


def _pair_shapes(reading: str, last_kind: str, first_kind: str) -> list[str]:
    # A stretch reading needs a close first name; the last name may be misspelt:
    # "Larsin Margaret" is a caller giving a surname first, and staff mistyping it. A close
    # last name with a fuzzy first name would let "Ar* Larsen" list every Lauren Armstrong.
    if reading != "primary":
        return ["pair"] if first_kind in _CLOSE else []
    return ["pair", "other", "middle"] if first_kind in _CLOSE else ["pair", "other"]


def _branches(slots: list[Slot]) -> list[tuple[int, str, str, list]]:
    """(score, shape, reading, [term groups]) for every way a row can match, any order."""
    found: dict[tuple[int, str, str], list] = {}
    for slot in slots:
        lasts = _by_kind(slot.last)
        if slot.first is None:
            shapes = {"single-last": ["single-last", "single-other"],
                      "joined": ["single-last", "single-other"],
                      "single-first": ["single-first", "single-middle"]}[slot.name]  # fmt: skip
            for kind, terms in lasts.items():
                if slot.name == "single-first" and kind not in _CLOSE:
                    continue  # one word is nearly always a last name: no fuzzy first names
                for shape in shapes:
                    score = 2 * KIND_SCORE[kind] - _BRANCH_PENALTY[shape]
                    found.setdefault((score, shape, slot.name), []).append((terms, None))
            continue
        firsts = _by_kind(slot.first)
        for last_kind, last_terms in lasts.items():
            for first_kind, first_terms in firsts.items():
                for shape in _pair_shapes(slot.name, last_kind, first_kind):
                    score = (KIND_SCORE[last_kind] + KIND_SCORE[first_kind] - slot.penalty
                             - _BRANCH_PENALTY[shape])  # fmt: skip
                    found.setdefault((score, shape, slot.name), []).append(
                        (last_terms, first_terms)
                    )
    return [(score, shape, name, groups) for (score, shape, name), groups in found.items()]


# Non-name parts of a query: the column test each adds, and the reason it gives.
_FILTER_SQL = {
    "dob": "s.date_of_birth = %(dob)s",
    "last4": "s.ssn_last4 = %(last4)s",
    "ssn_index": "s.ssn_index = %(ssn_index)s",
    "phone": "s.phone = %(phone)s",
    "email": "lower(s.email) = %(email)s",
    "seeker_id": "s.id = %(seeker_id)s",
}


def _filters(parsed: ParsedQuery, params: dict[str, object]) -> str:
    """Every non-name part of the query narrows the rows (AND)."""
    present = {name: value for name, value in identifier_values(parsed).items() if value}
    params.update(present)
    # "TRUE" first, so that every branch reads "WHERE (names) AND TRUE [AND ...]".
    return " AND ".join(["TRUE", *(_FILTER_SQL[name] for name in present)])


_IN_OFFICE = """ AND EXISTS (
    SELECT 1 FROM seekers_jobseeker_offices m
    WHERE m.jobseeker_id = s.id AND m.office_id = %(office)s)"""


# For this transaction only: run the branches strictly in order (a parallel Append
# would interleave them), skip JIT (compiling costs more than these queries take),
# and price random reads as the cached index reads they nearly always are.
_PLANNER_SETTINGS = """SELECT set_config('enable_parallel_append', 'off', true),
    set_config('max_parallel_workers_per_gather', '0', true),
    set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)"""


def _candidates(
    parsed: ParsedQuery, slots: list[Slot], office_id: int | None
) -> tuple[list[Candidate], bool]:
    """The best candidates (at most CANDIDATE_LIMIT), and whether more exist.

    The branches run best score first inside one UNION ALL under a LIMIT: PostgreSQL
    runs them in that order and stops as soon as it has enough rows, so "Smith" reads
    about a thousand index entries, not every Smith. Each branch reaches its rows
    through an index on exact name keys.
    """
    params: dict[str, object] = {"limit": CANDIDATE_LIMIT + 1, "office": office_id}
    filters = _filters(parsed, params) + (_IN_OFFICE if office_id is not None else "")
    branches = []
    arrays: dict[tuple[str, ...], str] = {}  # one parameter per distinct term list

    def array(terms: list[str]) -> str:
        key = tuple(terms)
        if key not in arrays:
            arrays[key] = f"t{len(arrays)}"
            params[arrays[key]] = terms
        return f"%({arrays[key]})s::text[]"

    ordered = sorted(_branches(slots), key=lambda b: (-b[0], b[1], b[2]))
    for score, shape, reading, groups in ordered:
        last_col, first_col = _BRANCH_COLUMNS[shape]
        names = []
        for last_terms, first_terms in groups:
            clause = f"{last_col} = ANY({array(last_terms)})"
            if first_col is not None:
                clause += f" AND {first_col} = ANY({array(first_terms)})"
            names.append(f"({clause})")
        sql = _BRANCH_SQL[shape].format(
            score=score, slot=reading, names=" OR ".join(names), filters=filters
        )
        # The inner LIMIT tells the planner each branch needs few rows: an index scan
        # that stops early beats a bitmap over every Smith.
        branches.append(f"({sql} LIMIT %(limit)s)")
    if not parsed.names:  # identifiers and dates alone: the filters are the search
        branches.append(
            f"(SELECT s.id, {IDENTIFIER_SCORE}, 'identifier', NULL::bigint, NULL, NULL "  # noqa: S608
            f"FROM seekers_jobseeker s WHERE {filters})"
        )
    if not branches:  # name words that hold no letters at all
        return [], False
    sql = " UNION ALL ".join(branches) + " LIMIT %(limit)s"
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(_PLANNER_SETTINGS)
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    capped = len(rows) > CANDIDATE_LIMIT
    best: dict[int, Candidate] = {}
    for row in rows:
        candidate = Candidate(*row)
        if candidate.seeker_id not in best or candidate.score > best[candidate.seeker_id].score:
            best[candidate.seeker_id] = candidate
    return sorted(best.values(), key=lambda c: (-c.score, c.seeker_id))[:CANDIDATE_LIMIT], capped

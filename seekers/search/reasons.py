"""Why a seeker matched, in words staff can repeat to a caller (docs/search.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from seekers.models import JobSeeker, ssn_blind_index
from seekers.search.query import ParsedQuery
from seekers.search.terms import EXACT, NICKNAME, PREFIX, SOUNDS, TermMatch

if TYPE_CHECKING:
    from seekers.search.engine import Candidate, Slot


def identifier_values(parsed: ParsedQuery) -> dict[str, object]:
    return {
        "dob": parsed.date_of_birth,
        "last4": parsed.ssn_last4,
        "ssn_index": ssn_blind_index(parsed.ssn) if parsed.ssn else None,
        "phone": parsed.phone,
        "email": parsed.email,
        "seeker_id": parsed.seeker_id,
    }


def match_reasons(
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
                part = "last" if candidate.slot in ("single-last", "joined") else "first"
                found.append((part, slot.last[term]))
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
        where = " (middle name)" if label == "middle name" else ""
        if match.via == match.term:
            return f"{typed} is a nickname of {actual}{where}"
        return f"{actual} is a nickname of {typed}{where}"
    if match.kind == SOUNDS:
        return f"{label} {actual} sounds like {match.typed}"
    return f"{label} {actual} is spelled like {match.typed}"


def _identifier_reasons(parsed: ParsedQuery) -> list[str]:
    present = {name for name, value in identifier_values(parsed).items() if value}
    return [reason(parsed) for name, reason in _FILTER_REASONS.items() if name in present]


_FILTER_REASONS = {
    "ssn_index": lambda p: "same SSN",
    "last4": lambda p: f"SSN ends in {p.ssn_last4}",
    "dob": lambda p: f"born {p.date_of_birth:%m/%d/%Y}",
    "phone": lambda p: "same phone",
    "email": lambda p: "same email",
    "seeker_id": lambda p: "seeker id",
}

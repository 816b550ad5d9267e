"""The three-valued logic the rules are written in: met, not met, or not known yet.

A condition is a `Finding`: `met` is True, False or None (not known: an answer the
condition needs is blank or was declined), with plain-words reasons and the questions
still to ask. `all_of` and `any_of` combine findings the way a person would: one
failed requirement decides "not eligible" even while others are unknown; one met
alternative decides "met" even while others are unknown.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from enum import StrEnum

from casework.enrollments.eligibility.answers import (
    DATE_OF_BIRTH,
    Answers,
    answer_display,
    question_label,
)
from seekers.constants import YesNoDeclined


class EligibilityStatus(StrEnum):
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    UNDETERMINED = "undetermined"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS = {
    EligibilityStatus.ELIGIBLE: "Eligible",
    EligibilityStatus.NOT_ELIGIBLE: "Not eligible",
    EligibilityStatus.UNDETERMINED: "Undetermined",
}
DECLINED = "declined"


@dataclass(frozen=True)
class Finding:
    """One condition's outcome: True met, False not met, None not known yet."""

    met: bool | None
    reasons: tuple[str, ...]
    missing: tuple[str, ...] = ()  # names of the questions to ask


@dataclass(frozen=True)
class EligibilityResult:
    """Eligible, not eligible or undetermined, why, and (undetermined) what to ask."""

    status: EligibilityStatus
    reasons: tuple[str, ...]
    missing: tuple[str, ...] = ()  # question names, in the order to ask them
    answers_used: dict | None = None

    @property
    def is_eligible(self) -> bool:
        return self.status == EligibilityStatus.ELIGIBLE

    @property
    def is_undetermined(self) -> bool:
        return self.status == EligibilityStatus.UNDETERMINED

    @property
    def missing_labels(self) -> list[str]:
        """The questions to ask, as staff see them."""
        return [question_label(name) for name in self.missing]

    def snapshot(self, *, rule: str, on: datetime.date) -> dict:
        """JSON-safe record of this decision: the rule, result, reasons and answers read."""
        return {
            "rule": rule,
            "status": str(self.status),
            "reasons": list(self.reasons),
            "missing": self.missing_labels,
            "answers": dict(self.answers_used or {}),
            "determined_on": on.isoformat(),
        }


def decide(answers: Answers, finding: Finding) -> EligibilityResult:
    """The result of a rule whose requirements are `finding`."""
    status = {
        True: EligibilityStatus.ELIGIBLE,
        False: EligibilityStatus.NOT_ELIGIBLE,
        None: EligibilityStatus.UNDETERMINED,
    }[finding.met]
    missing = finding.missing if finding.met is None else ()
    return EligibilityResult(status, finding.reasons, missing, answers.used())


def met(*reasons: str) -> Finding:
    return Finding(True, reasons)


def not_met(*reasons: str) -> Finding:
    return Finding(False, reasons)


def unknown(name: str, reason: str = "") -> Finding:
    """The answer to `name` is needed; say whether it is blank or was declined."""
    return Finding(None, (reason or f"{question_label(name)}: not answered yet.",), (name,))


def declined(name: str) -> Finding:
    return unknown(
        name,
        f"{question_label(name)}: the seeker preferred not to answer, and this program "
        "needs the answer to decide.",
    )


def _unique(names: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def all_of(*findings: Finding) -> Finding:
    """Met when every finding is; not met when any is not (its reasons); else unknown."""
    failed = [f for f in findings if f.met is False]
    if failed:
        return Finding(False, tuple(r for f in failed for r in f.reasons))
    open_ = [f for f in findings if f.met is None]
    if open_:
        reasons = tuple(r for f in open_ for r in f.reasons)
        return Finding(None, reasons, _unique(n for f in open_ for n in f.missing))
    return Finding(True, tuple(r for f in findings for r in f.reasons))


def any_of(*findings: Finding, none: str, explain: bool = False) -> Finding:
    """Met when one finding is (its reasons); not met when none is (`none`, and with
    `explain` each finding's reasons); else unknown with what is still to ask."""
    passed = [f for f in findings if f.met is True]
    if passed:
        return Finding(True, passed[0].reasons)
    open_ = [f for f in findings if f.met is None]
    if open_:
        reasons = tuple(r for f in open_ for r in f.reasons)
        return Finding(None, reasons, _unique(n for f in open_ for n in f.missing))
    details = tuple(r for f in findings for r in f.reasons) if explain else ()
    return Finding(False, (none, *details))


# --- Conditions on one answer ------------------------------------------------------------


def yes(answers: Answers, name: str) -> Finding:
    """A yes/no question answered yes; "no" is not met; blank or declined is unknown."""
    return answer_in(answers, name, {YesNoDeclined.YES})


def no(answers: Answers, name: str) -> Finding:
    """A yes/no question answered no."""
    return answer_in(answers, name, {YesNoDeclined.NO})


def answer_in(answers: Answers, name: str, accepted: Collection[str]) -> Finding:
    """The answer is one of `accepted`; blank or "prefers not to answer" is unknown."""
    value = answers.get(name)
    if not value:
        return unknown(name)
    if value == DECLINED:
        return declined(name)
    reason = f"{question_label(name)}: {answer_display(name, value)}."
    return met(reason) if value in accepted else not_met(reason)


def age_between(answers: Answers, low: int, high: int | None = None) -> Finding:
    """Aged `low` to `high` (both included; no upper bound without `high`) on the day."""
    age = answers.age
    if age is None:
        return unknown(DATE_OF_BIRTH)
    wanted = f"{low} or older" if high is None else f"{low} to {high}"
    if age >= low and (high is None or age <= high):
        return met(f"Aged {age} on {answers.on:%m/%d/%Y} ({wanted}).")
    return not_met(f"Aged {age} on {answers.on:%m/%d/%Y}: must be {wanted}.")

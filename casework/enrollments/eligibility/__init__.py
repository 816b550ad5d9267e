"""Program eligibility (seed 001): small, documented rules over a seeker's answers.

`program_eligibility(program=..., answers=...)` decides one program by the rule its
administrator chose (Program.eligibility_rule); the rules and their sources are in
`rules.py` and docs/eligibility.md.
"""

from __future__ import annotations

from casework.enrollments.eligibility.answers import (
    ALL_QUESTIONS,
    Answers,
    answer_display,
    answers_snapshot,
    question_label,
)
from casework.enrollments.eligibility.logic import EligibilityResult, EligibilityStatus
from casework.enrollments.eligibility.rules import RULES, staff_decides
from workforce.models import Program


def rule_decide(rule: str, answers: Answers) -> EligibilityResult:
    """The result of the rule named `rule` (an EligibilityRule value) over `answers`."""
    return RULES.get(rule, staff_decides)(answers.fresh())


def program_eligibility(*, program: Program, answers: Answers) -> EligibilityResult:
    """The seeker's eligibility for `program` by the rule its administrator chose."""
    return rule_decide(program.eligibility_rule, answers)


__all__ = [
    "ALL_QUESTIONS", "RULES", "Answers", "EligibilityResult", "EligibilityStatus",
    "answer_display", "answers_snapshot", "program_eligibility", "question_label", "rule_decide",
]  # fmt: skip

"""The order of the call's steps and what makes each one done (seed 000, steps 2-7).

Every step view re-checks this before it runs, so a step cannot be reached by URL
before the ones it depends on (send-money's habit, STYLE.md rule 11).
"""

from __future__ import annotations

from registration.constants import GatingQuestion
from registration.models import RegistrationCall

STEPS = [
    "existing",
    "notice",
    "questions",
    "contact",
    "ssn",
    "credentials",
    "demographics",
    "review",
]
TITLES = {
    "existing": "Existing account",
    "notice": "Tennessen warning",
    "questions": "Three questions",
    "contact": "Contact",
    "ssn": "Social Security Number",
    "credentials": "Username and password",
    "demographics": "Demographics",
    "review": "Review and create",
}


def latest_answers(call: RegistrationCall) -> dict[str, bool]:
    """The last answer given to each question (staff may ask again after a No)."""
    latest: dict[str, bool] = {}
    # A fresh query, never a prefetched list: answers may have been added in this request.
    for answer in call.answers.order_by("answered_at", "pk"):
        latest[answer.question] = answer.answer
    return latest


def all_yes(call: RegistrationCall) -> bool:
    answers = latest_answers(call)
    return all(answers.get(q) is True for q in GatingQuestion.values)


def is_done(call: RegistrationCall, step: str) -> bool:
    done = {
        "existing": call.no_match_confirmed_at is not None,
        "notice": call.notice_read_at is not None,
        "questions": call.notice_read_at is not None and all_yes(call),
        "contact": "contact" in call.draft,
        "ssn": bool(call.draft_ssn_index),
        "credentials": bool(call.draft_password_hash),
        "demographics": "demographics" in call.draft,
        "review": False,
    }
    return done[step]


def first_incomplete(call: RegistrationCall) -> str:
    return next(step for step in STEPS if not is_done(call, step))


def reachable(call: RegistrationCall, step: str) -> bool:
    """A step may be shown when every step before it is done."""
    return STEPS.index(step) <= STEPS.index(first_incomplete(call))


def progress(call: RegistrationCall, current: str) -> list[dict[str, str]]:
    """The step indicator: each step done, current or still to do, from the call itself.

    Going back (a "Change" link, or the search again after an SSN clash) does not make the
    steps already done look undone.
    """
    return [
        {"title": TITLES[name],
         "state": "current" if name == current else "complete" if is_done(call, name) else "todo"}
        for name in STEPS
    ]  # fmt: skip

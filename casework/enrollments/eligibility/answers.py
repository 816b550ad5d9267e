"""What the rules read: one seeker's demographic answers and age on a given day, frozen."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field

from seekers.age import age_on
from seekers.models import (
    DEMOGRAPHICS_QUESTIONS,
    DEMOGRAPHICS_STAFF_ONLY,
    ELIGIBILITY_QUESTIONS,
    Demographics,
    JobSeeker,
)

# Every question of Demographics, in the order staff ask them.
ALL_QUESTIONS = [*DEMOGRAPHICS_QUESTIONS, *DEMOGRAPHICS_STAFF_ONLY, *ELIGIBILITY_QUESTIONS]
DATE_OF_BIRTH = "date_of_birth"


def question_label(name: str) -> str:
    """The question as staff see it ("Legally eligible to work in the United States")."""
    if name == DATE_OF_BIRTH:
        return "Date of birth"
    label = str(Demographics._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def answer_display(name: str, value: object) -> str:
    """An answer in words ("Prefers not to answer", not "declined")."""
    model_field = Demographics._meta.get_field(name)
    model_field = getattr(model_field, "base_field", model_field)  # races: an ArrayField
    choices = dict(model_field.flatchoices)
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    return str(choices.get(value, value))


@dataclass
class Answers:
    """The answers a rule may read, and which ones it did read (stored with an enrollment).

    `values` maps a Demographics question to its stored answer ("" when never asked);
    `born` is the date of birth and `on` the day eligibility is decided for.
    """

    values: Mapping[str, object]
    on: datetime.date
    born: datetime.date | None = None
    read: set[str] = field(default_factory=set)

    def get(self, name: str) -> str:
        """The stored answer ("" for not asked); remembers that the rule read it."""
        if name not in ALL_QUESTIONS:
            raise KeyError(f"{name} is not a demographic question")  # a typo in a rule
        self.read.add(name)
        value = self.values.get(name) or ""
        return value if isinstance(value, str) else ""

    @property
    def age(self) -> int | None:
        """Whole years on `on` (seekers/age.py), or None without a date of birth."""
        self.read.add(DATE_OF_BIRTH)
        return age_on(self.born, self.on) if self.born else None

    def fresh(self) -> Answers:
        """The same answers with nothing read yet: one per rule, so each records its own."""
        return Answers(values=self.values, on=self.on, born=self.born)

    def used(self) -> dict[str, object]:
        """The answers read, JSON-safe, with the age they gave."""
        used: dict[str, object] = {
            name: self.values.get(name) or "" for name in ALL_QUESTIONS if name in self.read
        }
        if DATE_OF_BIRTH in self.read:
            used[DATE_OF_BIRTH] = self.born.isoformat() if self.born else ""
            used["age"] = age_on(self.born, self.on) if self.born else None
        return used


def answers_snapshot(
    *, seeker: JobSeeker, demographics: Demographics | None, on: datetime.date
) -> Answers:
    """The seeker's answers to every question (blank ones as "") and date of birth."""
    values: dict[str, object] = {}
    for name in ALL_QUESTIONS:
        value = getattr(demographics, name, "") if demographics is not None else ""
        values[name] = list(value) if isinstance(value, list) else (value or "")
    return Answers(values=values, on=on, born=seeker.date_of_birth)

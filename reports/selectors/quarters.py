"""The reports' calendar: WIOA program-year quarters, and months.

Program year (PY) 2026 runs from July 1, 2026 to June 30, 2027; Q1 is July-September
2026, Q2 October-December 2026, Q3 January-March 2027 and Q4 April-June 2027 (the
Department of Labor's WIOA reporting calendar).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Quarter:
    """A quarter of a WIOA program year: PY2026 Q1 is July 1 to September 30, 2026."""

    year: int
    number: int

    MONTHS = {1: "July to September", 2: "October to December", 3: "January to March",
              4: "April to June"}  # fmt: skip

    @property
    def start(self) -> datetime.date:
        month = 7 + 3 * (self.number - 1)
        return datetime.date(self.year + (month > 12), (month - 1) % 12 + 1, 1)

    @property
    def end(self) -> datetime.date:
        return self.following().start - datetime.timedelta(days=1)

    def following(self) -> Quarter:
        return Quarter(self.year + (self.number == 4), self.number % 4 + 1)

    def previous(self) -> Quarter:
        return Quarter(self.year - (self.number == 1), (self.number - 2) % 4 + 1)

    @classmethod
    def containing(cls, day: datetime.date) -> Quarter:
        year = day.year if day.month >= 7 else day.year - 1
        return cls(year, (day.month - 7) % 12 // 3 + 1)

    def __str__(self) -> str:
        return f"PY{self.year} Q{self.number}"


def quarter_latest_complete(*, today: datetime.date) -> Quarter:
    """The most recent quarter that has ended by `today` (the report's default)."""
    return Quarter.containing(today).previous()


def month_end(month: datetime.date) -> datetime.date:
    """The last day of the month that `month` (any day of it) is in."""
    following = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def month_add(month: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after (or before, if negative) `month`'s."""
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)

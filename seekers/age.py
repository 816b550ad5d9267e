"""A person's age in whole years, as staff and federal reporting count it."""

from __future__ import annotations

import datetime


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Whole years from birth to `day`; someone born on February 29 turns a year older on March 1
    in common years (the birthday has not come until the day after February 28)."""
    before_birthday = (day.month, day.day) < (born.month, born.day)
    return day.year - born.year - before_birthday

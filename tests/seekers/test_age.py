import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from seekers.age import age_on

D = datetime.date


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (D(1975, 3, 2), D(2026, 3, 1), 50),
        (D(1975, 3, 2), D(2026, 3, 2), 51),
        (D(2000, 2, 29), D(2026, 2, 28), 25),
        (D(2000, 2, 29), D(2026, 3, 1), 26),
        (D(2000, 2, 29), D(2028, 2, 29), 28),
        (D(2026, 11, 21), D(2026, 11, 21), 0),
    ],
)
def test_it_counts_whole_years(born: D, day: D, age: int) -> None:
    assert age_on(born, day) == age


@given(st.dates(max_value=D(2100, 1, 1)), st.integers(min_value=0, max_value=40000))
def test_it_never_decreases_from_one_day_to_the_next(born: D, days: int) -> None:
    day = born + datetime.timedelta(days=days)
    assert 0 <= age_on(born, day) <= age_on(born, day + datetime.timedelta(days=1))


@given(st.dates(max_value=D(2000, 1, 1)), st.integers(min_value=0, max_value=100))
def test_it_turns_n_on_the_nth_birthday_and_not_the_day_before(born: D, years: int) -> None:
    if (born.month, born.day) == (2, 29):
        born = born.replace(day=28)
    birthday = born.replace(year=born.year + years)
    assert age_on(born, birthday) == years
    if years:
        assert age_on(born, birthday - datetime.timedelta(days=1)) == years - 1

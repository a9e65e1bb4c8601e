"""Age for the guardian's signature (민법 제4조·제5조): pure, no database."""

from __future__ import annotations

from datetime import date

import pytest

from vocnet.placements.rules.age import age_on, needs_guardian


@pytest.mark.parametrize(
    ("day", "age"),
    [(date(2026, 3, 14), 18), (date(2026, 3, 15), 19), (date(2027, 1, 1), 19)],
)
def test_age_counts_full_years_and_the_birthday_itself(day: date, age: int) -> None:
    assert age_on(date(2007, 3, 15), day) == age


def test_a_leap_day_birthday_comes_of_age_on_the_first_of_march() -> None:
    assert age_on(date(2008, 2, 29), date(2027, 2, 28)) == 18
    assert age_on(date(2008, 2, 29), date(2027, 3, 1)) == 19


def test_a_minor_or_an_unknown_age_needs_the_guardian() -> None:
    assert needs_guardian(None, date(2026, 12, 1)) is True
    assert needs_guardian(date(2008, 12, 2), date(2026, 12, 1)) is True
    assert needs_guardian(date(2007, 12, 1), date(2026, 12, 1)) is False

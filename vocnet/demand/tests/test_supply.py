"""The supply model: graduates for work by year, from enrolment by grade and from intake."""

from __future__ import annotations

from datetime import date

import pytest

from vocnet.demand.supply import SupplyModel, current_school_year


def test_the_school_year_starts_on_the_first_of_march() -> None:
    assert current_school_year(date(2027, 2, 28)) == 2026
    assert current_school_year(date(2027, 3, 1)) == 2027


@pytest.mark.parametrize(
    ("year", "graduates"),
    [
        (2026, 0.0),  # the past is not projected
        (2027, 44 * 0.97),  # this year's 3rd grade
        (2028, 46 * 0.97**2),  # 2nd grade
        (2029, 48 * 0.97**3),  # 1st grade
        (2030, 50 * 0.97**3),  # not yet admitted: the intake
        (2035, 50 * 0.97**3),
    ],
)
def test_graduates_come_from_the_grade_that_graduates_that_year(
    year: int, graduates: float
) -> None:
    # Given a department of school year 2026: intake 50, grades 48 / 46 / 44
    model = SupplyModel(base_year=2026, annual_retention=0.97, labour_market_share=0.495)

    # When its graduates of a year are projected
    made = model.graduates(year, intake=50, grade_1=48, grade_2=46, grade_3=44)

    # Then they are the right grade times the retention of the years left
    assert made == pytest.approx(graduates)
    assert model.available(made) == pytest.approx(graduates * 0.495)


def test_a_decision_now_first_reaches_the_labour_market_four_years_on() -> None:
    model = SupplyModel(base_year=2026)

    assert model.first_planned_year == 2030
    assert model.graduates_per_place == pytest.approx(0.97**3 * 0.495)

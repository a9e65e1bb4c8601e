"""The yearly change rules that make a plan defensible (issue 17 §4): no department moves more
than its yearly limit, and no school changes more departments in a year than allowed."""

from __future__ import annotations

import dataclasses
from collections import defaultdict

import pytest

from vocnet.planning import Action, Parameters, PlanningProblem, PlanResult, plan
from vocnet.planning.errors import InvalidProblem
from vocnet.planning.synthetic import synthetic_problem, with_yearly_limits


def _limited(problem: PlanningProblem, *, share: float, per_school: int) -> PlanningProblem:
    return with_yearly_limits(problem, share=share, per_school=per_school)


@pytest.fixture(scope="module")
def planned() -> tuple[PlanningProblem, PlanResult, PlanResult]:
    base = synthetic_problem(
        regions_per_province=(4, 6), schools=14, fields=9, seed=3, conversions_per_department=2
    )
    limited = _limited(base, share=0.2, per_school=2)
    return limited, plan(base), plan(limited)


def test_no_department_moves_more_than_its_yearly_limit(
    planned: tuple[PlanningProblem, PlanResult, PlanResult],
) -> None:
    # Given a plan with a yearly limit of 20 % of each department's intake
    problem, _, result = planned

    # Then its own field moves by at most the limit and at most the limit converts
    for department in problem.departments:
        item = result.recommendation(department.id)
        assert department.max_change is not None
        assert abs(item.new_intake - department.intake) <= department.max_change
        assert item.converted_intake <= department.max_change


def test_no_school_changes_more_departments_than_allowed(
    planned: tuple[PlanningProblem, PlanResult, PlanResult],
) -> None:
    problem, unlimited, result = planned
    changed: dict[str, int] = defaultdict(int)
    changed_without_limit: dict[str, int] = defaultdict(int)
    for department in problem.departments:
        if result.recommendation(department.id).action is not Action.KEEP:
            changed[department.school] += 1
        if unlimited.recommendation(department.id).action is not Action.KEEP:
            changed_without_limit[department.school] += 1

    assert max(changed.values()) <= 2
    # The limit binds on this instance: without it some school changes more departments.
    assert max(changed_without_limit.values()) > 2


def test_a_limit_of_zero_keeps_every_department() -> None:
    base = synthetic_problem(regions_per_province=(3,), schools=5, fields=5, seed=1)
    result = plan(_limited(base, share=0.2, per_school=0))

    assert all(item.action is Action.KEEP for item in result.recommendations)


def test_negative_limits_are_refused_naming_the_field() -> None:
    base = synthetic_problem(regions_per_province=(3,), schools=3, fields=4, seed=1)
    bad = dataclasses.replace(
        base, parameters=dataclasses.replace(Parameters(), max_changed_departments=-1)
    )

    with pytest.raises(InvalidProblem) as raised:
        plan(bad)

    assert "max_changed_departments" in str(raised.value.problems)

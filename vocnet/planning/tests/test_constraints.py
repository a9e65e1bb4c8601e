"""On synthetic problems of realistic shape, every plan keeps every rule of the model."""

from __future__ import annotations

import math
from collections import defaultdict

import pytest

from vocnet.planning import Action, Parameters, PlanningProblem, PlanResult, PlanStatus, plan
from vocnet.planning.synthetic import NATIONAL_REGIONS, national_problem, synthetic_problem
from vocnet.planning.validation import school_bounds


@pytest.fixture(scope="module")
def planned() -> tuple[PlanningProblem, PlanResult]:
    problem = synthetic_problem(
        regions_per_province=(4, 6), schools=14, fields=9, seed=3, conversions_per_department=2
    )
    return problem, plan(problem)


def test_department_bounds_and_whole_places_are_kept(
    planned: tuple[PlanningProblem, PlanResult],
) -> None:
    # Given a plan of a synthetic problem
    problem, result = planned

    # Then every department's total lies in its bounds, in whole places
    for department in problem.departments:
        item = result.recommendation(department.id)
        assert department.min_intake <= item.total_intake <= department.max_intake
        assert isinstance(item.new_intake, int)
        assert isinstance(item.converted_intake, int)


def test_school_totals_stay_within_ten_percent(
    planned: tuple[PlanningProblem, PlanResult],
) -> None:
    problem, result = planned
    today: dict[str, int] = defaultdict(int)
    planned_total: dict[str, int] = defaultdict(int)
    for department in problem.departments:
        today[department.school] += department.intake
        planned_total[department.school] += result.recommendation(department.id).total_intake

    for school, total in today.items():
        low, high = school_bounds(total, 0.1)
        assert low <= planned_total[school] <= high


def test_teacher_capacities_hold_and_each_department_converts_to_one_field_at_most(
    planned: tuple[PlanningProblem, PlanResult],
) -> None:
    problem, result = planned
    load: dict[tuple[str, str], int] = defaultdict(int)
    for department in problem.departments:
        item = result.recommendation(department.id)
        load[(department.school, department.field)] += item.new_intake
        if item.converted_intake:
            assert item.action is Action.CONVERT
            assert item.converted_field in {o.field for o in department.conversions}
            load[(department.school, item.converted_field or "")] += item.converted_intake

    for capacity in problem.teachers:
        assert load[(capacity.school, capacity.field)] <= capacity.max_intake


def test_the_plan_is_no_worse_than_today_and_within_the_gap(
    planned: tuple[PlanningProblem, PlanResult],
) -> None:
    problem, result = planned

    assert result.status is PlanStatus.OPTIMAL
    assert result.mip_gap <= problem.parameters.mip_gap
    assert result.objective.total <= result.baseline.total
    assert result.size.integer_variables > 0


def test_supply_after_is_the_planned_intake_times_graduates_per_place(
    planned: tuple[PlanningProblem, PlanResult],
) -> None:
    problem, result = planned
    rho = problem.parameters.graduates_per_place
    expected: dict[tuple[str, str], float] = defaultdict(float)
    for item in result.recommendations:
        expected[(item.region, item.field)] += rho * item.new_intake
        if item.converted_field:
            expected[(item.region, item.converted_field)] += rho * item.converted_intake

    for outcome in result.outcomes:
        assert outcome.supply_after == pytest.approx(expected[(outcome.region, outcome.field)])


def test_unmet_never_exceeds_demand_and_a_plan_without_demand_keeps_everything() -> None:
    # Given departments and no demand at all
    problem = synthetic_problem(regions_per_province=(3,), schools=3, fields=4, seed=5)
    bare = PlanningProblem(
        departments=problem.departments,
        demand=(),
        neighbours=problem.neighbours,
        parameters=Parameters(change_weight=0.01),
    )

    # When planned
    result = plan(bare)

    # Then nothing is worth changing
    assert {item.action for item in result.recommendations} == {Action.KEEP}
    assert result.objective.total == 0.0


def test_the_national_instance_has_the_shape_of_korea() -> None:
    # Given the benchmark's national instance (built, not solved)
    problem = national_problem()

    # Then it has 17 provinces' 229 regions, 580 schools and 83 fields
    assert sum(NATIONAL_REGIONS) == 229
    assert len(NATIONAL_REGIONS) == 17
    assert len(problem.neighbours) == 229
    assert len({d.school for d in problem.departments}) == 580
    fields = {d.field for d in problem.departments} | {d.field for d in problem.demand}
    assert fields <= {f"F{n:02d}" for n in range(1, 84)}
    assert len(fields) > 75
    assert math.isclose(problem.parameters.graduates_per_place, 0.91 * 0.5)

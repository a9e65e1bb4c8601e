"""``plan``: validate, build the model, search (``search.py``), and read the plan back as
recommendations with their explanations."""

from __future__ import annotations

import time
from collections import defaultdict

import numpy as np
from numpy.typing import NDArray

from vocnet.planning.explain import explain
from vocnet.planning.formulation import Model, build_model, closed_neighbourhood
from vocnet.planning.model import (
    Action,
    Effect,
    ModelSize,
    ObjectiveBreakdown,
    PlanningProblem,
    PlanResult,
    Recommendation,
    RegionFieldOutcome,
)
from vocnet.planning.search import infeasible, search
from vocnet.planning.validation import school_conflicts, validate_problem


def _breakdown(
    problem: PlanningProblem, model: Model, x: NDArray[np.float64], intakes: list[int]
) -> ObjectiveBreakdown:
    parameters = problem.parameters
    unmet = sum(float(x[c]) for c in model.unmet.values())
    weighted_unmet = sum(model.unmet_weights[key] * float(x[c]) for key, c in model.unmet.items())
    surplus = sum(float(x[c]) for c in model.surplus.values())
    cost = 0.0
    for conversion in model.conversions:
        places = round(float(x[conversion.places]))
        if places:
            cost += conversion.option.cost_per_place * places + conversion.option.fixed_cost
    changed = float(
        sum(abs(n - d.intake) for n, d in zip(intakes, problem.departments, strict=True))
    )
    crossing = sum(float(x[c]) for origin, to, _f, _y, c in model.flows if origin != to)
    return ObjectiveBreakdown(
        unmet=unmet,
        surplus=surplus,
        conversion_cost=cost,
        changed_places=changed,
        cross_border=crossing,
        weighted_unmet=weighted_unmet,
        weighted_surplus=parameters.surplus_weight * surplus,
        weighted_conversion=parameters.conversion_cost_weight * cost,
        weighted_change=parameters.change_weight * changed,
        weighted_cross_border=parameters.neighbour_weight * crossing,
    )


def _outcomes(
    problem: PlanningProblem,
    model: Model,
    before: NDArray[np.float64],
    after: NDArray[np.float64],
    supply_before: dict[tuple[str, str], float],
    supply_after: dict[tuple[str, str], float],
) -> list[RegionFieldOutcome]:
    keys = set(model.surplus) | set(model.unmet)
    outcomes = []
    for region, field_code, year in sorted(keys):
        spare = model.surplus.get((region, field_code, year))
        short = model.unmet.get((region, field_code, year))
        outcomes.append(
            RegionFieldOutcome(
                region=region,
                field=field_code,
                year=year,
                demand=model.demand.get((region, field_code, year), 0.0),
                supply_before=supply_before.get((region, field_code), 0.0),
                supply_after=supply_after.get((region, field_code), 0.0),
                unmet_before=0.0 if short is None else float(before[short]),
                unmet_after=0.0 if short is None else float(after[short]),
                surplus_before=0.0 if spare is None else float(before[spare]),
                surplus_after=0.0 if spare is None else float(after[spare]),
            )
        )
    return outcomes


def _effect(
    problem: PlanningProblem,
    outcomes: dict[tuple[str, str], list[RegionFieldOutcome]],
    region: str,
    field_code: str,
    years: int,
) -> Effect:
    regions = tuple(sorted(closed_neighbourhood(problem, region)))
    rows = [o for r in regions for o in outcomes.get((r, field_code), [])]
    per_year = max(years, 1)
    return Effect(
        field=field_code,
        regions=regions,
        unmet_before=sum(o.unmet_before for o in rows) / per_year,
        unmet_after=sum(o.unmet_after for o in rows) / per_year,
        surplus_before=sum(o.surplus_before for o in rows) / per_year,
        surplus_after=sum(o.surplus_after for o in rows) / per_year,
    )


def plan(problem: PlanningProblem) -> PlanResult:
    """The plan minimising weighted unmet demand, surplus, conversion cost and churn.

    Returns a :class:`PlanResult`: one recommendation per department (grow, shrink, convert
    or keep, with the new intake and a sentence in Korean and English), the objective of the
    plan and of today's intakes, per (region, field, year) outcomes, and the model's size.
    Raises :class:`InvalidProblem` for malformed input, :class:`Infeasible` naming the schools
    whose constraints conflict, and :class:`SolverFailed` when HiGHS finds no plan in
    ``time_limit`` seconds."""
    started = time.perf_counter()
    validate_problem(problem)
    parameters = problem.parameters
    model = build_model(problem)

    if school_conflicts(problem):
        raise infeasible(problem)
    found = search(problem, model)
    x, base = found.x, found.baseline

    rho = parameters.graduates_per_place
    intakes = [round(float(x[c])) for c in model.keep]
    converted: dict[int, tuple[str, int, float]] = {}
    for conversion in model.conversions:
        places = round(float(x[conversion.places]))
        if places > 0:
            option = conversion.option
            converted[conversion.department] = (
                option.field,
                places,
                option.cost_per_place * places + option.fixed_cost,
            )
    supply_before: dict[tuple[str, str], float] = defaultdict(float)
    supply_after: dict[tuple[str, str], float] = defaultdict(float)
    for index, department in enumerate(problem.departments):
        supply_before[(department.region, department.field)] += rho * department.intake
        supply_after[(department.region, department.field)] += rho * intakes[index]
        if index in converted:
            field_code, places, _cost = converted[index]
            supply_after[(department.region, field_code)] += rho * places

    outcomes = _outcomes(problem, model, base, x, supply_before, supply_after)
    by_pair: dict[tuple[str, str], list[RegionFieldOutcome]] = defaultdict(list)
    for outcome in outcomes:
        by_pair[(outcome.region, outcome.field)].append(outcome)
    year_count = len(model.years)
    school_changes: dict[str, list[int]] = defaultdict(list)
    for index, department in enumerate(problem.departments):
        if intakes[index] > department.intake or index in converted:
            school_changes[department.school].append(index)

    recommendations = []
    for index, department in enumerate(problem.departments):
        new = intakes[index]
        target = converted.get(index)
        if target is not None:
            action = Action.CONVERT
        elif new > department.intake:
            action = Action.GROW
        elif new < department.intake:
            action = Action.SHRINK
        else:
            action = Action.KEEP
        effects = [_effect(problem, by_pair, department.region, department.field, year_count)]
        if target is not None:
            effects.append(_effect(problem, by_pair, department.region, target[0], year_count))
        others = [problem.departments[i] for i in school_changes[department.school] if i != index]
        ko, en = explain(
            department,
            action=action,
            new_intake=new,
            conversion=target,
            effects=effects,
            parameters=parameters,
            labels=problem.labels,
            receivers=others,
        )
        recommendations.append(
            Recommendation(
                department=department.id,
                school=department.school,
                region=department.region,
                field=department.field,
                action=action,
                current_intake=department.intake,
                new_intake=new,
                converted_field=None if target is None else target[0],
                converted_intake=0 if target is None else target[1],
                conversion_cost=0.0 if target is None else target[2],
                graduates_change=rho * (new - department.intake),
                effects=tuple(effects),
                explanation_ko=ko,
                explanation_en=en,
            )
        )

    integer_count = int(model.integrality.sum())
    return PlanResult(
        status=found.status,
        objective=_breakdown(problem, model, x, intakes),
        baseline=_breakdown(problem, model, base, [d.intake for d in problem.departments]),
        recommendations=tuple(recommendations),
        outcomes=tuple(outcomes),
        years=model.years,
        size=ModelSize(
            variables=model.variable_count,
            integer_variables=integer_count,
            constraints=model.row_count,
            nonzeros=len(model.values),
        ),
        seconds=time.perf_counter() - started,
        mip_gap=found.gap,
    )

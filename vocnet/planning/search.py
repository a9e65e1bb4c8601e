"""Finding the plan: the LP relaxation, a rounded whole-place plan, and branch-and-bound only
when that plan is not yet provably within ``mip_gap`` of the optimum.

1. Solve the LP relaxation: a lower bound on every plan's objective.
2. Give each department the conversion target its relaxation liked most (or none) and solve
   the LP again with the other targets closed (warm-started): the relaxation may split a
   conversion between fields; a department converts to one.
3. Round to whole places and repair each school's rules (``rounding.round_plan``), then fix
   the whole places and solve the LP once more for the flows: a feasible plan and its exact
   objective.
4. If (objective − bound) / objective ≤ ``mip_gap`` the plan is returned; otherwise HiGHS's
   branch-and-bound runs from it for the time that is left.

The same HiGHS instance also evaluates today's intakes (the baseline).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from vocnet.planning.errors import Infeasible, Problem, SolverFailed
from vocnet.planning.formulation import Model, build_model
from vocnet.planning.highs import Outcome, Solver, solve_feasibility
from vocnet.planning.model import PlanningProblem, PlanStatus
from vocnet.planning.rounding import round_plan
from vocnet.planning.validation import school_conflicts


@dataclass(frozen=True)
class Found:
    x: NDArray[np.float64]
    status: PlanStatus
    gap: float
    baseline: NDArray[np.float64]


def _school_alone(problem: PlanningProblem, school: str) -> PlanningProblem:
    return replace(
        problem,
        departments=tuple(d for d in problem.departments if d.school == school),
        teachers=tuple(t for t in problem.teachers if t.school == school),
        demand=(),
        neighbours={},
    )


def infeasible(problem: PlanningProblem) -> Infeasible:
    """The error naming the schools whose constraints conflict: the quick checks of
    ``school_conflicts`` first; failing those, each school's constraints are solved alone
    (they never involve another school, so at least one school is infeasible by itself)."""
    conflicts = school_conflicts(problem)
    if not conflicts:
        for school in dict.fromkeys(d.school for d in problem.departments):
            alone = build_model(_school_alone(problem, school))
            if solve_feasibility(alone, time_limit=problem.parameters.time_limit) is (
                Outcome.INFEASIBLE
            ):
                name = next(
                    (d.school_name for d in problem.departments if d.school == school and
                     d.school_name), school,
                )  # fmt: skip
                conflicts.append(
                    Problem(
                        school,
                        "constraints_conflict",
                        f"{name}: 학과 정원 범위, 학교 총정원 범위, 교원 여건을 동시에 지킬 수 "
                        "없습니다",
                        f"{name}: its department bounds, total-intake range and teacher "
                        "capacities cannot all hold",
                    )
                )
    if not conflicts:
        conflicts.append(
            Problem(
                "__all__",
                "constraints_conflict",
                "조건이 서로 맞지 않습니다",
                "the constraints contradict each other",
            )
        )
    return Infeasible(
        f"조건을 모두 지키는 정원 계획이 없습니다: {conflicts[0].message_ko}",
        f"No intake plan keeps every constraint: {conflicts[0].message_en}",
        conflicts,
    )


def relative_gap(objective: float, bound: float) -> float:
    """HiGHS's definition: (objective − bound) / |objective|; 0 when both are 0."""
    if abs(objective) < 1e-9:
        return 0.0 if abs(bound) < 1e-9 else 1.0
    return max(objective - bound, 0.0) / abs(objective)


def _no_plan(problem: PlanningProblem, outcome: Outcome) -> SolverFailed:
    limit = problem.parameters.time_limit
    return SolverFailed(
        f"제한 시간({limit:.0f}초) 안에 정원 계획을 찾지 못했습니다",
        f"HiGHS found no intake plan within {limit:.0f} s ({outcome})",
    )


class _Clock:
    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.started = time.perf_counter()

    def left(self) -> float:
        return max(self.limit - (time.perf_counter() - self.started), 0.1)


def _targets_fixed(
    problem: PlanningProblem, model: Model, relaxed: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Bounds that leave each department only the conversion target its relaxation gave
    most places to (or none, below half a place), with that target's binary set; and, where
    a school may change only some of its departments (``max_changed_departments``), that
    many of the departments its relaxation moved most, the others held at today's intake."""
    lower, upper = model.lower.copy(), model.upper.copy()
    by_department: dict[int, list[int]] = {}
    for position, conversion in enumerate(model.conversions):
        by_department.setdefault(conversion.department, []).append(position)
    for positions in by_department.values():
        conversions = [model.conversions[p] for p in positions]
        best = max(conversions, key=lambda c: relaxed[c.places])
        total = sum(relaxed[c.places] for c in conversions)
        for conversion in conversions:
            chosen = conversion is best and total >= 0.5
            if not chosen:
                upper[conversion.places] = 0.0
            if conversion.chosen >= 0:
                lower[conversion.chosen] = upper[conversion.chosen] = 1.0 if chosen else 0.0
    _changes_fixed(problem, model, relaxed, lower, upper, by_department)
    return lower, upper


def _changes_fixed(
    problem: PlanningProblem,
    model: Model,
    relaxed: NDArray[np.float64],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    conversions: dict[int, list[int]],
) -> None:
    """Fix each flagged department's ``z``: 1 for the ``max_changed_departments`` of its school
    the relaxation moved most (own field and converted places), 0 — today's intake, nothing
    converted — for the rest."""
    limit = problem.parameters.max_changed_departments
    if limit is None or not model.changed:
        return
    by_school: dict[str, list[tuple[float, int]]] = {}
    for index in model.changed:
        department = problem.departments[index]
        moved = abs(relaxed[model.keep[index]] - department.intake) + sum(
            relaxed[model.conversions[p].places] for p in conversions.get(index, [])
        )
        by_school.setdefault(department.school, []).append((-moved, index))
    for ranked in by_school.values():
        for rank, (_, index) in enumerate(sorted(ranked)):
            flag = model.changed[index]
            keep = rank < limit
            lower[flag] = upper[flag] = 1.0 if keep else 0.0
            if not keep:
                intake = problem.departments[index].intake
                lower[model.keep[index]] = upper[model.keep[index]] = intake
                for position in conversions.get(index, []):
                    conversion = model.conversions[position]
                    upper[conversion.places] = 0.0
                    if conversion.chosen >= 0:
                        lower[conversion.chosen] = upper[conversion.chosen] = 0.0


def _baseline_bounds(
    problem: PlanningProblem, model: Model
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Today's intakes, fixed, with the intake rules switched off (today's intakes may break
    a bound the plan must keep)."""
    lower, upper = model.lower.copy(), model.upper.copy()
    for column, department in zip(model.keep, problem.departments, strict=True):
        lower[column] = upper[column] = department.intake
    for conversion in model.conversions:
        upper[conversion.places] = 0.0
        if conversion.chosen >= 0:
            lower[conversion.chosen] = upper[conversion.chosen] = 0.0
    row_lower, row_upper = model.row_lower.copy(), model.row_upper.copy()
    row_lower[: model.intake_rows] = -np.inf
    row_upper[: model.intake_rows] = np.inf
    return lower, upper, row_lower, row_upper


def _evaluate_today(
    problem: PlanningProblem, model: Model, solver: Solver, clock: _Clock
) -> NDArray[np.float64]:
    """The flows, surplus and unmet demand of today's intakes (the baseline)."""
    lower, upper, row_lower, row_upper = _baseline_bounds(problem, model)
    baseline = solver.solve_lp(
        lower=lower,
        upper=upper,
        row_lower=row_lower,
        row_upper=row_upper,
        time_limit=max(clock.left(), 5.0),
    )
    if baseline.x is None or baseline.outcome is not Outcome.OPTIMAL:
        raise SolverFailed(
            "현재 정원의 수급을 계산하지 못했습니다",
            f"HiGHS could not evaluate today's intakes ({baseline.outcome})",
        )
    return baseline.x


def search(problem: PlanningProblem, model: Model) -> Found:
    """The plan's variables, its status and its relative gap, and today's evaluation.

    Raises Infeasible or SolverFailed (see :func:`vocnet.planning.plan`)."""
    parameters = problem.parameters
    clock = _Clock(parameters.time_limit)
    solver = Solver(model)

    def lp(lower: NDArray[np.float64], upper: NDArray[np.float64]) -> NDArray[np.float64] | None:
        solved = solver.solve_lp(
            lower=lower,
            upper=upper,
            row_lower=model.row_lower,
            row_upper=model.row_upper,
            time_limit=clock.left(),
        )
        return solved.x if solved.outcome is Outcome.OPTIMAL else None

    relaxed = solver.solve_lp(
        lower=model.lower,
        upper=model.upper,
        row_lower=model.row_lower,
        row_upper=model.row_upper,
        time_limit=clock.left(),
    )
    if relaxed.outcome is Outcome.INFEASIBLE:
        raise infeasible(problem)
    if relaxed.x is None:
        raise _no_plan(problem, relaxed.outcome)
    bound = relaxed.objective
    x: NDArray[np.float64] = relaxed.x
    status, gap = PlanStatus.OPTIMAL, 0.0
    today: NDArray[np.float64] | None = None
    # A limit on the departments a school changes relaxes badly (the LP spreads it over every
    # department), so the bound is weaker there and branch-and-bound rarely proves 1 % in
    # time: a plan provably within ``limited_gap`` of the bound is accepted (and its gap
    # shown, as always).
    tolerance = (
        max(parameters.mip_gap, parameters.limited_gap) if model.changed else parameters.mip_gap
    )
    if model.integrality.any():
        start, start_objective = None, np.inf
        targeted = lp(*_targets_fixed(problem, model, relaxed.x))
        assignment = round_plan(problem, model, targeted if targeted is not None else relaxed.x)
        if assignment is not None:
            lower, upper = model.lower.copy(), model.upper.copy()
            columns = np.flatnonzero(model.integrality)
            lower[columns] = upper[columns] = assignment[columns]
            fixed = solver.solve_lp(
                lower=lower,
                upper=upper,
                row_lower=model.row_lower,
                row_upper=model.row_upper,
                time_limit=clock.left(),
            )
            if fixed.x is not None and fixed.outcome is Outcome.OPTIMAL:
                start, start_objective = fixed.x, fixed.objective
        if start is not None and relative_gap(start_objective, bound) <= tolerance:
            x, gap = start, relative_gap(start_objective, bound)
        else:
            # Today's intakes before branch-and-bound, which may use all the time left.
            today = _evaluate_today(problem, model, solver, clock)
            solved = solver.solve_mip(time_limit=clock.left(), mip_gap=tolerance, start=start)
            if solved.outcome is Outcome.INFEASIBLE:
                raise infeasible(problem)
            best = solved.x if solved.x is not None else start
            if best is None:
                raise _no_plan(problem, solved.outcome)
            x = best
            objective = solved.objective if solved.x is not None else start_objective
            gap = relative_gap(objective, max(solved.bound, bound))
            if solved.outcome is not Outcome.OPTIMAL and gap > tolerance:
                status = PlanStatus.TIME_LIMIT

    if today is None:
        today = _evaluate_today(problem, model, solver, clock)
    return Found(x=x, status=status, gap=gap, baseline=today)

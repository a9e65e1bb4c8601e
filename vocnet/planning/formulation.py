"""The mixed-integer model of department restructuring, as matrices for HiGHS.

Variables (all ≥ 0):

* ``k[d]``   integer — intake department *d* keeps in its own field;
* ``v[d,g]`` integer — places *d* converts to field *g*; ``y[d,g]`` binary — the conversion
  happens (at most one per department; ``min_conversion ≤ v ≤ cap·y``);
* ``p[d], q[d]`` — places added / removed in the own field (``k − p + q = intake``);
* ``z[d]``   binary — the department changes at all; only in a school with more departments
  than ``max_changed_departments`` (``p, q, v ≤ M·z`` with M the variable's own bound, and
  ``Σ z ≤ max_changed_departments`` per school);
* ``x[r,r',f,t]`` — graduates of field *f* produced in region *r* who work in *r'* in year
  *t*, for *r'* = *r* or a neighbour of *r* where *f* is wanted in *t*;
* ``s[r,f,t]`` — graduates of *f* produced in *r* left without a job (surplus);
* ``u[r',f,t]`` — demand for *f* in *r'* left unfilled (unmet).

Constraints:

* department total: ``min ≤ k + Σ v ≤ max`` (for a department without conversion options
  these are the bounds of ``k``);
* one year's change of a department (``max_change`` = L): ``intake − L ≤ k ≤ intake + L``
  and ``v ≤ L`` (bounds, not rows);
* school total: ``⌈(1 − x)·C⌉ ≤ Σ (k + Σ v) ≤ ⌊(1 + x)·C⌋`` with *C* today's total;
* teachers: ``Σ k (own field f) + Σ v (converted to f) ≤ T[school, f]``;
* supply: ``Σ_r' x[r,r',f,t] + s[r,f,t] = ρ · (Σ k + Σ v in r for f)`` with
  ρ = retention × labour-market share;
* demand: ``Σ_r x[r,r',f,t] + u[r',f,t] = D[r',f,t]``.

Objective: ``Σ (w_u·φ_f·u + w_s·s + w_n·x across a border) + w_c·Σ (cost·v + fixed·y)
+ w_δ·Σ (p + q)``, the first sum over the demand years.

Reachability is modelled with flows between *regions*, not schools: every school of a region
reaches the same regions, so region-level flows are exact (the same plans are feasible as with
one flow per school) and the flow count grows with regions × fields, not schools × fields.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from vocnet.planning.model import ConversionOption, Department, PlanningProblem
from vocnet.planning.validation import school_bounds


@dataclass(frozen=True)
class Conversion:
    department: int  # index into problem.departments
    option: ConversionOption
    places: int  # the column of v
    chosen: int  # the column of y, or -1 where no binary is needed


@dataclass
class Model:
    """The matrices and where each variable sits. Rows of the intake constraints come first
    (``intake_rows`` of them): the baseline relaxes them and fixes intakes to today's."""

    cost: NDArray[np.float64]
    lower: NDArray[np.float64]
    upper: NDArray[np.float64]
    integrality: NDArray[np.int8]
    rows: NDArray[np.int64]
    cols: NDArray[np.int64]
    values: NDArray[np.float64]
    row_lower: NDArray[np.float64]
    row_upper: NDArray[np.float64]
    intake_rows: int
    keep: list[int]  # column of k per department
    added: list[int]  # column of p per department
    removed: list[int]  # column of q per department
    conversions: list[Conversion]
    flows: list[tuple[str, str, str, int, int]]  # (from, to, field, year, column)
    surplus: dict[tuple[str, str, int], int]
    unmet: dict[tuple[str, str, int], int]
    demand: dict[tuple[str, str, int], float]
    supply_pairs: list[tuple[str, str]]
    years: tuple[int, ...]
    unmet_weights: dict[tuple[str, str, int], float] = field(default_factory=dict)
    changed: dict[int, int] = field(default_factory=dict)  # department → column of z

    @property
    def variable_count(self) -> int:
        return len(self.cost)

    @property
    def row_count(self) -> int:
        return len(self.row_lower)


class _Builder:
    def __init__(self) -> None:
        self.cost: list[float] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.integer: list[int] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.values: list[float] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []

    def variable(self, cost: float, lower: float, upper: float, integer: bool = False) -> int:
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        self.integer.append(1 if integer else 0)
        return len(self.cost) - 1

    def row(self, terms: list[tuple[int, float]], lower: float, upper: float) -> int:
        index = len(self.row_lower)
        for column, coefficient in terms:
            self.rows.append(index)
            self.cols.append(column)
            self.values.append(coefficient)
        self.row_lower.append(lower)
        self.row_upper.append(upper)
        return index


def closed_neighbourhood(problem: PlanningProblem, region: str) -> frozenset[str]:
    return frozenset({region}) | problem.neighbours.get(region, frozenset())


def _conversion_cap(
    department: Department, option: ConversionOption, teachers: dict[tuple[str, str], int]
) -> int:
    limit = teachers.get((department.school, option.field))
    cap = department.max_intake if limit is None else min(department.max_intake, limit)
    return cap if department.max_change is None else min(cap, department.max_change)


def keep_bounds(department: Department, *, converts: bool) -> tuple[int, int]:
    """The bounds of the own-field intake ``k``: the department's total bounds (the floor is
    0 when part of it may convert) within one year's change limit."""
    low = 0 if converts else department.min_intake
    high = department.max_intake
    if department.max_change is not None:
        low = max(low, department.intake - department.max_change)
        high = min(high, department.intake + department.max_change)
    return low, high


def _count_limit_rows(
    problem: PlanningProblem,
    builder: _Builder,
    bounds: dict[int, list[tuple[int, float]]],
) -> tuple[dict[int, int], list[tuple[list[tuple[int, float]], float, float]]]:
    """The binaries ``z`` and rows of ``max_changed_departments``: for each school with more
    departments that can change than the limit, ``column ≤ M·z`` for every change column of
    a department and ``Σ z ≤ limit``. ``bounds`` maps a department to its change columns and
    their bounds M (only the positive ones)."""
    limit = problem.parameters.max_changed_departments
    changed: dict[int, int] = {}
    rows: list[tuple[list[tuple[int, float]], float, float]] = []
    if limit is None:
        return changed, rows
    by_school: dict[str, list[int]] = defaultdict(list)
    for index, department in enumerate(problem.departments):
        if bounds.get(index):
            by_school[department.school].append(index)
    for indexes in by_school.values():
        if len(indexes) <= limit:
            continue
        flags = []
        for index in indexes:
            flag = builder.variable(0.0, 0.0, 1.0, integer=True)
            changed[index] = flag
            flags.append((flag, 1.0))
            for column, bound in bounds[index]:
                rows.append(([(column, 1.0), (flag, -bound)], -np.inf, 0.0))
        rows.append((flags, -np.inf, float(limit)))
    return changed, rows


def _aggregated_demand(problem: PlanningProblem) -> dict[tuple[str, str, int], float]:
    """Demand summed per (region, field, year), rows of no demand left out."""
    demand: dict[tuple[str, str, int], float] = defaultdict(float)
    for item in problem.demand:
        demand[(item.region, item.field, item.year)] += float(item.headcount)
    return {key: value for key, value in demand.items() if value > 0}


def _limit_rows(
    problem: PlanningProblem,
    school_terms: dict[str, list[int]],
    school_intake: dict[str, int],
    teacher_terms: dict[tuple[str, str], list[int]],
    teachers: dict[tuple[str, str], int],
) -> list[tuple[list[tuple[int, float]], float, float]]:
    """A school's total change (when bounded) and a field's teacher capacity, as rows."""
    parameters = problem.parameters
    rows: list[tuple[list[tuple[int, float]], float, float]] = []
    for school, columns in school_terms.items():
        low, high = school_bounds(school_intake[school], parameters.total_change)
        if parameters.total_change is not None:
            rows.append(([(c, 1.0) for c in columns], low, high))
    for pair, columns in teacher_terms.items():
        limit = teachers.get(pair)
        if limit is not None:
            rows.append(([(c, 1.0) for c in columns], -np.inf, float(limit)))
    return rows


def build_model(problem: PlanningProblem) -> Model:
    """The model of a validated problem (see the module docstring)."""
    parameters = problem.parameters
    rho = parameters.graduates_per_place
    builder = _Builder()
    teachers = {(t.school, t.field): t.max_intake for t in problem.teachers}

    demand = _aggregated_demand(problem)
    years = tuple(sorted({year for _, _, year in demand}))
    demanded = {(region, field_code) for region, field_code, _ in demand}

    # Intake variables and the rows that only concern one school.
    keep: list[int] = []
    added: list[int] = []
    removed: list[int] = []
    conversions: list[Conversion] = []
    supply_terms: dict[tuple[str, str], list[int]] = defaultdict(list)
    school_terms: dict[str, list[int]] = defaultdict(list)
    school_intake: dict[str, int] = defaultdict(int)
    teacher_terms: dict[tuple[str, str], list[int]] = defaultdict(list)
    intake_row_specs: list[tuple[list[tuple[int, float]], float, float]] = []
    change_rows: list[tuple[list[tuple[int, float]], float, float]] = []
    change_bounds: dict[int, list[tuple[int, float]]] = {}

    for index, department in enumerate(problem.departments):
        options = [
            option
            for option in department.conversions
            if _conversion_cap(department, option, teachers) > 0
        ]
        floor, ceiling = keep_bounds(department, converts=bool(options))
        column = builder.variable(0.0, floor, ceiling, integer=True)
        keep.append(column)
        plus = builder.variable(parameters.change_weight, 0.0, np.inf)
        minus = builder.variable(parameters.change_weight, 0.0, np.inf)
        added.append(plus)
        removed.append(minus)
        change_bounds[index] = [
            (c, float(b))
            for c, b in ((plus, ceiling - department.intake), (minus, department.intake - floor))
            if b > 0
        ]
        change_rows.append(
            ([(column, 1.0), (plus, -1.0), (minus, 1.0)], department.intake, department.intake)
        )
        supply_terms[(department.region, department.field)].append(column)
        school_terms[department.school].append(column)
        school_intake[department.school] += department.intake
        teacher_terms[(department.school, department.field)].append(column)
        total_terms = [(column, 1.0)]
        chosen_terms = []
        # A binary per option is only needed to pick one target, pay a fixed cost, or keep
        # a conversion from being smaller than ``min_conversion``.
        needs_choice = len(options) > 1 or parameters.min_conversion > 0
        for option in options:
            cap = _conversion_cap(department, option, teachers)
            places = builder.variable(
                parameters.conversion_cost_weight * option.cost_per_place, 0.0, cap, integer=True
            )
            chosen = -1
            if needs_choice or option.fixed_cost > 0:
                chosen = builder.variable(
                    parameters.conversion_cost_weight * option.fixed_cost, 0.0, 1.0, integer=True
                )
                chosen_terms.append((chosen, 1.0))
                # v ≤ cap·y and v ≥ min_conversion·y (never more than the cap itself).
                intake_row_specs.append(([(places, 1.0), (chosen, -float(cap))], -np.inf, 0.0))
                least = float(min(parameters.min_conversion, cap))
                if least > 0:
                    intake_row_specs.append(([(places, 1.0), (chosen, -least)], 0.0, np.inf))
            conversions.append(Conversion(index, option, places, chosen))
            change_bounds[index].append((places, float(cap)))
            supply_terms[(department.region, option.field)].append(places)
            school_terms[department.school].append(places)
            teacher_terms[(department.school, option.field)].append(places)
            total_terms.append((places, 1.0))
        if options:
            intake_row_specs.append(
                (total_terms, float(department.min_intake), float(department.max_intake))
            )
            if len(chosen_terms) > 1:
                intake_row_specs.append((chosen_terms, -np.inf, 1.0))

    intake_row_specs += _limit_rows(problem, school_terms, school_intake, teacher_terms, teachers)
    changed, count_rows = _count_limit_rows(problem, builder, change_bounds)
    intake_row_specs += count_rows

    for spec_terms, spec_low, spec_high in intake_row_specs:
        builder.row(spec_terms, spec_low, spec_high)
    intake_rows = len(builder.row_lower)
    for spec_terms, spec_low, spec_high in change_rows:
        builder.row(spec_terms, spec_low, spec_high)

    # Graduates: flows to the regions that want them, surplus where they are produced.
    supply_pairs = sorted(supply_terms)
    flows: list[tuple[str, str, str, int, int]] = []
    surplus: dict[tuple[str, str, int], int] = {}
    inflow: dict[tuple[str, str, int], list[int]] = defaultdict(list)
    for region, field_code in supply_pairs:
        reach = sorted(
            other
            for other in closed_neighbourhood(problem, region)
            if (other, field_code) in demanded
        )
        for year in years:
            outflow = []
            for other in reach:
                if (other, field_code, year) not in demand:
                    continue
                weight = 0.0 if other == region else parameters.neighbour_weight
                column = builder.variable(weight, 0.0, np.inf)
                flows.append((region, other, field_code, year, column))
                outflow.append((column, 1.0))
                inflow[(other, field_code, year)].append(column)
            spare = builder.variable(parameters.surplus_weight, 0.0, np.inf)
            surplus[(region, field_code, year)] = spare
            produced = [(column, -rho) for column in supply_terms[(region, field_code)]]
            builder.row([*outflow, (spare, 1.0), *produced], 0.0, 0.0)
    unmet: dict[tuple[str, str, int], int] = {}
    unmet_weights: dict[tuple[str, str, int], float] = {}
    for wanted in sorted(demand):
        weight = parameters.unmet_weight * parameters.field_weights.get(wanted[1], 1.0)
        short = builder.variable(weight, 0.0, np.inf)
        unmet[wanted] = short
        unmet_weights[wanted] = weight
        builder.row(
            [*((c, 1.0) for c in inflow[wanted]), (short, 1.0)], demand[wanted], demand[wanted]
        )

    return Model(
        cost=np.asarray(builder.cost, dtype=np.float64),
        lower=np.asarray(builder.lower, dtype=np.float64),
        upper=np.asarray(builder.upper, dtype=np.float64),
        integrality=np.asarray(builder.integer, dtype=np.int8),
        rows=np.asarray(builder.rows, dtype=np.int64),
        cols=np.asarray(builder.cols, dtype=np.int64),
        values=np.asarray(builder.values, dtype=np.float64),
        row_lower=np.asarray(builder.row_lower, dtype=np.float64),
        row_upper=np.asarray(builder.row_upper, dtype=np.float64),
        intake_rows=intake_rows,
        keep=keep,
        added=added,
        removed=removed,
        conversions=conversions,
        flows=flows,
        surplus=surplus,
        unmet=unmet,
        demand=demand,
        supply_pairs=supply_pairs,
        years=years,
        unmet_weights=unmet_weights,
        changed=changed,
    )

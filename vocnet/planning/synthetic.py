"""Synthetic planning problems of realistic shape, for the benchmark and the tests.

``national_problem()`` is Korea-sized: 17 provinces with their real numbers of 시·군·구 (229
regions), 580 vocational high schools (575 in the 2025 employment statistics), 83 NCS middle
fields, about five departments a school. Regions of a province sit on a grid and touch the
regions beside and diagonally above-right of them, which gives neighbour counts like real
maps (2–6). Nothing here is real data; one seed gives the same problem.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from dataclasses import replace

from vocnet.planning.model import (
    ConversionOption,
    Demand,
    Department,
    Parameters,
    PlanningProblem,
    TeacherCapacity,
)

# 시·군·구 per province (2024): Seoul … Jeju; 229 in all.
NATIONAL_REGIONS = (25, 16, 9, 10, 5, 5, 5, 1, 31, 18, 11, 15, 14, 22, 22, 18, 2)


def _grid_neighbours(codes: list[str]) -> dict[str, set[str]]:
    width = max(1, math.ceil(math.sqrt(len(codes))))
    position = {code: divmod(i, width) for i, code in enumerate(codes)}
    at = {cell: code for code, cell in position.items()}
    neighbours: dict[str, set[str]] = {code: set() for code in codes}
    for code, (row, column) in position.items():
        for dr, dc in ((0, 1), (1, 0), (-1, 1)):
            other = at.get((row + dr, column + dc))
            if other is not None:
                neighbours[code].add(other)
                neighbours[other].add(code)
    return neighbours


def synthetic_problem(
    *,
    regions_per_province: tuple[int, ...],
    schools: int,
    fields: int,
    years: tuple[int, ...] = (2030, 2031, 2032),
    seed: int = 7,
    conversions_per_department: int = 2,
    conversion_fixed_cost: float = 0.0,
    parameters: Parameters | None = None,
) -> PlanningProblem:
    """A problem with the given shape; demand is about as large as supply overall but
    mismatched by region and field, so the plan has work to do."""
    rng = random.Random(f"vocnet-planning-synthetic:{seed}")
    parameters = parameters or Parameters()
    rho = parameters.graduates_per_place
    field_codes = [f"F{index:02d}" for index in range(1, fields + 1)]
    popularity = [1.0 / (rank + 1) ** 0.8 for rank in range(fields)]

    neighbours: dict[str, set[str]] = {}
    region_weight: dict[str, float] = {}
    for province, count in enumerate(regions_per_province, start=1):
        codes = [f"P{province:02d}R{index:02d}" for index in range(1, count + 1)]
        neighbours.update(_grid_neighbours(codes))
        for code in codes:
            region_weight[code] = rng.lognormvariate(0, 0.7)
    regions = sorted(neighbours)

    # Schools and departments.
    departments: list[Department] = []
    local_supply: dict[tuple[str, str], float] = defaultdict(float)
    school_field_intake: dict[tuple[str, str], int] = defaultdict(int)
    weights = [region_weight[r] for r in regions]
    for number in range(1, schools + 1):
        school = f"S{number:04d}"
        region = rng.choices(regions, weights=weights)[0]
        count = min(rng.choice((3, 4, 5, 5, 6, 7)), fields)
        chosen: list[str] = []
        while len(chosen) < count:
            code = rng.choices(field_codes, weights=popularity)[0]
            if code not in chosen:
                chosen.append(code)
        for position, code in enumerate(chosen, start=1):
            intake = rng.randint(1, 4) * rng.randint(20, 28)
            departments.append(
                Department(
                    id=f"{school}D{position}",
                    school=school,
                    region=region,
                    field=code,
                    intake=intake,
                    min_intake=intake // 2,
                    max_intake=math.ceil(intake * 1.5),
                    name=f"{code}과",
                    school_name=school,
                )
            )
            local_supply[(region, code)] += rho * intake
            school_field_intake[(school, code)] += intake

    # Demand: today's supply of each region's fields, shuffled by region and field, plus a few
    # fields each region wants but does not train for.
    base: dict[tuple[str, str], float] = {}
    for (region, code), supply in local_supply.items():
        base[(region, code)] = supply * rng.uniform(0.3, 1.7)
    for region in regions:
        for code in rng.sample(field_codes, 3):
            base[(region, code)] = base.get((region, code), 0.0) + rng.uniform(5, 40)
    demand = tuple(
        Demand(region, code, year, round(headcount * (1 + 0.04 * step), 1))
        for (region, code), headcount in sorted(base.items())
        for step, year in enumerate(years)
    )

    # Conversion options: the fields most short in each school's neighbourhood.
    closed = {r: {r} | neighbours[r] for r in regions}
    shortage: dict[str, list[tuple[float, str]]] = {}
    for region in regions:
        gaps: dict[str, float] = defaultdict(float)
        for other in closed[region]:
            for code in field_codes:
                gaps[code] += base.get((other, code), 0.0) - local_supply.get((other, code), 0.0)
        shortage[region] = sorted(((gap, code) for code, gap in gaps.items() if gap > 0),
                                  reverse=True)  # fmt: skip
    with_options = []
    for department in departments:
        targets = [code for _gap, code in shortage[department.region] if code != department.field]
        options = tuple(
            ConversionOption(
                field=code,
                cost_per_place=10.0 if code[:2] == department.field[:2] else 30.0,
                fixed_cost=conversion_fixed_cost,
            )
            for code in targets[:conversions_per_department]
        )
        with_options.append(replace(department, conversions=options))

    teachers = [
        TeacherCapacity(school, code, math.ceil(intake * 1.25))
        for (school, code), intake in sorted(school_field_intake.items())
    ]
    own = set(school_field_intake)
    new_fields = sorted({(d.school, o.field) for d in with_options for o in d.conversions} - own)
    teachers += [TeacherCapacity(school, code, 60) for school, code in new_fields]
    return PlanningProblem(
        departments=tuple(with_options),
        demand=demand,
        neighbours={r: frozenset(n) for r, n in neighbours.items()},
        teachers=tuple(teachers),
        parameters=parameters,
    )


def national_problem(seed: int = 7, parameters: Parameters | None = None) -> PlanningProblem:
    """Korea-sized: 17 provinces, 229 regions, 580 schools, 83 fields, three demand years."""
    return synthetic_problem(
        regions_per_province=NATIONAL_REGIONS,
        schools=580,
        fields=83,
        seed=seed,
        parameters=parameters,
    )


def gyeonggi_sized_problem(seed: int = 7, parameters: Parameters | None = None) -> PlanningProblem:
    """The size of the Gyeonggi demo: 31 regions, 115 schools, 40 fields."""
    return synthetic_problem(
        regions_per_province=(31,), schools=115, fields=40, seed=seed, parameters=parameters
    )


def with_yearly_limits(
    problem: PlanningProblem, *, share: float = 0.2, per_school: int | None = 2
) -> PlanningProblem:
    """The same problem under the yearly limits a scenario applies by default (issue 17 §4):
    each department moves by at most ``share`` of its intake (at least one place), and at most
    ``per_school`` departments of a school change."""
    departments = tuple(
        replace(d, max_change=max(1, math.ceil(d.intake * share)) if d.intake else 0)
        for d in problem.departments
    )
    parameters = replace(problem.parameters, max_changed_departments=per_school)
    return replace(problem, departments=departments, parameters=parameters)

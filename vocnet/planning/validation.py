"""The rules a well-formed planning problem keeps, and the local checks of feasibility.

:func:`validate_problem` lists every broken rule (so a caller can show them all at once) and
raises :class:`InvalidProblem`. :func:`school_conflicts` explains, school by school, why no
plan can keep the intake constraints — they never tie two schools together, so a conflict is
always local to one school.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable

from vocnet.planning.errors import InvalidProblem, Problem
from vocnet.planning.model import Department, Parameters, PlanningProblem


def _parameter_problems(parameters: Parameters) -> Iterable[Problem]:
    def problem(name: str, ko: str, en: str) -> Problem:
        return Problem(name, "invalid_parameter", f"{name}: {ko}", f"{name}: {en}")

    if parameters.total_change is not None and not 0 <= parameters.total_change <= 1:
        yield problem("total_change", "0 이상 1 이하여야 합니다", "must be between 0 and 1")
    for name in (
        "unmet_weight",
        "surplus_weight",
        "conversion_cost_weight",
        "change_weight",
        "neighbour_weight",
    ):
        value = getattr(parameters, name)
        if not math.isfinite(value) or value < 0:
            yield problem(name, "0 이상의 유한한 수여야 합니다", "must be a finite number ≥ 0")
    for name in ("retention", "labour_market_share"):
        value = getattr(parameters, name)
        if not 0 < value <= 1:
            yield problem(name, "0보다 크고 1 이하여야 합니다", "must be in (0, 1]")
    if parameters.min_conversion < 0:
        yield problem("min_conversion", "0 이상이어야 합니다", "must be ≥ 0")
    if parameters.max_changed_departments is not None and parameters.max_changed_departments < 0:
        yield problem("max_changed_departments", "0 이상이어야 합니다", "must be ≥ 0")
    for code, weight in parameters.field_weights.items():
        if not math.isfinite(weight) or weight < 0:
            yield problem(
                f"field_weights[{code}]",
                "0 이상의 유한한 수여야 합니다",
                "must be a finite number ≥ 0",
            )
    if not parameters.time_limit > 0:
        yield problem("time_limit", "0보다 커야 합니다", "must be > 0")
    if not 0 <= parameters.mip_gap < 1:
        yield problem("mip_gap", "0 이상 1 미만이어야 합니다", "must be in [0, 1)")
    if not 0 <= parameters.limited_gap < 1:
        yield problem("limited_gap", "0 이상 1 미만이어야 합니다", "must be in [0, 1)")


def _department_problems(department: Department) -> Iterable[Problem]:
    name = f"department {department.id}"

    def problem(code: str, ko: str, en: str) -> Problem:
        return Problem(department.id, code, f"학과 {department.id}: {ko}", f"{name}: {en}")

    if department.max_change is not None and department.max_change < 0:
        yield problem(
            "max_change", "연간 변경 한도는 0 이상이어야 합니다", "max_change must be ≥ 0"
        )
    if department.intake < 0:
        yield problem("negative_intake", "현재 정원이 음수입니다", "the current intake is negative")
    if department.min_intake < 0:
        yield problem(
            "negative_minimum", "최소 정원이 음수입니다", "the minimum intake is negative"
        )
    if department.min_intake > department.max_intake:
        yield problem(
            "minimum_above_maximum",
            f"최소 정원({department.min_intake})이 최대 정원({department.max_intake})보다 큽니다",
            f"the minimum intake ({department.min_intake}) is above the maximum "
            f"({department.max_intake})",
        )
    seen: set[str] = set()
    for option in department.conversions:
        if option.field == department.field:
            yield problem(
                "conversion_to_own_field",
                f"자기 분야({option.field})로는 전환할 수 없습니다",
                f"cannot convert to its own field ({option.field})",
            )
        if option.field in seen:
            yield problem(
                "duplicate_conversion",
                f"전환 분야 {option.field}가 두 번 있습니다",
                f"conversion field {option.field} is listed twice",
            )
        seen.add(option.field)
        if not (
            math.isfinite(option.cost_per_place)
            and math.isfinite(option.fixed_cost)
            and option.cost_per_place >= 0
            and option.fixed_cost >= 0
        ):
            yield problem(
                "negative_conversion_cost",
                f"{option.field} 전환 비용은 0 이상의 유한한 수여야 합니다",
                f"the cost of converting to {option.field} must be a finite number ≥ 0",
            )


def validate_problem(problem: PlanningProblem) -> None:
    """Raise :class:`InvalidProblem` listing every broken rule, or return None.

    Rules: department ids are unique; intakes and bounds are ≥ 0 with min ≤ max; a conversion
    goes to another field, once per field, at a cost ≥ 0; teacher capacities are ≥ 0 and
    given once per (school, field); demand is ≥ 0; the neighbour map is symmetric and never
    lists a region as its own neighbour; the parameters are in range."""
    problems: list[Problem] = list(_parameter_problems(problem.parameters))
    seen: set[str] = set()
    school_regions: dict[str, str] = {}
    for department in problem.departments:
        if department.id in seen:
            problems.append(
                Problem(
                    department.id,
                    "duplicate_department",
                    f"학과 id {department.id}가 두 번 있습니다",
                    f"department id {department.id} is given twice",
                )
            )
        seen.add(department.id)
        region = school_regions.setdefault(department.school, department.region)
        if region != department.region:
            problems.append(
                Problem(
                    department.school,
                    "school_in_two_regions",
                    f"학교 {department.school}의 학과들이 서로 다른 시·군({region}, "
                    f"{department.region})에 있습니다",
                    f"the departments of school {department.school} are in two regions "
                    f"({region}, {department.region})",
                )
            )
        problems.extend(_department_problems(department))
    teacher_keys: set[tuple[str, str]] = set()
    for capacity in problem.teachers:
        key = (capacity.school, capacity.field)
        if key in teacher_keys or capacity.max_intake < 0:
            problems.append(
                Problem(
                    f"{capacity.school}/{capacity.field}",
                    "invalid_teacher_capacity",
                    f"학교 {capacity.school}의 {capacity.field} 교원 여건이 중복되었거나 "
                    "음수입니다",
                    f"the teacher capacity of school {capacity.school} in {capacity.field} is "
                    "given twice or negative",
                )
            )
        teacher_keys.add(key)
    for item in problem.demand:
        if not math.isfinite(item.headcount) or item.headcount < 0:
            problems.append(
                Problem(
                    f"{item.region}/{item.field}/{item.year}",
                    "negative_demand",
                    f"{item.region} {item.field} {item.year}년 수요가 음수입니다",
                    f"the demand of {item.field} in {item.region} in {item.year} is negative",
                )
            )
    for region, others in problem.neighbours.items():
        if region in others:
            problems.append(
                Problem(
                    region,
                    "self_neighbour",
                    f"시·군 {region}이 자기 자신의 이웃으로 적혀 있습니다",
                    f"region {region} is listed as its own neighbour",
                )
            )
        for other in sorted(others):
            if region not in problem.neighbours.get(other, frozenset()):
                problems.append(
                    Problem(
                        region,
                        "asymmetric_neighbours",
                        f"{region}의 이웃에 {other}가 있지만 {other}의 이웃에는 {region}이 "
                        "없습니다",
                        f"{other} is a neighbour of {region} but not the other way round",
                    )
                )
    if problems:
        raise InvalidProblem(
            f"계획 입력에 오류가 {len(problems)}건 있습니다: {problems[0].message_ko}",
            f"The planning input has {len(problems)} error(s): {problems[0].message_en}",
            problems,
        )


def school_bounds(total: int, total_change: float | None) -> tuple[float, float]:
    """The range a school's total intake must stay in (whole places)."""
    if total_change is None:
        return 0.0, math.inf
    return (
        float(math.ceil(total * (1 - total_change) - 1e-9)),
        float(math.floor(total * (1 + total_change) + 1e-9)),
    )


def school_conflicts(problem: PlanningProblem) -> list[Problem]:
    """The schools whose own constraints cannot all hold, each with the reason.

    Checked: the departments' minimums against the school's upper bound; their maximums
    against its lower bound; a field's teacher capacity against the minimums of departments
    that cannot convert away from it; and the teacher capacities of all the fields a school
    may teach against its lower bound."""
    parameters = problem.parameters
    capacity = {(t.school, t.field): t.max_intake for t in problem.teachers}
    by_school: dict[str, list[Department]] = defaultdict(list)
    for department in problem.departments:
        by_school[department.school].append(department)
    conflicts: list[Problem] = []
    for school, departments in by_school.items():
        total = sum(d.intake for d in departments)
        low, high = school_bounds(total, parameters.total_change)
        minimum = sum(d.min_intake for d in departments)
        maximum = sum(d.max_intake for d in departments)
        name = departments[0].school_name or school
        if minimum > high:
            conflicts.append(
                Problem(
                    school,
                    "minimums_above_school_total",
                    f"{name}: 학과 최소 정원의 합({minimum}명)이 학교 총정원 상한({high:.0f}명, "
                    f"현재 {total}명의 +{parameters.total_change:.0%})보다 큽니다",
                    f"{name}: the departments' minimum intakes add up to {minimum}, above the "
                    f"school's upper total of {high:.0f} (today {total} "
                    f"+{parameters.total_change:.0%})",
                )
            )
        if maximum < low:
            conflicts.append(
                Problem(
                    school,
                    "maximums_below_school_total",
                    f"{name}: 학과 최대 정원의 합({maximum}명)이 학교 총정원 하한({low:.0f}명)"
                    "보다 작습니다",
                    f"{name}: the departments' maximum intakes add up to {maximum}, below the "
                    f"school's lower total of {low:.0f}",
                )
            )
        fixed_minimum: dict[str, int] = defaultdict(int)
        for d in departments:
            if not d.conversions:
                fixed_minimum[d.field] += d.min_intake
        for field_code, needed in fixed_minimum.items():
            limit = capacity.get((school, field_code))
            if limit is not None and needed > limit:
                conflicts.append(
                    Problem(
                        school,
                        "teachers_below_minimum",
                        f"{name}: {field_code} 교원 여건(최대 {limit}명)이 전환할 수 없는 학과의 "
                        f"최소 정원 합({needed}명)보다 작습니다",
                        f"{name}: teachers of {field_code} can take at most {limit}, below the "
                        f"{needed} minimum places of departments that cannot convert",
                    )
                )
        # An upper bound of what the school's teachers can take: each department keeps at
        # most its maximum, split between its own field and one conversion; no field takes
        # more than its teachers' capacity.
        by_department = 0.0
        for d in departments:
            own = min(d.max_intake, capacity.get((school, d.field), d.max_intake))
            best = max(
                (
                    min(d.max_intake, capacity.get((school, o.field), d.max_intake))
                    for o in d.conversions
                ),
                default=0,
            )
            by_department += min(d.max_intake, own + best)
        fields = {d.field for d in departments} | {
            o.field for d in departments for o in d.conversions
        }
        by_field = sum(capacity.get((school, f), math.inf) for f in fields)
        teachable = min(by_department, by_field)
        if teachable < low and maximum >= low:
            conflicts.append(
                Problem(
                    school,
                    "teachers_below_school_total",
                    f"{name}: 교원 여건으로 가르칠 수 있는 정원(최대 {teachable:.0f}명)이 학교 "
                    f"총정원 하한({low:.0f}명)보다 작습니다",
                    f"{name}: its teachers can take at most {teachable:.0f}, below the school's "
                    f"lower total of {low:.0f}",
                )
            )
    return conflicts

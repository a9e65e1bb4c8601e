"""The adapter from ORM rows to the planner's dataclasses (``vocnet.planning``).

Rows are read through the permission layer as the actor running the scenario (the province
or a support office, who see every declaration). A scenario of one support office plans for
the schools of that office's regions against the demand declared in those regions, with
graduates working in their region or a neighbouring region of the same office; a province
scenario plans for every school against all demand. What the registry does not record yet is
derived and said so in the ADR:

* **conversion options** — for each department, the fields with the largest shortage in its
  school's neighbourhood today (demand − graduates of today's intakes), up to
  ``conversion_targets``; converting within the same NCS major costs less than across;
* **teacher capacity** — a school's teachers of a field take today's intake of that field plus
  ``teacher_headroom_percent``; a field the school does not teach yet, up to
  ``new_field_teacher_places`` (retrained or newly hired teachers);
* **department bounds** — ``department_min_percent`` … ``department_max_percent`` of today's
  intake (at most 500, the registry's limit), and one year's change of at most
  ``department_change_percent`` of today's intake (at least one place);
* **related fields** — with ``related_conversions_only`` a department converts only to a field
  ``vocnet.registry.relatedness`` calls related to its own.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Sum
from django.utils import timezone

from vocnet.core.permissions import restrict
from vocnet.core.users import UserLike
from vocnet.demand.models import DemandDeclaration
from vocnet.demand.parameters import ScenarioParameters
from vocnet.demand.reference import region_neighbours
from vocnet.demand.supply import DECLARATION_YEARS_AHEAD, SupplyModel, current_school_year
from vocnet.planning import (
    ConversionOption,
    Demand,
    Department,
    Labels,
    Parameters,
    PlanningProblem,
    TeacherCapacity,
)
from vocnet.registry.models import Department as DepartmentRow
from vocnet.registry.models import NcsMiddle, Region
from vocnet.registry.reference import ncs_middle_english
from vocnet.registry.relatedness import are_related

MAX_INTAKE = 500
COST_UNIT = ("백만원", "million KRW")


@dataclass(frozen=True)
class DepartmentInfo:
    """What the result needs to show about a department besides the planner's ids."""

    department_id: int
    school_id: int
    school: str
    department: str
    region: str
    field: str


@dataclass(frozen=True)
class PlanningInput:
    problem: PlanningProblem
    departments: dict[str, DepartmentInfo]
    years: tuple[int, ...]
    supply: SupplyModel
    unplaced_departments: int
    demand_total: float
    labels: Labels
    field_names: dict[str, tuple[str, str]] = field(default_factory=dict)
    support_office_id: int | None = None


def planner_parameters(parameters: ScenarioParameters, supply: SupplyModel) -> Parameters:
    return Parameters(
        total_change=parameters.total_change_percent / 100,
        unmet_weight=parameters.unmet_weight,
        surplus_weight=parameters.surplus_weight,
        conversion_cost_weight=parameters.conversion_cost_weight,
        change_weight=parameters.change_weight,
        neighbour_weight=parameters.neighbour_weight,
        retention=supply.annual_retention**3,
        labour_market_share=supply.labour_market_share,
        min_conversion=parameters.min_conversion,
        max_changed_departments=parameters.max_changed_departments,
        field_weights=dict(parameters.priority_fields),
        time_limit=parameters.time_limit_seconds,
        mip_gap=0.01,
    )


def _demand(
    user: UserLike, years: tuple[int, ...], base_year: int, region_ids: set[int] | None
) -> tuple[list[Demand], tuple[int, ...]]:
    declarations = restrict(user, DemandDeclaration.objects.all())
    if region_ids is not None:
        declarations = declarations.filter(region_id__in=region_ids)
    if not years:
        years = tuple(
            sorted(
                set(
                    declarations.filter(
                        year__gt=base_year, year__lte=base_year + DECLARATION_YEARS_AHEAD
                    ).values_list("year", flat=True)
                )
            )
        )
    rows = (
        declarations.filter(year__in=years)
        .values("region__sigungu_code", "ncs_middle__code", "year")
        .annotate(total=Sum("headcount"))
        .order_by("region__sigungu_code", "ncs_middle__code", "year")
    )
    demand = [
        Demand(row["region__sigungu_code"], row["ncs_middle__code"], row["year"], row["total"])
        for row in rows
    ]
    return demand, years


def _shortage_by_region(
    demand: list[Demand],
    supply: dict[tuple[str, str], float],
    years: tuple[int, ...],
    neighbours: dict[str, frozenset[str]],
    regions: list[str],
) -> dict[str, list[str]]:
    """For each region, the fields short in its neighbourhood today, largest shortage first."""
    per_year: dict[tuple[str, str], float] = defaultdict(float)
    for item in demand:
        per_year[(item.region, item.field)] += item.headcount / max(len(years), 1)
    gap: dict[tuple[str, str], float] = defaultdict(float)
    for (region, code), wanted in per_year.items():
        gap[(region, code)] += wanted
    for (region, code), made in supply.items():
        gap[(region, code)] -= made
    fields_by_region: dict[str, set[str]] = defaultdict(set)
    for region, code in gap:
        fields_by_region[region].add(code)
    result: dict[str, list[str]] = {}
    for region in regions:
        around = {region} | neighbours.get(region, frozenset())
        totals: dict[str, float] = defaultdict(float)
        for other in around:
            for code in fields_by_region.get(other, ()):
                totals[code] += gap[(other, code)]
        result[region] = [
            code
            for code, short in sorted(totals.items(), key=lambda item: (-item[1], item[0]))
            if short > 0.5
        ]
    return result


def planning_input(
    *,
    user: UserLike,
    parameters: ScenarioParameters,
    today: date | None = None,
    support_office_id: int | None = None,
) -> PlanningInput:
    """The planning problem of today's departments and declared demand under ``parameters``:
    of the schools and regions of one support office, or of the whole province (None)."""
    supply = SupplyModel(
        base_year=current_school_year(today or timezone.localdate()),
        annual_retention=parameters.annual_retention,
        labour_market_share=parameters.labour_market_share,
    )
    regions = Region.objects.all()
    if support_office_id is not None:
        regions = regions.filter(support_office_id=support_office_id)
    region_codes = dict(regions.values_list("pk", "sigungu_code"))
    scope = set(region_codes) if support_office_id is not None else None
    demand, years = _demand(user, parameters.demand_years, supply.base_year, scope)
    departments_in_scope = restrict(user, DepartmentRow.objects.filter(is_active=True))
    if scope is not None:
        departments_in_scope = departments_in_scope.filter(
            school__organisation__region_id__in=scope
        )
    rows = list(
        departments_in_scope.select_related("school__organisation", "ncs_middle").order_by(
            "school_id", "pk"
        )
    )
    placed = [row for row in rows if row.school.organisation.region_id is not None]
    codes = set(region_codes.values())
    neighbours = {
        code: others & codes for code, others in region_neighbours().items() if code in codes
    }
    rho = supply.graduates_per_place
    supply_now: dict[tuple[str, str], float] = defaultdict(float)
    school_field_intake: dict[tuple[int, str], int] = defaultdict(int)
    for row in placed:
        region = region_codes[row.school.organisation.region_id]
        supply_now[(region, row.ncs_middle.code)] += rho * row.intake_capacity
        school_field_intake[(row.school_id, row.ncs_middle.code)] += row.intake_capacity
    shortage = _shortage_by_region(
        demand, supply_now, years, neighbours, sorted(set(region_codes.values()))
    )

    departments: list[Department] = []
    infos: dict[str, DepartmentInfo] = {}
    new_fields: set[tuple[int, str]] = set()
    for row in placed:
        region = region_codes[row.school.organisation.region_id]
        own = row.ncs_middle.code
        targets = [
            code
            for code in shortage.get(region, [])
            if code != own and (not parameters.related_conversions_only or are_related(own, code))
        ]
        targets = targets[: parameters.conversion_targets]
        options = tuple(
            ConversionOption(
                field=code,
                cost_per_place=(
                    parameters.conversion_cost_same_major
                    if code[:2] == own[:2]
                    else parameters.conversion_cost_other_major
                ),
                fixed_cost=parameters.conversion_fixed_cost,
            )
            for code in targets
        )
        new_fields |= {
            (row.school_id, code)
            for code in targets
            if (row.school_id, code) not in school_field_intake
        }
        intake = row.intake_capacity
        departments.append(
            Department(
                id=str(row.pk),
                school=str(row.school_id),
                region=region,
                field=own,
                intake=intake,
                min_intake=math.floor(intake * parameters.department_min_percent / 100),
                max_intake=min(
                    MAX_INTAKE,
                    max(intake, math.ceil(intake * parameters.department_max_percent / 100)),
                ),
                conversions=options,
                max_change=max(1, math.ceil(intake * parameters.department_change_percent / 100))
                if intake
                else 0,
                name=row.name_ko,
                school_name=row.school.organisation.name_ko,
            )
        )
        infos[str(row.pk)] = DepartmentInfo(
            department_id=row.pk,
            school_id=row.school_id,
            school=row.school.organisation.name_ko,
            department=row.name_ko,
            region=region,
            field=own,
        )
    headroom = 1 + parameters.teacher_headroom_percent / 100
    teachers = [
        TeacherCapacity(str(school), code, math.ceil(intake * headroom))
        for (school, code), intake in sorted(school_field_intake.items())
    ] + [
        TeacherCapacity(str(school), code, parameters.new_field_teacher_places)
        for school, code in sorted(new_fields)
    ]
    english = ncs_middle_english()
    field_names = {
        code: (name, english.get(code, name))
        for code, name in NcsMiddle.objects.values_list("code", "name_ko")
    }
    labels = Labels(
        regions={
            code: (name_ko, name_en)
            for code, name_ko, name_en in Region.objects.values_list(
                "sigungu_code", "name_ko", "name_en"
            )
        },
        fields=field_names,
        cost_unit=COST_UNIT,
    )
    problem = PlanningProblem(
        departments=tuple(departments),
        demand=tuple(demand),
        neighbours=neighbours,
        teachers=tuple(teachers),
        parameters=planner_parameters(parameters, supply),
        labels=labels,
    )
    return PlanningInput(
        problem=problem,
        departments=infos,
        years=years,
        supply=supply,
        unplaced_departments=len(rows) - len(placed),
        demand_total=sum(item.headcount for item in demand),
        labels=labels,
        field_names=field_names,
        support_office_id=support_office_id,
    )

"""The drill-down of the gap analysis: the declarations and departments behind one figure
(area × NCS field × year), in the user's scope (``policies.gap_region_scope``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from vocnet.core.permissions import restrict
from vocnet.demand.models import DemandDeclaration
from vocnet.demand.policies import gap_region_scope
from vocnet.demand.selectors.gap import (
    Area,
    Figures,
    GapFilters,
    Name,
    PastDestinations,
    field_names,
    gap_years,
    past_destinations,
    scope_areas,
    selected_regions,
    supply_model,
)
from vocnet.demand.supply import SupplyModel
from vocnet.pathways.selectors import DestinationCounts
from vocnet.registry.models import Department, Region


@dataclass
class SupplyLine:
    department: Department
    graduates: float
    available: float
    in_consortium: bool = False
    past: DestinationCounts | None = None


@dataclass
class DrillDown:
    area: Area | None
    field: Name | None
    year: int
    supply: SupplyModel
    declarations: list[DemandDeclaration]
    departments: list[SupplyLine]
    figures: Figures
    past: PastDestinations | None = None


def gap_drilldown(*, user: Any, filters: GapFilters, today: date | None = None) -> DrillDown:
    """The declarations and departments behind one figure (area × field × year)."""
    scope = gap_region_scope(user)
    supply = supply_model(today)
    years = gap_years(user=user, supply=supply)
    year = filters.year if filters.year is not None else years[0]
    regions = list(restrict(user, Region.objects.select_related("support_office")))
    in_scope = [r for r in regions if scope is None or r.pk in scope]
    areas = scope_areas(scope, in_scope)
    selected, area = selected_regions(filters, areas, frozenset(r.pk for r in in_scope))
    names = field_names()
    declarations = restrict(user, DemandDeclaration.objects.with_relations()).filter(
        year=year, region_id__in=selected
    )
    departments = (
        restrict(user, Department.objects.all())
        .filter(is_active=True, school__organisation__region_id__in=selected)
        .select_related("school__organisation__region", "ncs_middle")
    )
    if filters.ncs:
        key = "ncs_middle__major__code" if len(filters.ncs) == 2 else "ncs_middle__code"
        declarations = declarations.filter(**{key: filters.ncs})
        departments = departments.filter(**{key: filters.ncs})
    figures = Figures()
    lines = []
    members = area.school_ids if area is not None else frozenset()
    past = past_destinations(
        user=user, upto=supply.base_year, group_by="department", region_ids=selected,
        ncs=filters.ncs,
    )  # fmt: skip
    for department in departments.order_by("school__organisation__name_ko", "name_ko"):
        graduates = supply.graduates(
            year,
            intake=department.intake_capacity,
            grade_1=department.enrolled_grade_1,
            grade_2=department.enrolled_grade_2,
            grade_3=department.enrolled_grade_3,
        )
        line = SupplyLine(
            department,
            graduates,
            supply.available(graduates),
            department.school_id in members,
            past.of(department.pk) if past is not None else None,
        )
        lines.append(line)
        figures.graduates += line.graduates
        figures.available += line.available
    rows = list(declarations.order_by("-headcount", "organisation__name_ko", "pk"))
    figures.demand = float(sum(d.headcount for d in rows))
    field_name = names.get(filters.ncs) if filters.ncs and len(filters.ncs) == 4 else None
    return DrillDown(area, field_name, year, supply, rows, lines, figures, past)

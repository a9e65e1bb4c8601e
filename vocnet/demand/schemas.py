"""API schemas of the demand app (pydantic v2 through django-ninja)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from vocnet.api.schemas import (
    DepartmentRef,
    OrganisationRef,
    PatchSchema,
    SupportOfficeRef,
)
from vocnet.demand.models import DemandDeclaration, ScenarioRecommendation
from vocnet.demand.selectors.gap import GapAnalysis, GapRow
from vocnet.demand.selectors.gap_tiles import Tile
from vocnet.registry.reference import ncs_middle_english
from vocnet.registry.schemas import RegionRef

GroupBy = Literal["region", "support_office", "pilot_district", "consortium", "field"]
TileMetric = Literal["shortage", "surplus"]
NcsCode = Field(pattern=r"^\d{4}$", description="NCS middle code (4 digits), e.g. 1506")


class DeclarationIn(Schema):
    organisation_id: int | None = Field(
        None, ge=1, description="declaring organisation; default: the caller's own"
    )
    ncs_code: str = NcsCode
    occupation: str = Field(min_length=1, max_length=100)
    region_code: str | None = Field(
        None,
        pattern=r"^41\d{3}$",
        description="시군구 code of the jobs; default: the organisation's",
    )
    year: int = Field(ge=2000, le=2100)
    headcount: int = Field(ge=1, le=100_000)
    certificates: list[str] = Field(default_factory=list, max_length=10)
    note: str = Field("", max_length=300)


class DeclarationPatch(PatchSchema):
    ncs_code: str | None = Field(None, pattern=r"^\d{4}$")
    occupation: str | None = Field(None, min_length=1, max_length=100)
    region_code: str | None = Field(None, pattern=r"^41\d{3}$")
    year: int | None = Field(None, ge=2000, le=2100)
    headcount: int | None = Field(None, ge=1, le=100_000)
    certificates: list[str] | None = Field(None, max_length=10)
    note: str | None = Field(None, max_length=300)


class DeclarationOut(Schema):
    id: int
    organisation: OrganisationRef
    ncs_code: str
    ncs_name_ko: str
    ncs_name_en: str
    occupation: str
    region: RegionRef
    year: int
    headcount: int
    certificates: list[str]
    note: str
    data_origin: str
    is_synthetic: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_ncs_code(obj: DemandDeclaration) -> str:
        return obj.ncs_middle.code

    @staticmethod
    def resolve_ncs_name_ko(obj: DemandDeclaration) -> str:
        return obj.ncs_middle.name_ko

    @staticmethod
    def resolve_ncs_name_en(obj: DemandDeclaration) -> str:
        return ncs_middle_english().get(obj.ncs_middle.code, obj.ncs_middle.name_ko)


class FiguresOut(Schema):
    demand: float
    graduates: float
    available: float
    gap: float


class GapRowOut(Schema):
    area_kind: str | None
    area_key: str | None
    area_name_ko: str | None
    area_name_en: str | None
    field_code: str | None
    field_name_ko: str | None
    field_name_en: str | None
    year: int
    demand: float
    graduates: float
    available: float
    gap: float
    consortium_available: float | None
    drill_query: str


class TileOut(Schema):
    sigungu_code: str
    name_ko: str
    name_en: str
    in_scope: bool
    shortage: float
    surplus: float


class PastCountsOut(Schema):
    """Graduates of the last graduating classes by destination (``vocnet.pathways``)."""

    employed: int
    employed_in_field: int
    employed_other_field: int
    employed_field_unknown: int
    university: int
    military: int
    other: int
    unknown: int
    total: int
    synthetic: int = Field(description="of these, synthetic (demo) records")


class PastFieldOut(Schema):
    ncs_code: str
    counts: PastCountsOut


class GapOut(Schema):
    base_year: int
    first_planned_year: int
    year: int
    years: list[int]
    group_by: GroupBy
    graduates_per_place: float
    labour_market_share: float
    totals: FiguresOut
    rows: list[GapRowOut]
    shortages: list[GapRowOut]
    surpluses: list[GapRowOut]
    by_field: list[GapRowOut]
    tiles: list[TileOut]
    past_years: list[int] = Field(
        description="graduation years of the destinations below; empty: none the caller sees"
    )
    past_by_field: list[PastFieldOut]


def _r(value: float) -> float:
    return round(value, 2)


def gap_row_out(row: GapRow) -> dict[str, Any]:
    figures = row.figures
    return {
        "area_kind": row.area.kind if row.area else None,
        "area_key": row.area.key if row.area else None,
        "area_name_ko": row.area.name.name_ko if row.area else None,
        "area_name_en": row.area.name.name_en if row.area else None,
        "field_code": row.field.code if row.field else None,
        "field_name_ko": row.field.name_ko if row.field else None,
        "field_name_en": row.field.name_en if row.field else None,
        "year": row.year,
        "demand": _r(figures.demand),
        "graduates": _r(figures.graduates),
        "available": _r(figures.available),
        "gap": _r(figures.gap),
        "consortium_available": None
        if row.consortium_available is None
        else _r(row.consortium_available),
        "drill_query": row.drill_query,
    }


def _tile_out(tile: Tile) -> dict[str, Any]:
    return {
        "sigungu_code": tile.region.sigungu_code,
        "name_ko": tile.region.name_ko,
        "name_en": tile.region.name_en,
        "in_scope": tile.in_scope,
        "shortage": _r(tile.shortage),
        "surplus": _r(tile.surplus),
    }


def gap_out(analysis: GapAnalysis) -> dict[str, Any]:
    totals = analysis.totals
    return {
        "base_year": analysis.supply.base_year,
        "first_planned_year": analysis.supply.first_planned_year,
        "year": analysis.year,
        "years": analysis.years,
        "group_by": analysis.filters.group_by,
        "graduates_per_place": round(analysis.supply.graduates_per_place, 4),
        "labour_market_share": analysis.supply.labour_market_share,
        "totals": {
            "demand": _r(totals.demand),
            "graduates": _r(totals.graduates),
            "available": _r(totals.available),
            "gap": _r(totals.gap),
        },
        "rows": [gap_row_out(row) for row in analysis.rows],
        "shortages": [gap_row_out(row) for row in analysis.shortages],
        "surpluses": [gap_row_out(row) for row in analysis.surpluses],
        "by_field": [gap_row_out(row) for row in analysis.by_field],
        "tiles": [_tile_out(tile) for tile in analysis.tiles],
        "past_years": analysis.past.years if analysis.past else [],
        "past_by_field": [
            {"ncs_code": code, "counts": counts.as_dict()}
            for code, counts in sorted((analysis.past.by if analysis.past else {}).items())
        ],
    }


class SupplyLineOut(Schema):
    department_id: int
    department_name_ko: str
    school_id: int
    school_name_ko: str
    region_code: str
    ncs_code: str
    intake: int
    enrolled: list[int]
    graduates: float
    available: float
    in_consortium: bool
    past: PastCountsOut | None


class DrillDownOut(Schema):
    year: int
    area_kind: str | None
    area_key: str | None
    area_name_ko: str | None
    ncs_code: str | None
    totals: FiguresOut
    declarations: list[DeclarationOut]
    departments: list[SupplyLineOut]
    past_years: list[int]
    past_totals: PastCountsOut | None


class ScenarioParametersIn(Schema):
    """Every parameter is optional (default in ``vocnet.demand.parameters``)."""

    total_change_percent: float | None = None
    department_min_percent: float | None = None
    department_max_percent: float | None = None
    unmet_weight: float | None = None
    surplus_weight: float | None = None
    conversion_cost_same_major: float | None = None
    conversion_cost_other_major: float | None = None
    conversion_fixed_cost: float | None = None
    conversion_cost_weight: float | None = None
    conversion_targets: int | None = None
    min_conversion: int | None = None
    department_change_percent: float | None = None
    max_changed_departments: int | None = None
    related_conversions_only: bool | None = None
    change_weight: float | None = None
    neighbour_weight: float | None = None
    annual_retention: float | None = None
    labour_market_share: float | None = None
    teacher_headroom_percent: float | None = None
    new_field_teacher_places: int | None = None
    priority_fields: dict[str, float] | None = None
    demand_years: list[int] | None = None
    time_limit_seconds: float | None = None


class ScenarioIn(Schema):
    name: str = Field(min_length=1, max_length=100)
    description: str = Field("", max_length=300)
    parameters: ScenarioParametersIn = Field(default_factory=ScenarioParametersIn)
    support_office_id: int | None = Field(
        None,
        ge=1,
        description="plan for this support office's schools only; default: a support "
        "office's own, the whole province for the province",
    )


class ScenarioPatch(PatchSchema):
    name: str | None = Field(None, min_length=1, max_length=100)
    description: str | None = Field(None, max_length=300)


class ScenarioOut(Schema):
    id: int
    name: str
    description: str
    organisation: OrganisationRef
    support_office: SupportOfficeRef | None = Field(
        description="the office whose schools are planned for; null: the whole province"
    )
    status: str
    parameters: dict[str, Any]
    summary: dict[str, Any]
    solved_at: datetime | None
    created_at: datetime
    is_synthetic: bool


class ScenarioDetailOut(ScenarioOut):
    result: dict[str, Any] | None
    problems: list[dict[str, Any]]


class ComparedDepartmentOut(Schema):
    department_id: int
    school: str
    department: str
    field: str
    current: int
    cells: list[dict[str, Any] | None]


class CompareOut(Schema):
    scenarios: list[ScenarioDetailOut]
    departments: list[ComparedDepartmentOut]
    same: int


class ScenarioRef(Schema):
    id: int
    name: str
    organisation_name_ko: str
    support_office_id: int | None
    solved_at: datetime | None


class RestructuringRecommendationOut(Schema):
    id: int
    scenario: ScenarioRef
    department: DepartmentRef
    action: Literal["grow", "shrink", "convert", "keep"]
    current_intake: int
    new_intake: int
    converted_field: str | None
    converted_intake: int
    conversion_cost: float = Field(description="one-off, 백만원 (million KRW)")
    graduates_change: float = Field(description="graduates for work a year, once in effect")
    explanation_ko: str
    explanation_en: str

    @staticmethod
    def resolve_scenario(obj: ScenarioRecommendation) -> dict[str, Any]:
        scenario = obj.scenario
        return {
            "id": scenario.pk,
            "name": scenario.name,
            "organisation_name_ko": scenario.organisation.name_ko,
            "support_office_id": scenario.support_office_id,
            "solved_at": scenario.solved_at,
        }

    @staticmethod
    def resolve_department(obj: ScenarioRecommendation) -> dict[str, Any]:
        department = obj.department
        return {
            "id": department.pk,
            "name_ko": department.name_ko,
            "school_id": department.school_id,
            "school_name_ko": department.school.organisation.name_ko,
            "ncs_code": department.ncs_middle.code,
        }

    @staticmethod
    def resolve_converted_field(obj: ScenarioRecommendation) -> str | None:
        return obj.converted_field.code if obj.converted_field else None


# 학과 개편 신청 ------------------------------------------------------------------------------


class RestructuringProposalOut(Schema):
    id: int
    school_id: int
    school_name: str
    department_id: int | None
    kind: str
    new_name_ko: str
    target_field: str | None
    current_intake: int
    proposed_intake: int
    start_year: int
    reason: str
    evidence: dict[str, Any]
    status: str
    office_note: str
    decision_reason: str
    reviewed_at: datetime | None
    decided_at: datetime | None
    applied_at: datetime | None
    is_synthetic: bool
    created_at: datetime

    @staticmethod
    def resolve_school_name(obj: Any) -> str:
        return str(obj.school.organisation.name_ko)

    @staticmethod
    def resolve_target_field(obj: Any) -> str | None:
        return obj.target_field.code if obj.target_field_id else None


class RestructuringProposalIn(Schema):
    school_id: int
    kind: str = Field(description="new · convert · grow · shrink · close")
    start_year: int
    reason: str = Field(max_length=2000)
    department_id: int | None = None
    target_field: str | None = Field(None, description="NCS middle code (new, convert)")
    proposed_intake: int = Field(0, ge=0, le=500)
    new_name_ko: str = Field("", max_length=50)


class RestructuringProposalQuery(Schema):
    status: str | None = None


class RestructuringProposalStepIn(Schema):
    note: str = Field("", max_length=2000, description="forward: optional; return: the reason")


class RestructuringProposalDecisionIn(Schema):
    approve: bool
    reason: str = Field(max_length=2000)

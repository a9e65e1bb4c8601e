"""API schemas of graduate destinations (pydantic v2 through django-ninja)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from vocnet.api.schemas import DepartmentRef, PatchSchema
from vocnet.pathways import rules
from vocnet.pathways.models import GraduateDestination
from vocnet.pathways.selectors import (
    DestinationCounts,
    IndicatorLine,
    IndicatorTable,
    Summary,
)

Kind = Literal["employed", "university", "military", "other", "unknown"]
SummaryGroup = Literal["department", "school", "field", "total"]


class DestinationIn(Schema):
    department_id: int = Field(ge=1)
    graduation_year: int = Field(ge=2000, le=2100)
    graduate_key: str = Field(
        pattern=r"^[0-9A-Za-z-]{1,20}$",
        description="학번 at graduation or an anonymised number; never a name",
    )
    kind: Kind
    business_number: str | None = Field(
        None, max_length=12, description="the employer's 사업자등록번호 (employed only)"
    )
    ncs_code: str | None = Field(
        None, pattern=r"^\d{4}$", description="NCS middle field of the job (employed only)"
    )
    student_id: int | None = Field(None, ge=1, description="the student record, if kept")
    note: str = Field("", max_length=200)


class DestinationPatch(PatchSchema):
    nullable = frozenset({"business_number", "ncs_code", "note"})

    kind: Kind | None = None
    business_number: str | None = Field(None, max_length=12)
    ncs_code: str | None = Field(None, pattern=r"^(\d{4})?$")
    note: str | None = Field(None, max_length=200)


class EmployerRef(Schema):
    """The company a graduate went to (취업처)."""

    id: int
    name_ko: str
    business_number: str


class DestinationOut(Schema):
    id: int
    department: DepartmentRef
    graduation_year: int
    graduate_key: str
    student_id: int | None
    kind: Kind
    company: EmployerRef | None
    ncs_code: str | None
    is_in_field: bool
    note: str
    data_origin: str
    is_synthetic: bool
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_department(obj: GraduateDestination) -> dict[str, Any]:
        department = obj.department
        return {
            "id": department.pk,
            "name_ko": department.name_ko,
            "school_id": department.school_id,
            "school_name_ko": department.school.organisation.name_ko,
            "ncs_code": department.ncs_middle.code,
        }

    @staticmethod
    def resolve_company(obj: GraduateDestination) -> dict[str, Any] | None:
        company = obj.company
        if company is None:
            return None
        return {
            "id": company.pk,
            "name_ko": company.organisation.name_ko,
            "business_number": company.business_number,
        }

    @staticmethod
    def resolve_ncs_code(obj: GraduateDestination) -> str | None:
        return obj.ncs_middle.code if obj.ncs_middle else None


class CountsOut(Schema):
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


class SummaryLineOut(Schema):
    key: str
    name_ko: str
    name_en: str
    school_name_ko: str
    ncs_code: str
    counts: CountsOut


class SummaryOut(Schema):
    years: list[int]
    group_by: SummaryGroup
    totals: CountsOut
    lines: list[SummaryLineOut]


def counts_out(counts: DestinationCounts) -> dict[str, Any]:
    return counts.as_dict()


def summary_out(summary: Summary) -> dict[str, Any]:
    return {
        "years": summary.years,
        "group_by": summary.group_by,
        "totals": counts_out(summary.totals),
        "lines": [
            {
                "key": str(line.key),
                "name_ko": line.name_ko,
                "name_en": line.name_en,
                "school_name_ko": line.school_name_ko,
                "ncs_code": line.ncs_code,
                "counts": counts_out(line.counts),
            }
            for line in summary.lines
        ],
    }


# --- The longitudinal pathway (issue 18) -----------------------------------------------------

EventKindName = Literal[
    "hired",
    "insurance_check",
    "job_change",
    "left",
    "enlisted",
    "enrolled",
    "completed",
    "exempted",
]


class PathwayEventIn(Schema):
    """One event of a graduate; the fields that apply depend on ``kind`` (422 names any other)."""

    kind: EventKindName
    occurred_on: date
    business_number: str | None = Field(None, max_length=12)
    employer_name: str = Field("", max_length=100)
    ksic_code: str = Field("", max_length=5)
    workplace_sigungu_code: str = Field("", max_length=5, description="5-digit 시군구 code")
    employment_type: str = ""
    weekly_hours: int | None = None
    wage_band: str = ""
    check_month: int | None = Field(None, description="3, 6 or 12 months after the hire")
    is_insured: bool | None = None
    source: str = Field("", description="where an insurance status comes from")
    service_type: str = ""
    route: str = Field("", description="the route of an enrolment (rules.ROUTES)")
    institution_name: str = Field("", max_length=100)
    note: str = Field("", max_length=200)


class PathwayEventOut(Schema):
    id: int
    graduate_id: int
    kind: str
    occurred_on: date
    employer_name: str
    ksic_code: str
    workplace_sigungu_code: str
    employment_type: str
    weekly_hours: int | None
    wage_band: str
    check_month: int | None
    is_insured: bool | None
    source: str
    service_type: str
    route: str
    institution_name: str
    note: str
    is_synthetic: bool


Shown = int | float | str | None


class IndicatorRowOut(Schema):
    """One group's figures; "<5" where a small count (or a rate made of one) is suppressed."""

    key: str | None
    name_ko: str
    name_en: str
    graduates: int | str
    employed: int | str
    higher_education: int | str
    enlisted: int | str
    exempted: int | str
    employment_rate: Shown
    higher_education_rate: Shown
    retention_6: Shown
    retention_12: Shown
    same_city: Shown
    same_province: Shown
    work_study: int | str
    work_study_rate: Shown
    days_to_first_job: Shown
    synthetic: bool


class IndicatorDefinitionOut(Schema):
    code: str
    name_ko: str
    name_en: str
    text_ko: str
    text_en: str
    source: str
    checked_on: date
    verified: bool
    official: bool


class IndicatorsOut(Schema):
    dimension: str
    years: list[int]
    suppressed: bool
    rows: list[IndicatorRowOut]
    total: IndicatorRowOut
    definitions: list[IndicatorDefinitionOut]


def indicator_row(line: IndicatorLine) -> dict[str, Any]:
    shown = line.shown
    return {
        "key": None if line.key is None else str(line.key),
        "name_ko": line.name_ko,
        "name_en": line.name_en,
        **{
            name: getattr(shown, name)
            for name in IndicatorRowOut.model_fields
            if hasattr(shown, name)
        },
    }


def indicators_out(table: IndicatorTable) -> dict[str, Any]:
    return {
        "dimension": table.dimension,
        "years": table.years,
        "suppressed": table.suppressed,
        "rows": [indicator_row(line) for line in table.lines],
        "total": indicator_row(table.total),
        "definitions": [vars(rule) for rule in (*rules.DEFINITIONS, rules.SUPPRESSION)],
    }

"""API schemas of the registry (pydantic v2 through django-ninja)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Schema
from pydantic import Field

from vocnet.api.schemas import PatchSchema
from vocnet.registry.models import (
    Company,
    Department,
    Organisation,
    PilotDistrict,
    School,
    SchoolDesignation,
    Student,
    SupportOffice,
)

SchoolTypeCode = Literal["specialized", "meister", "general_vocational"]
EstablishmentCode = Literal["national", "public", "private"]
SizeClassCode = Literal["large", "midsize", "sme", "micro"]
OrganisationKindCode = Literal[
    "school",
    "company",
    "province",
    "city_county",
    "university",
    "education_office",
    "support_office",
    "industry_body",
    "public_agency",
]
DesignationKindCode = Literal["moe_agreement", "gg_agreement", "gg_hightech", "pilot_district"]

RegionCode = Field(pattern=r"^41\d{3}$", description="5-digit 시군구 code, e.g. 41390")


class RegionRef(Schema):
    sigungu_code: str
    name_ko: str
    name_en: str


class RegionOut(RegionRef):
    id: int
    full_name_ko: str
    kind: str
    latitude: float
    longitude: float
    support_office_id: int


class SupportOfficeOut(Schema):
    id: int
    name_ko: str
    short_name_ko: str
    name_en: str
    region_codes: list[str]
    pilot_district_years: list[int]

    @staticmethod
    def resolve_region_codes(obj: SupportOffice) -> list[str]:
        return [region.sigungu_code for region in obj.regions.all()]

    @staticmethod
    def resolve_pilot_district_years(obj: SupportOffice) -> list[int]:
        return [d.year for d in obj.pilot_districts.all()]


class PilotDistrictOut(Schema):
    id: int
    year: int
    support_office_id: int
    support_office_name_ko: str
    region_codes: list[str]
    source_note: str

    @staticmethod
    def resolve_support_office_name_ko(obj: PilotDistrict) -> str:
        return obj.support_office.name_ko

    @staticmethod
    def resolve_region_codes(obj: PilotDistrict) -> list[str]:
        return [r.sigungu_code for r in obj.support_office.regions.all()]


class CodeOut(Schema):
    code: str
    name_ko: str
    parent_code: str


class OrganisationOut(Schema):
    id: int
    kind: OrganisationKindCode
    kind_label: str
    name_ko: str
    name_en: str
    region: RegionRef | None
    address: str
    phone: str
    email: str
    website: str
    data_origin: str
    is_synthetic: bool

    @staticmethod
    def resolve_kind_label(obj: Organisation) -> str:
        return obj.get_kind_display()


class OrganisationPatch(PatchSchema):
    name_ko: str | None = Field(None, min_length=1, max_length=100)
    name_en: str | None = Field(None, max_length=150)
    region_code: str | None = Field(None, pattern=r"^41\d{3}$")
    address: str | None = Field(None, max_length=200)
    postal_code: str | None = Field(None, pattern=r"^(\d{5})?$")
    phone: str | None = Field(None, max_length=15)
    email: str | None = Field(None, max_length=254)
    website: str | None = Field(None, max_length=200)


class OrganisationIn(Schema):
    name_ko: str = Field(min_length=1, max_length=100)
    name_en: str = Field("", max_length=150)
    region_code: str = Field(pattern=r"^41\d{3}$")
    address: str = Field("", max_length=200)
    postal_code: str = Field("", pattern=r"^(\d{5})?$")
    phone: str = Field("", max_length=15)
    email: str = Field("", max_length=254)
    website: str = Field("", max_length=200)


class DesignationOut(Schema):
    kind: DesignationKindCode
    kind_label: str
    year: int
    role: str

    @staticmethod
    def resolve_kind_label(obj: SchoolDesignation) -> str:
        return obj.get_kind_display()


class DepartmentOut(Schema):
    id: int
    school_id: int
    name_ko: str
    ncs_code: str
    ncs_name_ko: str
    intake_capacity: int
    enrolled_grade_1: int
    enrolled_grade_2: int
    enrolled_grade_3: int
    is_active: bool

    @staticmethod
    def resolve_ncs_code(obj: Department) -> str:
        return obj.ncs_middle.code

    @staticmethod
    def resolve_ncs_name_ko(obj: Department) -> str:
        return obj.ncs_middle.name_ko


class DepartmentIn(Schema):
    name_ko: str = Field(min_length=1, max_length=50)
    ncs_code: str = Field(pattern=r"^\d{4}$")
    intake_capacity: int = Field(ge=1, le=500)
    enrolled_grade_1: int = Field(0, ge=0, le=1000)
    enrolled_grade_2: int = Field(0, ge=0, le=1000)
    enrolled_grade_3: int = Field(0, ge=0, le=1000)


class DepartmentPatch(PatchSchema):
    name_ko: str | None = Field(None, min_length=1, max_length=50)
    ncs_code: str | None = Field(None, pattern=r"^\d{4}$")
    intake_capacity: int | None = Field(None, ge=1, le=500)
    enrolled_grade_1: int | None = Field(None, ge=0, le=1000)
    enrolled_grade_2: int | None = Field(None, ge=0, le=1000)
    enrolled_grade_3: int | None = Field(None, ge=0, le=1000)
    is_active: bool | None = None


class SchoolOut(Schema):
    id: int
    organisation: OrganisationOut
    neis_code: str
    school_type: SchoolTypeCode
    establishment: EstablishmentCode
    designations: list[DesignationOut]

    @staticmethod
    def resolve_id(obj: School) -> int:
        return obj.pk

    @staticmethod
    def resolve_designations(obj: School) -> list[SchoolDesignation]:
        return list(obj.designations.all())


class SchoolDetailOut(SchoolOut):
    departments: list[DepartmentOut]

    @staticmethod
    def resolve_departments(obj: School) -> list[Department]:
        return list(obj.departments.all())


class SchoolIn(OrganisationIn):
    neis_code: str = Field(pattern=r"^\d{7}$", description="NEIS 표준학교코드 (7 digits)")
    school_type: SchoolTypeCode
    establishment: EstablishmentCode


class SchoolPatch(OrganisationPatch):
    school_type: SchoolTypeCode | None = None
    establishment: EstablishmentCode | None = None


class CompanyOut(Schema):
    id: int
    organisation: OrganisationOut
    business_number: str
    ksic_code: str
    ksic_name_ko: str
    size_class: SizeClassCode
    employees: int

    @staticmethod
    def resolve_id(obj: Company) -> int:
        return obj.pk

    @staticmethod
    def resolve_ksic_code(obj: Company) -> str:
        return obj.ksic_division.code

    @staticmethod
    def resolve_ksic_name_ko(obj: Company) -> str:
        return obj.ksic_division.name_ko_11th or obj.ksic_division.name_ko


class CompanyIn(OrganisationIn):
    business_number: str = Field(
        min_length=10, max_length=12, description="사업자등록번호, 10 digits (hyphens allowed)"
    )
    ksic_code: str = Field(pattern=r"^\d{2}$", description="KSIC division (2 digits)")
    size_class: SizeClassCode
    employees: int = Field(ge=0, le=1_000_000)


class CompanyPatch(OrganisationPatch):
    ksic_code: str | None = Field(None, pattern=r"^\d{2}$")
    size_class: SizeClassCode | None = None
    employees: int | None = Field(None, ge=0, le=1_000_000)


class StudentOut(Schema):
    id: int
    school_id: int
    school_name_ko: str
    department_id: int
    department_name_ko: str
    student_number: str
    name: str
    grade: int
    birth_date: date | None
    is_enrolled: bool
    is_synthetic: bool

    @staticmethod
    def resolve_school_name_ko(obj: Student) -> str:
        return obj.school.organisation.name_ko

    @staticmethod
    def resolve_department_name_ko(obj: Student) -> str:
        return obj.department.name_ko


class StudentIn(Schema):
    school_id: int
    department_id: int
    student_number: str = Field(pattern=r"^\d{4,10}$", description="학번, 4–10 digits")
    name: str = Field(min_length=1, max_length=50)
    grade: int = Field(ge=1, le=3)
    birth_date: date | None = None


class StudentPatch(PatchSchema):
    nullable = frozenset({"birth_date"})

    department_id: int | None = None
    name: str | None = Field(None, min_length=1, max_length=50)
    grade: int | None = Field(None, ge=1, le=3)
    birth_date: date | None = None
    is_enrolled: bool | None = None

"""The demo as plain data: what the generator decides and the loader writes.

Keeping the plan apart from the database lets a test check the full-scale demo (≥ 110 schools,
≥ 3,000 companies, ≥ 40,000 students) in a second, without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

DEFAULT_SEED = 2025
SYNTHETIC_NOTE = "합성 데모 데이터 (synthetic demo data)"
UNVERIFIED_LOCATION_NOTE = "소재지 미확인 (unverified location)"
INFERRED_LOCATION_NOTE = "소재지 추정(학교명 등에서 추정, 미확인) (inferred location)"
# No real address: .example is reserved (RFC 2606), so a demo e-mail can never reach anyone.
DEMO_EMAIL_DOMAIN = "demo.vocnet.example"


@dataclass(frozen=True, slots=True)
class PlannedOrganisation:
    kind: str
    name_ko: str
    data_origin: str
    source_note: str
    region_code: str | None = None
    name_en: str = ""
    address: str = ""
    location_is_inferred: bool = False
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class PlannedDesignation:
    kind: str
    year: int
    role: str = ""
    pilot_office_name: str = ""
    field_note: str = ""
    source_note: str = ""


@dataclass(frozen=True, slots=True)
class PlannedStudent:
    student_number: str
    name: str
    grade: int
    birth_date: date


@dataclass(slots=True)
class PlannedDepartment:
    name_ko: str
    ncs_code: str
    intake_capacity: int
    enrolled: tuple[int, int, int]
    students: list[PlannedStudent] = field(default_factory=list)


@dataclass(slots=True)
class PlannedSchool:
    organisation: PlannedOrganisation
    neis_code: str
    school_type: str
    establishment: str
    profile: str
    departments: list[PlannedDepartment] = field(default_factory=list)
    designations: list[PlannedDesignation] = field(default_factory=list)

    @property
    def is_real_name(self) -> bool:
        return self.organisation.data_origin != "synthetic"


@dataclass(frozen=True, slots=True)
class PlannedCompany:
    organisation: PlannedOrganisation
    business_number: str
    ksic_division: str
    size_class: str
    employees: int


@dataclass(frozen=True, slots=True)
class PlannedLogin:
    """One demo account: the organisation is named by (kind, name_ko)."""

    username: str
    role: str
    name: str
    title: str
    organisation_kind: str
    organisation_name: str
    is_staff: bool = False


@dataclass(slots=True)
class DemoPlan:
    seed: int
    scale: float
    school_year: int
    schools: list[PlannedSchool]
    companies: list[PlannedCompany]
    # Local governments, the provincial office, universities, industry bodies, agencies.
    organisations: list[PlannedOrganisation]
    logins: list[PlannedLogin]
    # The student behind the ``student`` login, as (school name, student number).
    login_student: tuple[str, str]

    @property
    def student_count(self) -> int:
        return sum(len(d.students) for s in self.schools for d in s.departments)

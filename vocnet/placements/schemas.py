"""API schemas of field training (pydantic v2 through django-ninja)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from ninja import Schema
from pydantic import Field

from vocnet.api.schemas import LocalTime
from vocnet.placements.models import (
    FieldTrainingOffer,
    HostVetting,
    Placement,
    PlacementContract,
)
from vocnet.placements.services.contracts import version_parties
from vocnet.registry.schemas import RegionRef

HostKindCode = Literal["leading", "participating"]
VettingStatusCode = Literal["applied", "inspected", "approved", "rejected", "excluded", "withdrawn"]
OfferStatusCode = Literal["draft", "published", "closed", "withdrawn"]
PlacementStatusCode = Literal[
    "matched", "contracted", "in_progress", "completed", "terminated", "cancelled"
]
PartyCode = Literal["company", "school", "student", "guardian"]


class CompanyRef(Schema):
    id: int
    name_ko: str
    business_number: str

    @staticmethod
    def resolve_id(obj: Any) -> int:
        return int(obj.pk)

    @staticmethod
    def resolve_name_ko(obj: Any) -> str:
        return str(obj.organisation.name_ko)


# Vetting -------------------------------------------------------------------------------------


class VettingIn(Schema):
    company_id: int = Field(ge=1)
    host_kind: HostKindCode = "participating"
    person_in_charge_name: str = Field(min_length=1, max_length=50)
    person_in_charge_phone: str = Field("", max_length=15)
    application_note: str = Field("", max_length=2000)


class InspectionIn(Schema):
    inspected_on: date
    teacher_name: str = Field(min_length=1, max_length=50)
    labour_attorney_name: str = Field(min_length=1, max_length=50)
    safety_agency_name: str = Field(min_length=1, max_length=100)
    job_field_fit: bool
    training_conditions: bool
    safety_and_health: bool
    person_in_charge: bool
    insurance: bool
    notes: str = Field("", max_length=2000)


class DecisionIn(Schema):
    approve: bool
    note: str = Field("", max_length=2000)
    valid_from: date | None = None
    valid_until: date | None = None


class InspectionOut(Schema):
    id: int
    inspected_on: date
    teacher_name: str
    labour_attorney_name: str
    safety_agency_name: str
    job_field_fit: bool
    training_conditions: bool
    safety_and_health: bool
    person_in_charge: bool
    insurance: bool
    notes: str


class VettingOut(Schema):
    id: int
    company: CompanyRef
    host_kind: str
    status: str
    person_in_charge_name: str
    applied_at: datetime
    decided_at: datetime | None
    decision_note: str
    valid_from: date | None
    valid_until: date | None
    excluded_at: datetime | None


class VettingDetailOut(VettingOut):
    inspections: list[InspectionOut]

    @staticmethod
    def resolve_inspections(obj: HostVetting) -> list[Any]:
        return list(obj.inspections.all())


class AccidentIn(Schema):
    company_id: int = Field(ge=1)
    occurred_on: date
    description: str = Field(min_length=1, max_length=5000)
    source_note: str = Field("", max_length=300)


class ExclusionOut(Schema):
    accident_id: int
    excluded_vettings: int
    closed_offers: int
    active_placements: int


# Offers --------------------------------------------------------------------------------------


class ScheduleIn(Schema):
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday")
    start: LocalTime
    end: LocalTime
    break_minutes: int = Field(0, ge=0, le=600)


class OfferIn(Schema):
    company_id: int | None = Field(None, ge=1, description="default: the caller's company")
    title: str = Field(min_length=1, max_length=200)
    region_code: str = Field(pattern=r"^41\d{3}$", description="시군구 code of the site")
    ncs_code: str = Field(pattern=r"^\d{4}$", description="NCS middle code")
    seats: int = Field(ge=1, le=500)
    start_date: date
    end_date: date
    allowance_krw: int = Field(ge=0, le=20_000_000, description="KRW per month")
    acknowledge_low_allowance: bool = Field(
        False, description="required when the allowance is 0 or below the configured floor"
    )
    training_type: str = Field(
        "learning_centred",
        max_length=20,
        description="learning_centred (학습중심) or hiring_linked (산업체 채용형)",
    )
    schedule: list[ScheduleIn] = Field(min_length=1, max_length=7)
    site_address: str = Field("", max_length=200)
    mentor_name: str = Field("", max_length=50)
    mentor_title: str = Field("", max_length=50)
    mentor_phone: str = Field("", max_length=15)
    tasks: str = Field("", max_length=5000)
    hazard_categories: list[str] = Field(default_factory=list, max_length=20)
    safety_measures: str = Field("", max_length=5000)
    has_extension_agreement: bool = False
    extension_agreement_note: str = Field("", max_length=2000)


class ScheduleOut(Schema):
    weekday: int
    start: LocalTime
    end: LocalTime
    break_minutes: int
    training_minutes: int


class OfferOut(Schema):
    id: int
    company: CompanyRef
    title: str
    region: RegionRef
    ncs_code: str
    ncs_name_ko: str
    seats: int
    seats_taken: int
    start_date: date
    end_date: date
    allowance_krw: int
    status: str
    published_at: datetime | None
    is_synthetic: bool

    @staticmethod
    def resolve_ncs_code(obj: FieldTrainingOffer) -> str:
        return obj.ncs_middle.code

    @staticmethod
    def resolve_ncs_name_ko(obj: FieldTrainingOffer) -> str:
        return obj.ncs_middle.name_ko

    @staticmethod
    def resolve_seats_taken(obj: FieldTrainingOffer) -> int:
        return int(getattr(obj, "seats_taken", 0))


class OfferDetailOut(OfferOut):
    site_address: str
    mentor_name: str
    mentor_title: str
    mentor_phone: str
    tasks: str
    hazard_categories: list[str]
    safety_measures: str
    has_extension_agreement: bool
    extension_agreement_note: str
    closing_reason: str
    training_type: str
    allowance_warning_acknowledged_at: datetime | None
    schedule: list[ScheduleOut]

    @staticmethod
    def resolve_schedule(obj: FieldTrainingOffer) -> list[Any]:
        return list(obj.schedule.all())


class ReasonIn(Schema):
    reason: str = Field("", max_length=300)


class PlacementTerminateIn(ReasonIn):
    notice_on: date | None = Field(
        None, description="the day the company told the school (required when it ends it)"
    )
    notice: str = Field("", max_length=2000)


# Placements and contracts --------------------------------------------------------------------


class StudentRef(Schema):
    id: int
    name: str
    student_number: str
    grade: int
    school_id: int
    school_name_ko: str
    department_name_ko: str

    @staticmethod
    def resolve_school_name_ko(obj: Any) -> str:
        return str(obj.school.organisation.name_ko)

    @staticmethod
    def resolve_department_name_ko(obj: Any) -> str:
        return str(obj.department.name_ko)


class OfferRef(Schema):
    id: int
    title: str
    company_name_ko: str
    start_date: date
    end_date: date

    @staticmethod
    def resolve_company_name_ko(obj: FieldTrainingOffer) -> str:
        return obj.company.organisation.name_ko


class PlacementOut(Schema):
    id: int
    student: StudentRef
    offer: OfferRef
    origin: str
    status: str
    created_at: datetime
    started_at: datetime | None
    ended_at: datetime | None
    ended_reason: str
    contract_id: int | None

    @staticmethod
    def resolve_contract_id(obj: Placement) -> int | None:
        try:
            return int(obj.contract.pk)
        except PlacementContract.DoesNotExist:
            return None


class ContractSignatureOut(Schema):
    party: str
    signer_name: str
    signed_at: datetime


class ContractVersionOut(Schema):
    number: int
    status: str
    terms: dict[str, Any]
    change_note: str
    created_at: datetime
    signed_at: datetime | None
    signatures: list[ContractSignatureOut]
    missing_parties: list[str]

    @staticmethod
    def resolve_signatures(obj: Any) -> list[Any]:
        return list(obj.signatures.all())

    @staticmethod
    def resolve_missing_parties(obj: Any) -> list[str]:
        return [party for party, sig in version_parties(obj).items() if sig is None]


class ContractOut(Schema):
    id: int
    placement_id: int
    current_version: ContractVersionOut | None
    versions: list[ContractVersionOut]

    @staticmethod
    def resolve_versions(obj: PlacementContract) -> list[Any]:
        return list(obj.versions.all())


class ContractSignIn(Schema):
    party: PartyCode | None = None
    # A student or guardian consents to each key item (vocnet.placements.consent.ITEMS) and
    # confirms their password with the signature (ADR 0033); ignored for the other parties.
    consents: list[str] = Field(default_factory=list, max_length=10)
    password: str | None = Field(None, max_length=256)


class ContractAmendIn(Schema):
    note: str = Field(min_length=1, max_length=2000)
    start_date: date | None = None
    end_date: date | None = None
    schedule: list[ScheduleIn] | None = Field(None, min_length=1, max_length=7)
    has_extension_agreement: bool | None = None
    extension_agreement_note: str | None = Field(None, max_length=2000)
    tasks: str | None = Field(None, max_length=5000)
    allowance_krw: int | None = Field(None, ge=0, le=20_000_000)
    mentor_name: str | None = Field(None, max_length=50)
    mentor_title: str | None = Field(None, max_length=50)
    mentor_phone: str | None = Field(None, max_length=15)
    safety_measures: str | None = Field(None, max_length=5000)


class SignatureResultOut(Schema):
    party: str
    signer_name: str
    signed_at: datetime
    version: int
    version_status: str

    @staticmethod
    def resolve_version(obj: Any) -> int:
        return int(obj.version.number)

    @staticmethod
    def resolve_version_status(obj: Any) -> str:
        return str(obj.version.status)


class RuleOut(Schema):
    code: str
    article_ko: str
    article_en: str
    summary_ko: str
    summary_en: str


class HazardOut(Schema):
    code: str
    name_ko: str
    name_en: str
    effect: str
    basis: str
    verification: str
    under_age: str
    age_basis: str


class HolidayOut(Schema):
    day: date
    name_ko: str
    name_en: str
    kind: str
    verification: str


class RulesOut(Schema):
    rules: list[RuleOut]
    hazard_categories: list[HazardOut]
    public_holidays: list[HolidayOut]


# During the placement ------------------------------------------------------------------------

IncidentKindCode = Literal["safety", "grievance", "other"]
EvaluatorRoleCode = Literal["student", "mentor", "teacher"]


class HoursIn(Schema):
    day: date
    start: LocalTime
    end: LocalTime
    break_minutes: int = Field(0, ge=0, le=600)
    activities: str = Field("", max_length=2000)


class LeaveIn(Schema):
    day: date
    kind: Literal["menstrual", "absence"]
    note: str = Field("", max_length=2000)


class HoursOut(Schema):
    id: int
    day: date
    start: LocalTime | None
    end: LocalTime | None
    leave: str
    break_minutes: int
    minutes: int
    activities: str
    is_breach: bool
    violations: list[dict[str, Any]]
    confirmed_at: datetime | None


class VisitIn(Schema):
    visited_on: date
    hours_kept: bool
    tasks_match: bool
    safety_ok: bool
    mentor_present: bool
    student_wellbeing: bool
    notes: str = Field(min_length=1, max_length=5000)
    follow_up: str = Field("", max_length=5000)


class SafetyEducationIn(Schema):
    given_on: date
    given_by: str = Field(max_length=100, description="who gave it (person or body)")
    content: str = Field(max_length=5000, description="what was taught")


class SafetyEducationOut(Schema):
    id: int
    given_on: date
    given_by: str
    content: str
    recorded_at: datetime


class VisitOut(Schema):
    id: int
    visited_on: date
    teacher_name: str
    hours_kept: bool
    tasks_match: bool
    safety_ok: bool
    mentor_present: bool
    student_wellbeing: bool
    notes: str
    follow_up: str


class IncidentIn(Schema):
    kind: IncidentKindCode
    description: str = Field(min_length=1, max_length=5000)
    occurred_on: date | None = None


class RespondIn(Schema):
    response: str = Field(min_length=1, max_length=5000)
    close: bool = False


class IncidentOut(Schema):
    id: int
    placement_id: int
    kind: str
    description: str
    occurred_on: date | None
    filed_at: datetime
    level: str
    status: str
    response_due: datetime
    escalated_at: datetime | None
    response: str
    responded_at: datetime | None


class EvaluationIn(Schema):
    role: EvaluatorRoleCode
    rating: int = Field(ge=1, le=5)
    comment: str = Field("", max_length=5000)


class EvaluationOut(Schema):
    id: int
    role: str
    rating: int
    comment: str
    submitted_at: datetime


# Applications (the company's consent before a direct placement) ------------------------------


class PlacementApplicationIn(Schema):
    student_id: int = Field(ge=1)
    note: str = Field("", max_length=1000)
    field_justification: str = Field("", max_length=1000)


class ApplicationInterviewIn(Schema):
    interview_at: datetime
    place: str = Field(max_length=200)
    outcome: str = Field("", max_length=1000)


class ApplicationDeclineIn(Schema):
    reason: str = Field(max_length=1000)


class PlacementApplicationOut(Schema):
    id: int
    student: StudentRef
    offer: OfferRef
    status: str
    note: str
    field_justification: str
    applied_at: datetime
    interview_at: datetime | None
    interview_place: str
    interview_outcome: str
    decided_at: datetime | None
    decision_reason: str
    placement_id: int | None

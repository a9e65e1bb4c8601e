"""Endpoints of the universities' part of pathways (issue 18 §4), mounted on the pathways
router: thin — parse input, call one selector or service, return. A university sees and
edits its own programmes (the province all); graduates' records reach a university only
with the graduate's standing consent, and each list of them is logged in the personal-data
access log; only the graduate gives or withdraws the consent (403 naming ``graduate``
otherwise, nothing written)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from vocnet.pathways.models_universities import UniversityProgramme
from vocnet.pathways.selectors import universities as selectors
from vocnet.pathways.services import universities as services
from vocnet.privacy.models import AccessAction
from vocnet.privacy.services import record_personal_data_access

router = Router(tags=["pathways: universities"])

ProgrammeKindValue = Literal["incumbent_special", "contract_department"]
ContractTypeValue = Literal["", "hiring", "retraining", "early_employment"]


class UniversityProgrammeIn(Schema):
    university_id: int = Field(ge=1)
    kind: ProgrammeKindValue
    name: str = Field(min_length=1, max_length=150)
    admission_year: int = Field(ge=2000, le=2100)
    places: int = Field(ge=1, le=1000)
    admission_conditions: str = Field("", max_length=2000)
    contract_type: ContractTypeValue = ""
    contract_title: str = Field("", max_length=200)
    contract_signed_on: date | None = None
    contract_ends_on: date | None = None
    partner_business_numbers: list[str] = Field(
        default_factory=list, max_length=50, description="사업자등록번호 of the partner companies"
    )


class PartnerCompanyOut(Schema):
    id: int
    name: str
    business_number: str


class UniversityProgrammeOut(Schema):
    id: int
    university_id: int
    university_name: str
    kind: str
    name: str
    admission_year: int
    places: int
    admission_conditions: str
    contract_type: str
    contract_title: str
    contract_signed_on: date | None
    contract_ends_on: date | None
    partner_companies: list[PartnerCompanyOut]
    is_synthetic: bool


def programme_out(programme: UniversityProgramme) -> dict[str, Any]:
    return {
        "id": programme.pk,
        "university_id": programme.university_id,
        "university_name": programme.university.name_ko,
        "kind": programme.kind,
        "name": programme.name,
        "admission_year": programme.admission_year,
        "places": programme.places,
        "admission_conditions": programme.admission_conditions,
        "contract_type": programme.contract_type,
        "contract_title": programme.contract_title,
        "contract_signed_on": programme.contract_signed_on,
        "contract_ends_on": programme.contract_ends_on,
        "partner_companies": [
            {"id": c.pk, "name": c.organisation.name_ko, "business_number": c.business_number}
            for c in programme.partner_companies.all()
        ],
        "is_synthetic": programme.is_synthetic,
    }


def _fresh(request: HttpRequest, programme_id: int) -> dict[str, Any]:
    return programme_out(selectors.programmes_visible(request.user).get(pk=programme_id))


@router.get("/pathways/university-programmes", response=list[UniversityProgrammeOut])
def list_university_programmes(request: HttpRequest) -> Any:
    """The programmes the caller may see: a university's own, the province's all, a
    graduate's (or school's) those of the universities linked to their school."""
    return [programme_out(p) for p in selectors.programmes_visible(request.user)]


@router.post("/pathways/university-programmes", response={201: UniversityProgrammeOut})
def create_university_programme(request: HttpRequest, payload: UniversityProgrammeIn) -> Any:
    programme = services.programme_create(
        actor=request.user, data=services.ProgrammeInput(**payload.dict())
    )
    return Status(201, _fresh(request, programme.pk))


@router.put("/pathways/university-programmes/{programme_id}", response=UniversityProgrammeOut)
def update_university_programme(
    request: HttpRequest, programme_id: int, payload: UniversityProgrammeIn
) -> Any:
    """Replace a programme's terms (its university stays)."""
    programme = selectors.programme_for_change(request.user, programme_id)
    data = services.ProgrammeInput(**{**payload.dict(), "university_id": programme.university_id})
    services.programme_update(actor=request.user, programme=programme, data=data)
    return _fresh(request, programme_id)


class ConsentingGraduateOut(Schema):
    graduate_id: int
    school_name: str
    department_name: str
    graduation_year: int
    graduate_key: str
    pathway_status: str
    days_in_work: int
    is_working: bool
    incumbent_special_eligible: bool
    incumbent_special_eligible_on: date | None
    consent_given_at: datetime
    is_synthetic: bool


def _log(request: HttpRequest, student_ids: list[int | None]) -> None:
    record_personal_data_access(
        request=request,
        subjects=[("registry.student", pk) for pk in student_ids if pk],
        action=AccessAction.VIEW,
    )


@router.get("/pathways/university-graduates", response=list[ConsentingGraduateOut])
def list_consenting_graduates(request: HttpRequest, eligible: bool = False) -> Any:
    """The consenting graduates of the schools linked to the caller's universities, with their
    time in work and 재직자 특별전형 eligibility (3 years in work; vocnet's computation, the
    statute not verified). Logged in the personal-data access log."""
    rows = selectors.consenting_graduates(request.user, eligible_only=eligible)
    _log(request, [row.graduate.student_id for row in rows])
    return [
        {
            "graduate_id": row.graduate.pk,
            "school_name": row.graduate.department.school.organisation.name_ko,
            "department_name": row.graduate.department.name_ko,
            "graduation_year": row.graduate.graduation_year,
            "graduate_key": row.graduate.graduate_key,
            "pathway_status": row.graduate.pathway_status,
            "days_in_work": row.tenure.days,
            "is_working": row.tenure.is_working,
            "incumbent_special_eligible": row.tenure.is_eligible,
            "incumbent_special_eligible_on": row.tenure.eligible_on,
            "consent_given_at": row.consent.given_at,
            "is_synthetic": row.graduate.is_synthetic,
        }
        for row in rows
    ]


class UniversityApplicationOut(Schema):
    id: int
    programme_id: int
    programme_name: str
    university_name: str
    graduate_id: int
    graduate_key: str
    school_name: str
    status: str
    applied_at: datetime
    decided_at: datetime | None
    enrolled_on: date | None
    is_synthetic: bool


def _application_out(application: Any) -> dict[str, Any]:
    return {
        "id": application.pk,
        "programme_id": application.programme_id,
        "programme_name": application.programme.name,
        "university_name": application.programme.university.name_ko,
        "graduate_id": application.graduate_id,
        "graduate_key": application.graduate.graduate_key,
        "school_name": application.graduate.department.school.organisation.name_ko,
        "status": application.status,
        "applied_at": application.applied_at,
        "decided_at": application.decided_at,
        "enrolled_on": application.enrolled_on,
        "is_synthetic": application.is_synthetic,
    }


@router.get("/pathways/university-applications", response=list[UniversityApplicationOut])
def list_programme_applications(request: HttpRequest) -> Any:
    """Applications the caller may see (logged in the personal-data access log)."""
    rows = list(selectors.applications_visible(request.user))
    _log(request, [row.graduate.student_id for row in rows])
    return [_application_out(row) for row in rows]


class UniversityApplicationIn(Schema):
    graduate_id: int = Field(ge=1)
    programme_id: int = Field(ge=1)


@router.post("/pathways/university-applications", response={201: UniversityApplicationOut})
def create_programme_application(request: HttpRequest, payload: UniversityApplicationIn) -> Any:
    """The graduate applies to a place (only the graduate; their consent must stand)."""
    application = services.application_create(actor=request.user, **payload.dict())
    return Status(
        201,
        _application_out(selectors.applications_visible(request.user).get(pk=application.pk)),
    )


class ApplicationDecisionIn(Schema):
    status: Literal["admitted", "not_admitted", "enrolled"]
    enrolled_on: date | None = None


@router.post(
    "/pathways/university-applications/{application_id}/decision",
    response=UniversityApplicationOut,
)
def decide_programme_application(
    request: HttpRequest, application_id: int, payload: ApplicationDecisionIn
) -> Any:
    services.application_decide(actor=request.user, application_id=application_id, **payload.dict())
    return _application_out(selectors.applications_visible(request.user).get(pk=application_id))


class CohortMemberOut(Schema):
    application_id: int
    programme_name: str
    graduate_key: str
    stage: Literal["enrolled", "continuing", "completed"]
    enrolled_on: date | None
    completed_on: date | None


class CohortOut(Schema):
    counts: dict[str, int]
    members: list[CohortMemberOut]


@router.get("/pathways/university-cohort", response=CohortOut)
def university_cohort(request: HttpRequest) -> Any:
    """The enrolled cohort's progress (vocnet's stages; logged in the access log)."""
    found = selectors.cohort(request.user)
    _log(request, [m.application.graduate.student_id for m in found.members])
    return {
        "counts": found.counts,
        "members": [
            {
                "application_id": m.application.pk,
                "programme_name": m.application.programme.name,
                "graduate_key": m.application.graduate.graduate_key,
                "stage": m.stage,
                "enrolled_on": m.enrolled_on,
                "completed_on": m.completed_on,
            }
            for m in found.members
        ],
    }


class UniversityConsentOut(Schema):
    id: int
    graduate_id: int
    given_at: datetime
    withdrawn_at: datetime | None


def _consent_out(consent: Any) -> dict[str, Any]:
    return {
        "id": consent.pk,
        "graduate_id": consent.graduate_id,
        "given_at": consent.given_at,
        "withdrawn_at": consent.withdrawn_at,
    }


CONSENT = "/pathways/graduates/{graduate_id}/university-consent"


@router.post(CONSENT, response={201: UniversityConsentOut})
def give_university_consent(request: HttpRequest, graduate_id: int) -> Any:
    """The graduate consents that the universities linked to their school see their pathway
    (only the graduate: 403 naming ``graduate`` otherwise, nothing written)."""
    return Status(
        201, _consent_out(services.consent_give(actor=request.user, graduate_id=graduate_id))
    )


@router.delete(CONSENT, response={200: UniversityConsentOut, 204: None})
def withdraw_university_consent(request: HttpRequest, graduate_id: int) -> Any:
    """The graduate withdraws the consent (204 when none stood)."""
    consent = services.consent_withdraw(actor=request.user, graduate_id=graduate_id)
    if consent is None:
        return Status(204, None)
    return _consent_out(consent)

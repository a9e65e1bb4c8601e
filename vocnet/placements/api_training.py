"""Field-training endpoints, continued: contracts (sign, amend, PDF) and what happens during
the placement (the hours diary, monitoring visits, incident reports, evaluations). Mounted on
``vocnet.placements.api.router``; thin like it."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Status
from ninja.pagination import paginate
from pydantic import Field

from vocnet.api.pagination import BoundedPagination
from vocnet.api.schemas import FilterQuery
from vocnet.core.errors import not_found
from vocnet.placements import selectors, services
from vocnet.placements.consent import ConsentGiven
from vocnet.placements.pdf import contract_pdf
from vocnet.placements.schemas import (
    ContractAmendIn,
    ContractOut,
    ContractSignIn,
    EvaluationIn,
    EvaluationOut,
    HoursIn,
    HoursOut,
    IncidentIn,
    IncidentOut,
    LeaveIn,
    RespondIn,
    SafetyEducationIn,
    SafetyEducationOut,
    SignatureResultOut,
    VisitIn,
    VisitOut,
)
from vocnet.placements.services.consent import password_confirm
from vocnet.privacy.services import record_personal_data_access
from vocnet.spreadsheets.exporting import content_disposition

router = Router(tags=["placements"])


class IncidentQuery(FilterQuery):
    status: str | None = Field(None, pattern=r"^(open|responded|closed)$")
    level: str | None = Field(None, pattern=r"^(school|province)$")
    kind: str | None = Field(None, pattern=r"^(safety|grievance|hours_breach|other)$")

    def to_filters(self) -> selectors.IncidentFilters:
        return selectors.IncidentFilters(**self.dict())


# Contracts -----------------------------------------------------------------------------------


@router.get("/placements/contracts/{contract_id}", response=ContractOut)
def get_contract(request: HttpRequest, contract_id: int) -> Any:
    contract = selectors.contract_get(user=request.user, contract_id=contract_id)
    record_personal_data_access(
        request=request, subjects=[contract.placement.student], action="view"
    )
    return contract


@router.post("/placements/contracts/{contract_id}/sign", response={201: SignatureResultOut})
def sign_contract(request: HttpRequest, contract_id: int, payload: ContractSignIn) -> Any:
    """Sign the current version for a party the caller signs for (company, school, student,
    guardian), before the start date. A student or guardian sends ``consents`` (every key
    item: hours, allowance, safety, insurance, personal_data) and their ``password``; a wrong
    password counts toward the sign-in lockout."""
    contract = selectors.contract_get(user=request.user, contract_id=contract_id)
    confirmed = (
        password_confirm(request=request, password=payload.password) if payload.password else None
    )
    consent = ConsentGiven(frozenset(payload.consents), confirmed)
    signature = services.contract_sign(
        actor=request.user, contract=contract, party=payload.party, consent=consent
    )
    return Status(201, signature)


@router.post("/placements/contracts/{contract_id}/amend", response={201: ContractOut})
def amend_contract(request: HttpRequest, contract_id: int, payload: ContractAmendIn) -> Any:
    """A new version with the changes; every party signs it again."""
    contract = selectors.contract_get(user=request.user, contract_id=contract_id)
    data = payload.dict(exclude={"schedule"})
    schedule = (
        None
        if payload.schedule is None
        else [services.ScheduleInput(**day.dict()) for day in payload.schedule]
    )
    services.contract_amend(
        actor=request.user,
        contract=contract,
        changes=services.ContractChanges(schedule=schedule, **data),
    )
    record_personal_data_access(
        request=request, subjects=[contract.placement.student], action="change"
    )
    return Status(201, selectors.contract_get(user=request.user, contract_id=contract_id))


@router.get(
    "/placements/contracts/{contract_id}/pdf",
    openapi_extra={
        "responses": {
            200: {
                "description": "The contract as PDF",
                "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
    },
)
def contract_pdf_download(request: HttpRequest, contract_id: int) -> HttpResponse:
    """The current version as a printable PDF (A4, Korean)."""
    contract = selectors.contract_get(user=request.user, contract_id=contract_id)
    version = contract.current_version
    if version is None:
        raise not_found("협약서 판", "Contract version")
    record_personal_data_access(
        request=request, subjects=[contract.placement.student], action="view"
    )
    response = HttpResponse(contract_pdf(version), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(
        f"vocnet-contract-{contract.pk}-v{version.number}.pdf",
        f"현장실습_표준협약서_{contract.pk}_{version.number}판.pdf",
    )
    return response


# During the placement ------------------------------------------------------------------------


@router.get("/placements/placements/{placement_id}/hours", response=list[HoursOut])
def list_hours(request: HttpRequest, placement_id: int) -> Any:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    rows = selectors.hours_of(user=request.user, placement=placement)
    record_personal_data_access(request=request, subjects=[placement.student], action="view")
    return rows


@router.post("/placements/placements/{placement_id}/hours", response={201: HoursOut})
def log_hours(request: HttpRequest, placement_id: int, payload: HoursIn) -> Any:
    """Log one day (the student, or their school with them). A day breaking a legal limit is
    kept, marked ``is_breach`` with its violations, and reported to the school at once."""
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    entry = services.hours_log(actor=request.user, placement=placement, **payload.dict())
    return Status(201, entry)


@router.post("/placements/placements/{placement_id}/leave", response={201: HoursOut})
def log_leave(request: HttpRequest, placement_id: int, payload: LeaveIn) -> Any:
    """Log a leave day of the signed schedule (생리휴가, 근로기준법 제73조 via 직업교육훈련
    촉진법 제24조; or an absence the school accepted): no times, never a breach."""
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    entry = services.hours_log_leave(
        actor=request.user, placement=placement, day=payload.day, kind=payload.kind,
        note=payload.note,
    )  # fmt: skip
    return Status(201, entry)


@router.post("/placements/hours/{entry_id}/confirm", response=HoursOut)
def confirm_hours(request: HttpRequest, entry_id: int) -> Any:
    """The mentor (host company's staff) confirms a day of the diary."""
    entry = selectors.hours_entry_get(user=request.user, entry_id=entry_id)
    return services.hours_confirm(actor=request.user, entry=entry)


@router.get("/placements/placements/{placement_id}/visits", response=list[VisitOut])
def list_visits(request: HttpRequest, placement_id: int) -> Any:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    rows = selectors.visits_of(user=request.user, placement=placement)
    record_personal_data_access(request=request, subjects=[placement.student], action="view")
    return rows


@router.post("/placements/placements/{placement_id}/visits", response={201: VisitOut})
def record_visit(request: HttpRequest, placement_id: int, payload: VisitIn) -> Any:
    """A teacher's monitoring visit (순회지도) with its checklist."""
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    visit = services.visit_record(
        actor=request.user, placement=placement, data=services.VisitInput(**payload.dict())
    )
    return Status(201, visit)


@router.get(
    "/placements/placements/{placement_id}/safety-education",
    response=list[SafetyEducationOut],
)
def list_safety_education(request: HttpRequest, placement_id: int) -> Any:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    rows = selectors.safety_educations_of(user=request.user, placement=placement)
    record_personal_data_access(request=request, subjects=[placement.student], action="view")
    return rows


@router.post(
    "/placements/placements/{placement_id}/safety-education",
    response={201: SafetyEducationOut},
)
def record_safety_education(
    request: HttpRequest, placement_id: int, payload: SafetyEducationIn
) -> Any:
    """The school records the safety and labour-rights education given before the start
    (직업교육훈련 촉진법 제9조의5); a placement cannot start without one."""
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    education = services.safety_education_record(
        actor=request.user,
        placement=placement,
        data=services.SafetyEducationInput(**payload.dict()),
    )
    return Status(201, education)


class IncidentPagination(BoundedPagination):
    """Each report on the page concerns a student: a view of each in the access log."""

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(page[self.items_attribute])
        record_personal_data_access(
            request=request, subjects=[item.placement.student for item in items], action="view"
        )
        page[self.items_attribute] = items
        return page


@router.get("/placements/incidents", response=list[IncidentOut])
@paginate(IncidentPagination)
def list_incidents(request: HttpRequest, filters: Query[IncidentQuery]) -> Any:
    """Incident and grievance reports, by deadline (never the host company's)."""
    return selectors.incident_list(user=request.user, filters=filters.to_filters())


@router.post("/placements/placements/{placement_id}/incidents", response={201: IncidentOut})
def file_incident(request: HttpRequest, placement_id: int, payload: IncidentIn) -> Any:
    """Report an incident or a grievance; the school answers by the deadline, else the
    province. The host company never sees the report."""
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    incident = services.incident_file(actor=request.user, placement=placement, **payload.dict())
    return Status(201, incident)


@router.post("/placements/incidents/{incident_id}/respond", response=IncidentOut)
def respond_to_incident(request: HttpRequest, incident_id: int, payload: RespondIn) -> Any:
    incident = selectors.incident_get(user=request.user, incident_id=incident_id)
    return services.incident_respond(actor=request.user, incident=incident, **payload.dict())


@router.get("/placements/placements/{placement_id}/evaluations", response=list[EvaluationOut])
def list_evaluations(request: HttpRequest, placement_id: int) -> Any:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    rows = selectors.evaluations_of(user=request.user, placement=placement)
    record_personal_data_access(request=request, subjects=[placement.student], action="view")
    return rows


@router.post("/placements/placements/{placement_id}/evaluations", response={201: EvaluationOut})
def submit_evaluation(request: HttpRequest, placement_id: int, payload: EvaluationIn) -> Any:
    """The student's, the mentor's or the teacher's evaluation, once each, at the end."""
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    evaluation = services.evaluation_submit(
        actor=request.user, placement=placement, **payload.dict()
    )
    return Status(201, evaluation)

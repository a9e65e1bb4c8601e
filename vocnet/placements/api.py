"""Field-training endpoints: thin — parse input, call one selector or service, return.

Broken labour rules answer 422 ``labour_rules_broken`` naming the field, the rule and the
article; a full offer 409 ``offer_full``; refused transitions 409 ``transition_not_allowed``;
rows the caller may not see 404; writes they may not make 403. Views and exports of student
records are written to the personal-data access log (exports need a ``reason``).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Form, Query, Router, Status
from ninja.pagination import paginate
from pydantic import Field

from vocnet.api.pagination import BoundedPagination, DeferredJoinPagination
from vocnet.api.schemas import FilterQuery
from vocnet.core.errors import ValidationFailed
from vocnet.core.permissions import actor_for
from vocnet.placements import exporting, selectors, services
from vocnet.placements.api_applications import router as applications_router
from vocnet.placements.api_training import router as training_router
from vocnet.placements.errors import problem
from vocnet.placements.rules import RULES
from vocnet.placements.rules.hazards import hazard_categories
from vocnet.placements.rules.holidays import public_holidays
from vocnet.placements.schemas import (
    AccidentIn,
    ContractOut,
    DecisionIn,
    ExclusionOut,
    InspectionIn,
    InspectionOut,
    OfferDetailOut,
    OfferIn,
    OfferOut,
    OfferStatusCode,
    PlacementOut,
    PlacementStatusCode,
    PlacementTerminateIn,
    ReasonIn,
    RulesOut,
    VettingDetailOut,
    VettingIn,
    VettingOut,
    VettingStatusCode,
)
from vocnet.privacy.schemas import ExportReasonIn
from vocnet.privacy.services import (
    record_personal_data_access,
    require_export_reason,
    subjects_of,
)
from vocnet.registry.api_excel import XLSX_OPENAPI
from vocnet.registry.models import Company, Student
from vocnet.spreadsheets.exporting import XLSX_CONTENT_TYPE, content_disposition

router = Router(tags=["placements"])


class VettingQuery(FilterQuery):
    status: VettingStatusCode | None = None
    region: str | None = Field(None, pattern=r"^41\d{3}$")
    q: str | None = Field(None, max_length=50)

    def to_filters(self) -> selectors.VettingFilters:
        return selectors.VettingFilters(**self.dict())


class OfferQuery(FilterQuery):
    status: OfferStatusCode | None = None
    region: str | None = Field(None, pattern=r"^41\d{3}$")
    ncs: str | None = Field(None, pattern=r"^\d{2}(\d{2})?$", description="NCS major/middle")
    company: int | None = Field(None, ge=1)
    open_seats: bool | None = None
    q: str | None = Field(None, max_length=50)

    def to_filters(self) -> selectors.OfferFilters:
        return selectors.OfferFilters(**self.dict())


class PlacementQuery(FilterQuery):
    status: PlacementStatusCode | None = None
    origin: str | None = Field(None, pattern=r"^(round|direct)$")
    offer: int | None = Field(None, ge=1)
    school: int | None = Field(None, ge=1)
    region: str | None = Field(None, pattern=r"^41\d{3}$")
    q: str | None = Field(None, max_length=50)

    def to_filters(self) -> selectors.PlacementFilters:
        return selectors.PlacementFilters(**self.dict())


def _xlsx(content: bytes, names: tuple[str, str]) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(*names)
    return response


def _company(company_id: int) -> Company:
    company = Company.objects.select_related("organisation").filter(pk=company_id).first()
    if company is None:
        raise ValidationFailed.from_problems(
            [problem("company_id", "unknown_company", "없는 기업입니다.", "No such company.")]
        )
    return company


def _offer_company(request: HttpRequest, company_id: int | None) -> Company:
    if company_id is not None:
        return _company(company_id)
    own = sorted(actor_for(request.user).organisations("company_staff"))
    if len(own) != 1:
        raise ValidationFailed.from_problems(
            [
                problem(
                    "company_id",
                    "required",
                    "어느 기업의 제안인지 company_id를 적으세요.",
                    "Give the company_id of the offer.",
                )
            ]
        )
    return _company(own[0])


# Reference -----------------------------------------------------------------------------------


@router.get("/placements/rules", response=RulesOut)
def rules(request: HttpRequest) -> Any:
    """The labour rules every offer is checked against, with their articles; the hazard
    categories and the public holidays the rules use (each marked with how sure it is)."""
    return {
        "rules": RULES,
        "hazard_categories": list(hazard_categories().values()),
        "public_holidays": [h for _day, h in sorted(public_holidays().items())],
    }


# Vetting -------------------------------------------------------------------------------------


@router.get("/placements/vettings", response=list[VettingOut])
@paginate(BoundedPagination)
def list_vettings(request: HttpRequest, filters: Query[VettingQuery]) -> Any:
    return selectors.vetting_list(user=request.user, filters=filters.to_filters())


@router.post("/placements/vettings", response={201: VettingDetailOut})
def apply_for_vetting(request: HttpRequest, payload: VettingIn) -> Any:
    data = payload.dict()
    vetting = services.vetting_apply(
        actor=request.user,
        company=_company(data.pop("company_id")),
        data=services.VettingApplication(**data),
    )
    return Status(201, selectors.vetting_get(user=request.user, vetting_id=vetting.pk))


@router.get("/placements/vettings/{vetting_id}", response=VettingDetailOut)
def get_vetting(request: HttpRequest, vetting_id: int) -> Any:
    return selectors.vetting_get(user=request.user, vetting_id=vetting_id)


@router.post("/placements/vettings/{vetting_id}/inspections", response={201: InspectionOut})
def record_inspection(request: HttpRequest, vetting_id: int, payload: InspectionIn) -> Any:
    vetting = selectors.vetting_get(user=request.user, vetting_id=vetting_id)
    inspection = services.vetting_record_inspection(
        actor=request.user, vetting=vetting, data=services.InspectionInput(**payload.dict())
    )
    return Status(201, inspection)


@router.post("/placements/vettings/{vetting_id}/decision", response=VettingDetailOut)
def decide_vetting(request: HttpRequest, vetting_id: int, payload: DecisionIn) -> Any:
    vetting = selectors.vetting_get(user=request.user, vetting_id=vetting_id)
    services.vetting_decide(
        actor=request.user, vetting=vetting, data=services.DecisionInput(**payload.dict())
    )
    return selectors.vetting_get(user=request.user, vetting_id=vetting_id)


@router.post("/placements/accidents", response={201: ExclusionOut})
def record_accident(request: HttpRequest, payload: AccidentIn) -> Any:
    """Record a serious accident: the company is excluded at once and its offers closed."""
    data = payload.dict()
    result = services.serious_accident_record(
        actor=request.user, company=_company(data.pop("company_id")), **data
    )
    return Status(
        201,
        {
            "accident_id": result.accident.pk,
            "excluded_vettings": result.excluded_vettings,
            "closed_offers": result.closed_offers,
            "active_placements": result.active_placements,
        },
    )


# Offers --------------------------------------------------------------------------------------


def _offer_input(payload: OfferIn) -> services.OfferInput:
    data = payload.dict(exclude={"company_id", "schedule"})
    schedule = [services.ScheduleInput(**day.dict()) for day in payload.schedule]
    return services.OfferInput(schedule=schedule, **data)


@router.get("/placements/offers", response=list[OfferOut])
@paginate(DeferredJoinPagination)
def list_offers(request: HttpRequest, filters: Query[OfferQuery]) -> Any:
    return selectors.offer_list(user=request.user, filters=filters.to_filters())


@router.post("/placements/offers", response={201: OfferDetailOut})
def create_offer(request: HttpRequest, payload: OfferIn) -> Any:
    """A draft offer; terms that break a labour rule are refused (422) naming the field,
    the rule and the article."""
    offer = services.offer_create(
        actor=request.user,
        company=_offer_company(request, payload.company_id),
        data=_offer_input(payload),
    )
    return Status(201, selectors.offer_get(user=request.user, offer_id=offer.pk))


@router.get("/placements/offers/{offer_id}", response=OfferDetailOut)
def get_offer(request: HttpRequest, offer_id: int) -> Any:
    return selectors.offer_get(user=request.user, offer_id=offer_id)


@router.put("/placements/offers/{offer_id}", response=OfferDetailOut)
def update_offer(request: HttpRequest, offer_id: int, payload: OfferIn) -> Any:
    """Replace the terms of a draft or published offer without placements."""
    offer = selectors.offer_get(user=request.user, offer_id=offer_id)
    services.offer_update(actor=request.user, offer=offer, data=_offer_input(payload))
    return selectors.offer_get(user=request.user, offer_id=offer_id)


def _offer_action(request: HttpRequest, offer_id: int, action: Any, **kwargs: Any) -> Any:
    offer = selectors.offer_get(user=request.user, offer_id=offer_id)
    action(actor=request.user, offer=offer, **kwargs)
    return selectors.offer_get(user=request.user, offer_id=offer_id)


@router.post("/placements/offers/{offer_id}/publish", response=OfferDetailOut)
def publish_offer(request: HttpRequest, offer_id: int) -> Any:
    """Publish a draft: only a host with an approved, unexpired vetting (409 otherwise)."""
    return _offer_action(request, offer_id, services.offer_publish)


@router.post("/placements/offers/{offer_id}/close", response=OfferDetailOut)
def close_offer(request: HttpRequest, offer_id: int, payload: ReasonIn) -> Any:
    return _offer_action(request, offer_id, services.offer_close, reason=payload.reason)


@router.post("/placements/offers/{offer_id}/withdraw", response=OfferDetailOut)
def withdraw_offer(request: HttpRequest, offer_id: int, payload: ReasonIn) -> Any:
    return _offer_action(request, offer_id, services.offer_withdraw, reason=payload.reason)


@router.get("/placements/exports/offers.xlsx", openapi_extra=XLSX_OPENAPI)
def export_offers(request: HttpRequest, filters: Query[OfferQuery]) -> HttpResponse:
    queryset = selectors.offer_list(user=request.user, filters=filters.to_filters())
    return _xlsx(
        exporting.export_offers(queryset, filters=filters.dict()),
        exporting.export_names("offers"),
    )


# Placements ----------------------------------------------------------------------------------


@router.get("/placements/placements", response=list[PlacementOut])
@paginate(BoundedPagination)
def list_placements(request: HttpRequest, filters: Query[PlacementQuery]) -> Any:
    return selectors.placement_list(user=request.user, filters=filters.to_filters())


@router.get("/placements/placements/{placement_id}", response=PlacementOut)
def get_placement(request: HttpRequest, placement_id: int) -> Any:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    record_personal_data_access(request=request, subjects=[placement.student], action="view")
    return placement


def _placement_action(request: HttpRequest, placement_id: int, action: Any, **kw: Any) -> Any:
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    action(actor=request.user, placement=placement, **kw)
    record_personal_data_access(request=request, subjects=[placement.student], action="change")
    return selectors.placement_get(user=request.user, placement_id=placement_id)


@router.post("/placements/placements/{placement_id}/cancel", response=PlacementOut)
def cancel_placement(request: HttpRequest, placement_id: int, payload: ReasonIn) -> Any:
    return _placement_action(
        request, placement_id, services.placement_cancel, reason=payload.reason
    )


@router.post("/placements/placements/{placement_id}/start", response=PlacementOut)
def start_placement(request: HttpRequest, placement_id: int) -> Any:
    return _placement_action(request, placement_id, services.placement_start)


@router.post("/placements/placements/{placement_id}/complete", response=PlacementOut)
def complete_placement(request: HttpRequest, placement_id: int) -> Any:
    return _placement_action(request, placement_id, services.placement_complete)


@router.post("/placements/placements/{placement_id}/terminate", response=PlacementOut)
def terminate_placement(
    request: HttpRequest, placement_id: int, payload: PlacementTerminateIn
) -> Any:
    """End early; a company must give the day it told the school (제9조의4)."""
    return _placement_action(
        request,
        placement_id,
        services.placement_terminate,
        reason=payload.reason,
        notice_on=payload.notice_on,
        notice=payload.notice,
    )


@router.post("/placements/placements/{placement_id}/contract", response={201: ContractOut})
def draft_contract(request: HttpRequest, placement_id: int) -> Any:
    """Generate the standard contract from the offer, the student and the school."""
    placement = selectors.placement_get(user=request.user, placement_id=placement_id)
    contract = services.contract_draft(actor=request.user, placement=placement)
    record_personal_data_access(request=request, subjects=[placement.student], action="create")
    return Status(201, selectors.contract_get(user=request.user, contract_id=contract.pk))


@router.post("/placements/exports/placements.xlsx", openapi_extra=XLSX_OPENAPI)
def export_placements(
    request: HttpRequest, filters: Query[PlacementQuery], why: Form[ExportReasonIn]
) -> HttpResponse:
    """The placements the caller may see, as Excel. Students' records: a POST whose form
    field ``reason`` is required (422 naming ``reason`` without it) and logged."""
    reason = require_export_reason(why.reason)
    queryset = selectors.placement_list(user=request.user, filters=filters.to_filters())
    students = Student.objects.filter(pk__in=queryset.values("student_id"))
    record_personal_data_access(
        request=request, subjects=subjects_of(students), action="export", reason=reason
    )
    return _xlsx(
        exporting.export_placements(queryset, filters=filters.dict()),
        exporting.export_names("placements"),
    )


# Contracts and the training itself live in ``api_training`` (one router, two modules).
router.add_router("", training_router)
router.add_router("", applications_router)

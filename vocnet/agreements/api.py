"""Agreement endpoints: thin — parse input, call one selector or service, return.

Refused lifecycle transitions answer 409 ``transition_not_allowed``; bad input 422 with the
field and the rule in Korean and English; agreements the caller may not see 404.
"""

from datetime import date
from decimal import Decimal
from typing import Any, Literal

from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from vocnet.agreements import exporting, selectors, services
from vocnet.agreements.importing import DELIVERY_IMPORT, template_xlsx
from vocnet.agreements.schemas import (
    AgreementAmendIn,
    AgreementDetailOut,
    AgreementIn,
    AgreementOut,
    AgreementPatch,
    AgreementSignIn,
    AgreementTerminateIn,
    AuditOut,
    CommitmentOut,
    DashboardOut,
    DeliveryOut,
    FulfilmentOut,
    KindOut,
    PartyIn,
    PillarCode,
    StatusCode,
    VersionOut,
    fulfilment_out,
    group_out,
    kind_out,
)
from vocnet.api.pagination import BoundedPagination
from vocnet.api.schemas import FilterQuery, report_or_error
from vocnet.core.errors import not_found
from vocnet.registry.api_excel import XLSX_OPENAPI
from vocnet.spreadsheets.api import import_response
from vocnet.spreadsheets.exporting import XLSX_CONTENT_TYPE, content_disposition
from vocnet.spreadsheets.schemas import ImportJobOut, ImportReportOut

router = Router(tags=["agreements"])


class AgreementQuery(FilterQuery):
    """Filters of the agreement lists and exports (see ``selectors.AgreementFilters``)."""

    kind: str | None = Field(None, max_length=40)
    status: StatusCode | None = None
    pillar: PillarCode | None = None
    organisation: int | None = Field(None, ge=1, description="a party's organisation id")
    party: str | None = Field(None, max_length=50, description="a fragment of a party's name")
    region: str | None = Field(None, pattern=r"^41\d{3}$", description="a party's 시군구 code")
    q: str | None = Field(None, max_length=50, description="a fragment of the title")
    agreement: int | None = Field(None, ge=1, description="one agreement (exports)")

    def to_filters(self) -> selectors.AgreementFilters:
        return selectors.AgreementFilters(**self.dict())


def _party_inputs(parties: list[PartyIn] | None) -> list[services.PartyInput] | None:
    if parties is None:
        return None
    return [
        services.PartyInput(
            organisation_id=p.organisation_id,
            role=p.role,
            pillars=list(p.pillars),
            commitments=None
            if p.commitments is None
            else [
                services.CommitmentInput(
                    kind=c.kind,
                    pillar=c.pillar,
                    description=c.description,
                    targets=list(c.targets),
                    unit=c.unit,
                    key=c.key,
                )
                for c in p.commitments
            ],
        )
        for p in parties
    ]


def _detail(request: HttpRequest, agreement_id: int) -> Any:
    """The agreement with its detail attached, in the shape of ``AgreementDetailOut``."""
    detail = selectors.agreement_detail(user=request.user, agreement_id=agreement_id)
    agreement: Any = detail.agreement
    agreement.parties = detail.parties
    agreement.signatures = list(detail.signatures.values())
    agreement.version_history = detail.versions
    agreement.fulfilment = fulfilment_out(detail.progress) if detail.progress else None
    return agreement


def _xlsx(content: bytes, names: tuple[str, str]) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(*names)
    return response


# Reference and overview ----------------------------------------------------------------------


@router.get("/agreements/kinds", response=list[KindOut])
def list_kinds(request: HttpRequest) -> Any:
    return [kind_out(kind) for kind in selectors.kind_list(user=request.user)]


@router.get("/agreements/dashboard", response=DashboardOut)
def dashboard(request: HttpRequest, as_of: date | None = None) -> Any:
    """The province's dashboard: every agreement with its fulfilment by pillar."""
    data = selectors.dashboard(user=request.user, as_of=as_of)
    codes = [code for code, _label in data.pillars]
    return {
        "as_of": data.as_of,
        "overall": group_out(data.overall),
        "by_pillar": {
            code: group_out(g) if g else None for code, g in zip(codes, data.by_pillar, strict=True)
        },
        "rows": [
            {
                "agreement": row.agreement,
                "overall": group_out(row.progress.overall) if row.progress else None,
                "by_pillar": {
                    code: group_out(g) if g else None
                    for code, g in zip(codes, row.pillars, strict=True)
                },
            }
            for row in data.rows
        ],
    }


# Excel ---------------------------------------------------------------------------------------


@router.get("/agreements/exports/commitments.xlsx", openapi_extra=XLSX_OPENAPI)
def export_commitments(request: HttpRequest, filters: Query[AgreementQuery]) -> HttpResponse:
    queryset = selectors.commitments_for_export(user=request.user, filters=filters.to_filters())
    title = exporting.export_title("약속 목록", "commitments", filters.dict())
    return _xlsx(
        exporting.export_commitments(queryset, title=title),
        exporting.export_filenames("약속_목록", "commitments"),
    )


@router.get("/agreements/exports/deliveries.xlsx", openapi_extra=XLSX_OPENAPI)
def export_deliveries(request: HttpRequest, filters: Query[AgreementQuery]) -> HttpResponse:
    queryset = selectors.delivery_list(user=request.user, filters=filters.to_filters())
    title = exporting.export_title("이행 실적", "deliveries", filters.dict())
    return _xlsx(
        exporting.export_deliveries(queryset, title=title),
        exporting.export_filenames("이행_실적", "deliveries"),
    )


@router.get("/agreements/imports/templates/deliveries.xlsx", openapi_extra=XLSX_OPENAPI)
def delivery_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(
        template_xlsx(), ("vocnet-deliveries-template.xlsx", "이행_실적_가져오기_양식.xlsx")
    )


class DeliveryImportReportOut(ImportReportOut):
    entity: Literal["deliveries"]


@router.post(
    "/agreements/imports/deliveries",
    response={
        200: DeliveryImportReportOut,
        202: ImportJobOut,
        403: report_or_error(DeliveryImportReportOut),
        422: report_or_error(DeliveryImportReportOut),
    },
)
def import_deliveries(
    request: HttpRequest,
    file: File[UploadedFile],
    dry_run: Form[bool | None] = None,
) -> Any:
    """Check (``dry_run``, the default) or import a file of deliveries, all or nothing.
    200: no bad rows; 422/403: the report of the bad rows, nothing written."""
    return import_response(
        DELIVERY_IMPORT, request, file, dry_run=True if dry_run is None else dry_run
    )


@router.get(
    "/agreements/deliveries/{delivery_id}/evidence",
    url_name="agreement_delivery_evidence",
    openapi_extra={"responses": {200: {"description": "the evidence file"}}},
)
def delivery_evidence(request: HttpRequest, delivery_id: int) -> Any:
    delivery = selectors.delivery_get(user=request.user, delivery_id=delivery_id)
    if not delivery.evidence:
        raise not_found("증빙 파일", "Evidence file")
    return FileResponse(
        delivery.evidence.open("rb"), as_attachment=True, filename=delivery.evidence_name
    )


# Agreements ----------------------------------------------------------------------------------


@router.get("/agreements", response=list[AgreementOut])
@paginate(BoundedPagination)
def list_agreements(request: HttpRequest, filters: Query[AgreementQuery]) -> Any:
    return selectors.agreement_list(user=request.user, filters=filters.to_filters()).select_related(
        "in_force_version"
    )


@router.post("/agreements", response={201: AgreementDetailOut})
def create_agreement(request: HttpRequest, payload: AgreementIn) -> Any:
    agreement = services.agreement_create_draft(
        actor=request.user,
        data=services.AgreementInput(
            kind_code=payload.kind_code,
            title=payload.title,
            lead_organisation_id=payload.lead_organisation_id,
            start_date=payload.start_date,
            end_date=payload.end_date,
            parties=_party_inputs(payload.parties),
        ),
    )
    return Status(201, _detail(request, agreement.pk))


@router.get("/agreements/{agreement_id}", response=AgreementDetailOut)
def get_agreement(request: HttpRequest, agreement_id: int) -> Any:
    return _detail(request, agreement_id)


@router.patch("/agreements/{agreement_id}", response=AgreementDetailOut)
def update_agreement(request: HttpRequest, agreement_id: int, payload: AgreementPatch) -> Any:
    """Change the version in draft (the first draft, or an open amendment)."""
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    data = payload.dict(exclude_unset=True)
    services.agreement_update_draft(
        actor=request.user,
        agreement=agreement,
        changes=services.DraftChanges(
            title=data.get("title"),
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
            change_note=data.get("change_note"),
            kind_code=data.get("kind_code"),
            lead_organisation_id=data.get("lead_organisation_id"),
            parties=_party_inputs(payload.parties) if "parties" in data else None,
        ),
    )
    return _detail(request, agreement_id)


@router.post("/agreements/{agreement_id}/circulate", response=AgreementDetailOut)
def circulate_agreement(request: HttpRequest, agreement_id: int) -> Any:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    services.agreement_circulate(actor=request.user, agreement=agreement)
    return _detail(request, agreement_id)


@router.post("/agreements/{agreement_id}/sign", response=AgreementDetailOut)
def sign_agreement(request: HttpRequest, agreement_id: int, payload: AgreementSignIn) -> Any:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    services.agreement_sign(actor=request.user, agreement=agreement, party_id=payload.party_id)
    return _detail(request, agreement_id)


@router.post("/agreements/{agreement_id}/amend", response=AgreementDetailOut)
def amend_agreement(request: HttpRequest, agreement_id: int, payload: AgreementAmendIn) -> Any:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    services.agreement_amend(
        actor=request.user, agreement=agreement, change_note=payload.change_note
    )
    return _detail(request, agreement_id)


@router.post("/agreements/{agreement_id}/withdraw-amendment", response=AgreementDetailOut)
def withdraw_amendment(request: HttpRequest, agreement_id: int) -> Any:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    services.agreement_withdraw_amendment(actor=request.user, agreement=agreement)
    return _detail(request, agreement_id)


@router.post("/agreements/{agreement_id}/complete", response=AgreementDetailOut)
def complete_agreement(request: HttpRequest, agreement_id: int) -> Any:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    services.agreement_complete(actor=request.user, agreement=agreement)
    return _detail(request, agreement_id)


@router.post("/agreements/{agreement_id}/terminate", response=AgreementDetailOut)
def terminate_agreement(
    request: HttpRequest, agreement_id: int, payload: AgreementTerminateIn
) -> Any:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    services.agreement_terminate(actor=request.user, agreement=agreement, reason=payload.reason)
    return _detail(request, agreement_id)


@router.get("/agreements/{agreement_id}/versions/{number}", response=VersionOut)
def get_version(request: HttpRequest, agreement_id: int, number: int) -> Any:
    """Any version, earlier ones included, as it was signed (``terms``) and as stored."""
    return selectors.version_get(user=request.user, agreement_id=agreement_id, number=number)


@router.get("/agreements/{agreement_id}/commitments", response=list[CommitmentOut])
def list_commitments(request: HttpRequest, agreement_id: int) -> Any:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    return selectors.commitment_list(user=request.user, agreement=agreement)


@router.get("/agreements/{agreement_id}/fulfilment", response=FulfilmentOut)
def get_fulfilment(request: HttpRequest, agreement_id: int, as_of: date | None = None) -> Any:
    detail = selectors.agreement_detail(user=request.user, agreement_id=agreement_id, as_of=as_of)
    if detail.progress is None:
        raise not_found("이행 현황(발효 전 협약)", "Fulfilment (agreement not yet in force)")
    return fulfilment_out(detail.progress)


@router.get("/agreements/{agreement_id}/audit", response=list[AuditOut])
@paginate(BoundedPagination)
def list_audit(request: HttpRequest, agreement_id: int) -> Any:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    return selectors.audit_trail(user=request.user, agreement=agreement)


# Deliveries ----------------------------------------------------------------------------------


@router.get("/agreements/{agreement_id}/deliveries", response=list[DeliveryOut])
@paginate(BoundedPagination)
def list_deliveries(request: HttpRequest, agreement_id: int) -> Any:
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    return selectors.delivery_list(user=request.user, agreement=agreement)


@router.post("/agreements/{agreement_id}/deliveries", response={201: DeliveryOut})
def create_delivery(
    request: HttpRequest,
    agreement_id: int,
    commitment_id: Form[int],
    delivered_on: Form[date],
    quantity: Form[Decimal],
    note: Form[str] = "",
    evidence: File[UploadedFile] = None,  # type: ignore[assignment]
) -> Any:
    """Record a delivery (multipart form; ``evidence`` optional: pdf, jpg, png, xlsx, docx,
    hwp, hwpx up to 10 MB)."""
    agreement = selectors.agreement_get(user=request.user, agreement_id=agreement_id)
    delivery = services.delivery_record(
        actor=request.user,
        agreement=agreement,
        data=services.DeliveryInput(
            commitment_id=commitment_id, delivered_on=delivered_on, quantity=quantity, note=note
        ),
        evidence=evidence,
    )
    return Status(201, selectors.delivery_get(user=request.user, delivery_id=delivery.pk))

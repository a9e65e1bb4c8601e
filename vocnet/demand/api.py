"""Demand endpoints: thin — parse input, call one selector or service, return.

Bad input answers 422 with the field and the rule in Korean and English; rows the caller may
not see 404; writes they may not make 403.
"""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from vocnet.api.pagination import BoundedPagination
from vocnet.api.schemas import DeletedOut, FilterQuery, report_or_error
from vocnet.demand import exporting, selectors, services
from vocnet.demand.importing import DECLARATION_IMPORT, template_xlsx
from vocnet.demand.parameters import ScenarioParameters
from vocnet.demand.schemas import (
    CompareOut,
    DeclarationIn,
    DeclarationOut,
    DeclarationPatch,
    DrillDownOut,
    GapOut,
    GroupBy,
    RestructuringProposalDecisionIn,
    RestructuringProposalIn,
    RestructuringProposalOut,
    RestructuringProposalQuery,
    RestructuringProposalStepIn,
    RestructuringRecommendationOut,
    ScenarioDetailOut,
    ScenarioIn,
    ScenarioOut,
    ScenarioPatch,
    TileMetric,
    gap_out,
)
from vocnet.demand.selectors import proposals as proposal_selectors
from vocnet.demand.services import proposals as proposal_services
from vocnet.registry.api_excel import XLSX_OPENAPI
from vocnet.spreadsheets.api import import_response
from vocnet.spreadsheets.exporting import XLSX_CONTENT_TYPE, content_disposition
from vocnet.spreadsheets.schemas import ImportJobOut, ImportReportOut

router = Router(tags=["demand"])


class DeclarationQuery(FilterQuery):
    region: str | None = Field(None, pattern=r"^41\d{3}$")
    ncs: str | None = Field(None, pattern=r"^\d{2}(\d{2})?$", description="NCS major/middle")
    year: int | None = Field(None, ge=2000, le=2100)
    organisation: int | None = Field(None, ge=1)
    q: str | None = Field(None, max_length=50)

    def to_filters(self) -> selectors.DeclarationFilters:
        return selectors.DeclarationFilters(**self.dict())


class GapQuery(FilterQuery):
    year: int | None = Field(None, ge=2000, le=2100)
    group_by: GroupBy = "region"
    ncs: str | None = Field(None, pattern=r"^\d{2}(\d{2})?$", description="NCS major/middle")
    region: str | None = Field(None, pattern=r"^41\d{3}$")
    support_office: int | None = Field(None, ge=1)
    pilot_district: int | None = Field(None, ge=1)
    consortium: str | None = Field(None, pattern=r"^[a-z_]+:\d{4}$", description="kind:year")
    metric: TileMetric = "shortage"

    def to_filters(self) -> selectors.GapFilters:
        return selectors.GapFilters(**self.dict())


class CompareQuery(FilterQuery):
    ids: list[int] = Field(description="2 to 4 scenario ids")


class RecommendationQuery(FilterQuery):
    scenario: int | None = Field(None, ge=1)
    school: int | None = Field(None, ge=1)
    action: Literal["grow", "shrink", "convert", "keep"] | None = None

    def to_filters(self) -> selectors.RecommendationFilters:
        return selectors.RecommendationFilters(**self.dict())


def _xlsx(content: bytes, names: tuple[str, str]) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(*names)
    return response


# Declarations --------------------------------------------------------------------------------


@router.get("/demand/declarations", response=list[DeclarationOut])
@paginate(BoundedPagination)
def list_declarations(request: HttpRequest, filters: Query[DeclarationQuery]) -> Any:
    return selectors.declaration_list(user=request.user, filters=filters.to_filters())


@router.post("/demand/declarations", response={201: DeclarationOut})
def create_declaration(request: HttpRequest, payload: DeclarationIn) -> Any:
    declaration = services.declaration_create(
        actor=request.user, data=services.DeclarationInput(**payload.dict())
    )
    return Status(201, selectors.declaration_get(user=request.user, declaration_id=declaration.pk))


@router.get("/demand/declarations/{declaration_id}", response=DeclarationOut)
def get_declaration(request: HttpRequest, declaration_id: int) -> Any:
    return selectors.declaration_get(user=request.user, declaration_id=declaration_id)


@router.patch("/demand/declarations/{declaration_id}", response=DeclarationOut)
def update_declaration(request: HttpRequest, declaration_id: int, payload: DeclarationPatch) -> Any:
    declaration = selectors.declaration_get(user=request.user, declaration_id=declaration_id)
    services.declaration_update(
        actor=request.user, declaration=declaration, changes=payload.dict(exclude_unset=True)
    )
    return selectors.declaration_get(user=request.user, declaration_id=declaration_id)


@router.delete("/demand/declarations/{declaration_id}", response=DeletedOut)
def delete_declaration(request: HttpRequest, declaration_id: int) -> Any:
    declaration = selectors.declaration_get(user=request.user, declaration_id=declaration_id)
    services.declaration_delete(actor=request.user, declaration=declaration)
    return {"id": declaration_id}


# Gap analysis ---------------------------------------------------------------------------------


@router.get("/demand/gap", response=GapOut)
def gap(request: HttpRequest, filters: Query[GapQuery]) -> Any:
    """Demand against graduates for work by area × NCS field for one year (403 for roles that
    see no figures: they see their own declarations)."""
    return gap_out(selectors.gap_analysis(user=request.user, filters=filters.to_filters()))


@router.get("/demand/gap/drilldown", response=DrillDownOut)
def gap_drilldown(request: HttpRequest, filters: Query[GapQuery]) -> Any:
    """The declarations and departments behind one figure."""
    data = selectors.gap_drilldown(user=request.user, filters=filters.to_filters())
    return {
        "year": data.year,
        "area_kind": data.area.kind if data.area else None,
        "area_key": data.area.key if data.area else None,
        "area_name_ko": data.area.name.name_ko if data.area else None,
        "ncs_code": filters.ncs,
        "totals": {
            "demand": round(data.figures.demand, 2),
            "graduates": round(data.figures.graduates, 2),
            "available": round(data.figures.available, 2),
            "gap": round(data.figures.gap, 2),
        },
        "declarations": data.declarations,
        "departments": [
            {
                "department_id": line.department.pk,
                "department_name_ko": line.department.name_ko,
                "school_id": line.department.school_id,
                "school_name_ko": line.department.school.organisation.name_ko,
                "region_code": getattr(
                    line.department.school.organisation.region, "sigungu_code", ""
                ),
                "ncs_code": line.department.ncs_middle.code,
                "intake": line.department.intake_capacity,
                "enrolled": [
                    line.department.enrolled_grade_1,
                    line.department.enrolled_grade_2,
                    line.department.enrolled_grade_3,
                ],
                "graduates": round(line.graduates, 2),
                "available": round(line.available, 2),
                "in_consortium": line.in_consortium,
                "past": line.past.as_dict() if line.past is not None else None,
            }
            for line in data.departments
        ],
        "past_years": data.past.years if data.past else [],
        "past_totals": data.past.totals.as_dict() if data.past and data.past.years else None,
    }


# Excel ----------------------------------------------------------------------------------------


@router.get("/demand/exports/gap.xlsx", openapi_extra=XLSX_OPENAPI)
def export_gap(request: HttpRequest, filters: Query[GapQuery]) -> HttpResponse:
    analysis = selectors.gap_analysis(user=request.user, filters=filters.to_filters())
    return _xlsx(exporting.export_gap(analysis), exporting.export_names("gap"))


@router.get("/demand/exports/declarations.xlsx", openapi_extra=XLSX_OPENAPI)
def export_declarations(request: HttpRequest, filters: Query[DeclarationQuery]) -> HttpResponse:
    queryset = selectors.declaration_list(user=request.user, filters=filters.to_filters())
    return _xlsx(exporting.export_declarations(queryset), exporting.export_names("declarations"))


@router.get("/demand/imports/templates/declarations.xlsx", openapi_extra=XLSX_OPENAPI)
def declaration_template(request: HttpRequest) -> HttpResponse:
    return _xlsx(template_xlsx(), ("vocnet-demand-template.xlsx", "인력_수요_가져오기_양식.xlsx"))


class DeclarationImportReportOut(ImportReportOut):
    entity: Literal["declarations"]


@router.post(
    "/demand/imports/declarations",
    response={
        200: DeclarationImportReportOut,
        202: ImportJobOut,
        403: report_or_error(DeclarationImportReportOut),
        422: report_or_error(DeclarationImportReportOut),
    },
)
def import_declarations(
    request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool | None] = None
) -> Any:
    """Check (``dry_run``, the default) or import a file of declarations, all or nothing.
    200: no bad rows; 422/403: the report of the bad rows, nothing written."""
    return import_response(
        DECLARATION_IMPORT, request, file, dry_run=True if dry_run is None else dry_run
    )


# Scenarios ------------------------------------------------------------------------------------


@router.get("/demand/scenarios", response=list[ScenarioOut])
@paginate(BoundedPagination)
def list_scenarios(request: HttpRequest) -> Any:
    return selectors.scenario_list(user=request.user)


@router.post("/demand/scenarios", response={201: ScenarioDetailOut})
def create_scenario(request: HttpRequest, payload: ScenarioIn) -> Any:
    """Save a scenario and plan it at once (a few seconds for the whole province)."""
    given = {k: v for k, v in payload.parameters.dict().items() if v is not None}
    if "demand_years" in given:
        given["demand_years"] = tuple(given["demand_years"])
    scenario = services.scenario_create(
        actor=request.user,
        data=services.ScenarioInput(
            name=payload.name,
            description=payload.description,
            parameters=ScenarioParameters(**given),
            support_office_id=payload.support_office_id,
        ),
    )
    return Status(201, selectors.scenario_get(user=request.user, scenario_id=scenario.pk))


@router.get("/demand/scenarios/compare", response=CompareOut)
def compare_scenarios(request: HttpRequest, query: Query[CompareQuery]) -> Any:
    comparison = selectors.scenario_compare(user=request.user, scenario_ids=query.ids)
    return {
        "scenarios": comparison.scenarios,
        "departments": comparison.departments,
        "same": comparison.same,
    }


@router.get("/demand/recommendations", response=list[RestructuringRecommendationOut])
@paginate(BoundedPagination)
def list_recommendations(request: HttpRequest, filters: Query[RecommendationQuery]) -> Any:
    """Department recommendations of saved scenarios, each with its sentence: all for the
    province and support offices, a school's own departments' for its staff."""
    return selectors.recommendation_list(user=request.user, filters=filters.to_filters())


@router.get("/demand/scenarios/{scenario_id}", response=ScenarioDetailOut)
def get_scenario(request: HttpRequest, scenario_id: int) -> Any:
    return selectors.scenario_get(user=request.user, scenario_id=scenario_id)


@router.patch("/demand/scenarios/{scenario_id}", response=ScenarioDetailOut)
def update_scenario(request: HttpRequest, scenario_id: int, payload: ScenarioPatch) -> Any:
    scenario = selectors.scenario_get(user=request.user, scenario_id=scenario_id)
    return services.scenario_update(
        actor=request.user, scenario=scenario, changes=payload.dict(exclude_unset=True)
    )


@router.post("/demand/scenarios/{scenario_id}/run", response=ScenarioDetailOut)
def run_scenario(request: HttpRequest, scenario_id: int) -> Any:
    """Plan the scenario again on today's departments and declarations."""
    scenario = selectors.scenario_get(user=request.user, scenario_id=scenario_id)
    return services.scenario_run(actor=request.user, scenario=scenario)


@router.delete("/demand/scenarios/{scenario_id}", response=DeletedOut)
def delete_scenario(request: HttpRequest, scenario_id: int) -> Any:
    scenario = selectors.scenario_get(user=request.user, scenario_id=scenario_id)
    services.scenario_delete(actor=request.user, scenario=scenario)
    return {"id": scenario_id}


# 학과 개편 신청 (issue 17 §4) ------------------------------------------------------------------


@router.get("/demand/proposals", response=list[RestructuringProposalOut])
@paginate(BoundedPagination)
def list_proposals(request: HttpRequest, filters: Query[RestructuringProposalQuery]) -> Any:
    """A school's own proposals, a support office's area, the province's all."""
    return proposal_selectors.proposal_list(user=request.user, status=filters.status)


@router.post("/demand/proposals", response={201: RestructuringProposalOut})
def create_proposal(request: HttpRequest, payload: RestructuringProposalIn) -> Any:
    """File a proposal for one's own school; the demand evidence is attached."""
    proposal = proposal_services.proposal_create(
        actor=request.user, data=proposal_services.ProposalInput(**payload.dict())
    )
    return Status(201, proposal_selectors.proposal_get(user=request.user, proposal_id=proposal.pk))


@router.get("/demand/proposals/{proposal_id}", response=RestructuringProposalOut)
def get_proposal(request: HttpRequest, proposal_id: int) -> Any:
    return proposal_selectors.proposal_get(user=request.user, proposal_id=proposal_id)


@router.post("/demand/proposals/{proposal_id}/forward", response=RestructuringProposalOut)
def forward_proposal(
    request: HttpRequest, proposal_id: int, payload: RestructuringProposalStepIn
) -> Any:
    """The support office of the school's region forwards it to the province."""
    proposal = proposal_selectors.proposal_get(user=request.user, proposal_id=proposal_id)
    return proposal_services.proposal_forward(
        actor=request.user, proposal=proposal, note=payload.note
    )


@router.post("/demand/proposals/{proposal_id}/return", response=RestructuringProposalOut)
def return_proposal(
    request: HttpRequest, proposal_id: int, payload: RestructuringProposalStepIn
) -> Any:
    """The support office returns it to the school; ``note`` is the reason."""
    proposal = proposal_selectors.proposal_get(user=request.user, proposal_id=proposal_id)
    return proposal_services.proposal_return(
        actor=request.user, proposal=proposal, reason=payload.note
    )


@router.post("/demand/proposals/{proposal_id}/decide", response=RestructuringProposalOut)
def decide_proposal(
    request: HttpRequest, proposal_id: int, payload: RestructuringProposalDecisionIn
) -> Any:
    """The province approves or rejects a forwarded proposal, with a reason."""
    proposal = proposal_selectors.proposal_get(user=request.user, proposal_id=proposal_id)
    return proposal_services.proposal_decide(
        actor=request.user, proposal=proposal, approve=payload.approve, reason=payload.reason
    )


@router.post("/demand/proposals/{proposal_id}/withdraw", response=RestructuringProposalOut)
def withdraw_proposal(request: HttpRequest, proposal_id: int) -> Any:
    proposal = proposal_selectors.proposal_get(user=request.user, proposal_id=proposal_id)
    return proposal_services.proposal_withdraw(actor=request.user, proposal=proposal)

"""Graduate-destination endpoints: thin — parse input, call one selector or service, return.

Bad input answers 422 with the field and the rule in Korean and English; rows the caller may
not see 404; writes they may not make 403.
"""

from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field

from vocnet.api.pagination import BoundedPagination
from vocnet.api.schemas import DeletedOut, FilterQuery, report_or_error
from vocnet.pathways import selectors, services
from vocnet.pathways.exporting import open_csv
from vocnet.pathways.importing import DESTINATION_IMPORT, template_xlsx
from vocnet.pathways.importing_events import EVENT_IMPORT, events_template_xlsx
from vocnet.pathways.models import latest_graduation_year
from vocnet.pathways.schemas import (
    DestinationIn,
    DestinationOut,
    DestinationPatch,
    IndicatorsOut,
    Kind,
    PathwayEventIn,
    PathwayEventOut,
    SummaryGroup,
    SummaryOut,
    indicators_out,
    summary_out,
)
from vocnet.registry.api_excel import XLSX_OPENAPI
from vocnet.spreadsheets.api import import_response
from vocnet.spreadsheets.exporting import XLSX_CONTENT_TYPE, content_disposition
from vocnet.spreadsheets.schemas import ImportJobOut, ImportReportOut

router = Router(tags=["pathways"])
CSV_OPENAPI: dict[str, Any] = {
    "responses": {200: {"description": "CSV", "content": {"text/csv": {}}}}
}


class DestinationQuery(FilterQuery):
    school: int | None = Field(None, ge=1)
    department: int | None = Field(None, ge=1)
    year: int | None = Field(None, ge=2000, le=2100, description="graduation year")
    kind: Kind | None = None
    ncs: str | None = Field(None, pattern=r"^\d{2}(\d{2})?$", description="department's NCS")
    region: str | None = Field(None, pattern=r"^41\d{3}$")

    def to_filters(self) -> selectors.DestinationFilters:
        return selectors.DestinationFilters(**self.dict())


class SummaryQuery(DestinationQuery):
    group_by: SummaryGroup = "department"
    years: list[int] = Field(
        default_factory=list, description="graduation years; default: the last three recorded"
    )


@router.get("/pathways/destinations", response=list[DestinationOut])
@paginate(BoundedPagination)
def list_destinations(request: HttpRequest, filters: Query[DestinationQuery]) -> Any:
    return selectors.destination_list(user=request.user, filters=filters.to_filters())


@router.post("/pathways/destinations", response={201: DestinationOut})
def create_destination(request: HttpRequest, payload: DestinationIn) -> Any:
    destination = services.destination_create(
        actor=request.user, data=services.DestinationInput(**payload.dict())
    )
    return Status(201, selectors.destination_get(user=request.user, destination_id=destination.pk))


@router.get("/pathways/destinations/{destination_id}", response=DestinationOut)
def get_destination(request: HttpRequest, destination_id: int) -> Any:
    return selectors.destination_get(user=request.user, destination_id=destination_id)


@router.patch("/pathways/destinations/{destination_id}", response=DestinationOut)
def update_destination(request: HttpRequest, destination_id: int, payload: DestinationPatch) -> Any:
    destination = selectors.destination_get(user=request.user, destination_id=destination_id)
    services.destination_update(
        actor=request.user, destination=destination, changes=payload.dict(exclude_unset=True)
    )
    return selectors.destination_get(user=request.user, destination_id=destination_id)


@router.delete("/pathways/destinations/{destination_id}", response=DeletedOut)
def delete_destination(request: HttpRequest, destination_id: int) -> Any:
    destination = selectors.destination_get(user=request.user, destination_id=destination_id)
    services.destination_delete(actor=request.user, destination=destination)
    return {"id": destination_id}


@router.get("/pathways/summary", response=SummaryOut)
def destination_summary(request: HttpRequest, query: Query[SummaryQuery]) -> Any:
    """Graduates by destination per department, school or NCS field (or in total), counted
    from the rows the caller may see; 403 for roles that see no graduate."""
    filters = DestinationQuery(**query.dict(exclude={"group_by", "years"})).to_filters()
    summary = selectors.destination_summary(
        user=request.user,
        group_by=query.group_by,
        filters=filters,
        years=sorted(set(query.years)) or None,
        upto=latest_graduation_year(timezone.localdate()),
    )
    return summary_out(summary)


@router.get("/pathways/imports/templates/destinations.xlsx", openapi_extra=XLSX_OPENAPI)
def destination_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_xlsx(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(
        "vocnet-destinations-template.xlsx", "졸업생_진로_가져오기_양식.xlsx"
    )
    return response


class DestinationImportReportOut(ImportReportOut):
    entity: Literal["destinations"]


@router.post(
    "/pathways/imports/destinations",
    response={
        200: DestinationImportReportOut,
        202: ImportJobOut,
        403: report_or_error(DestinationImportReportOut),
        422: report_or_error(DestinationImportReportOut),
    },
)
def import_destinations(
    request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool | None] = None
) -> Any:
    """Check (``dry_run``, the default) or import a file of graduate destinations, all or
    nothing. 200: no bad rows; 422/403: the report of the bad rows, nothing written."""
    return import_response(
        DESTINATION_IMPORT, request, file, dry_run=True if dry_run is None else dry_run
    )


# --- The longitudinal pathway and the indicators (issue 18) ----------------------------------


@router.get("/pathways/destinations/{destination_id}/events", response=list[PathwayEventOut])
@paginate(BoundedPagination)
def list_events(request: HttpRequest, destination_id: int) -> Any:
    """The graduate's events in date order; 404 for a graduate the caller may not see."""
    return selectors.pathway_get(user=request.user, destination_id=destination_id).events


@router.post("/pathways/destinations/{destination_id}/events", response={201: PathwayEventOut})
def record_event(request: HttpRequest, destination_id: int, payload: PathwayEventIn) -> Any:
    """Record one event; 422 names each bad field and its rule (an event before graduation,
    an enrolment without a route, a status check without a source …), nothing written."""
    graduate = selectors.destination_get(user=request.user, destination_id=destination_id)
    event = services.event_record(
        actor=request.user, graduate=graduate, data=services.EventInput(**payload.dict())
    )
    return Status(201, event)


@router.delete("/pathways/events/{event_id}", response=DeletedOut)
def delete_event(request: HttpRequest, event_id: int) -> Any:
    event = selectors.event_get(user=request.user, event_id=event_id)
    services.event_delete(actor=request.user, event=event)
    return {"id": event_id}


class IndicatorQuery(FilterQuery):
    dimension: Literal["school", "department", "field", "region", "programme", "year", "total"] = (
        "school"
    )
    year: int | None = Field(None, ge=2000, le=2100, description="graduation year")
    school: int | None = Field(None, ge=1)
    region: str | None = Field(None, pattern=r"^\d{5}$", description="the school's 시군구 code")
    ncs: str | None = Field(None, pattern=r"^\d{2}(\d{2})?$", description="department's NCS")
    programme: Literal["designated", "other"] | None = None


@router.get("/pathways/indicators", response=IndicatorsOut)
def pathway_indicators(request: HttpRequest, query: Query[IndicatorQuery]) -> Any:
    """The indicators of the graduates the caller may see per dimension, with the
    definitions and their sources; small counts "<5" unless the caller is the school."""
    values = query.dict()
    dimension = values.pop("dimension")
    table = selectors.indicator_table(
        user=request.user, dimension=dimension, filters=selectors.IndicatorFilters(**values)
    )
    return indicators_out(table)


@router.get(
    "/pathways/imports/templates/pathway-events.xlsx",
    openapi_extra=XLSX_OPENAPI,
)
def pathway_events_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(events_template_xlsx(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(
        "vocnet-pathway-events-template.xlsx", "졸업생_진로_이력_가져오기_양식.xlsx"
    )
    return response


class PathwayEventImportReportOut(ImportReportOut):
    entity: Literal["pathway_events"]


@router.post(
    "/pathways/imports/pathway-events",
    response={
        200: PathwayEventImportReportOut,
        202: ImportJobOut,
        403: report_or_error(PathwayEventImportReportOut),
        422: report_or_error(PathwayEventImportReportOut),
    },
)
def import_pathway_events(
    request: HttpRequest, file: File[UploadedFile], dry_run: Form[bool | None] = None
) -> Any:
    """Check (``dry_run``, the default) or import a file of pathway events, all or nothing.
    200: no bad rows; 422/403: the report of the bad rows, nothing written."""
    return import_response(
        EVENT_IMPORT, request, file, dry_run=True if dry_run is None else dry_run
    )


# --- Open data (issue 18 §6): no login, aggregated and suppressed ----------------------------

OpenDimension = Literal["year", "region", "field", "programme"]


class OpenIndicatorsOut(IndicatorsOut):
    licence_ko: str
    licence_en: str
    licence_url: str


class OpenQuery(FilterQuery):
    year: int | None = Field(None, ge=2000, le=2100, description="graduation year")


@router.get("/open/pathways/{dimension}", response=OpenIndicatorsOut, auth=None)
def open_pathways(request: HttpRequest, dimension: OpenDimension, query: Query[OpenQuery]) -> Any:
    """Open data: the pathway indicators of every graduate by year, region, NCS field or
    programme; counts of 1–4 and rates made of them are "<5". The same figures as the
    province's signed-in page. 공공누리 제1유형."""
    table = selectors.open_indicator_table(dimension=dimension, year=query.year)
    return {
        **indicators_out(table),
        "licence_ko": selectors.LICENCE_KO,
        "licence_en": selectors.LICENCE_EN,
        "licence_url": selectors.LICENCE_URL,
    }


@router.get("/open/pathways/{dimension}/csv", auth=None, openapi_extra=CSV_OPENAPI)
def open_pathways_csv(
    request: HttpRequest, dimension: OpenDimension, query: Query[OpenQuery]
) -> HttpResponse:
    """The same table as CSV (UTF-8 with BOM), one row per group and a total row."""
    table = selectors.open_indicator_table(dimension=dimension, year=query.year)
    response = HttpResponse(open_csv(table), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition(
        f"vocnet-pathways-{dimension}.csv", f"졸업생_진로_지표_{dimension}.csv"
    )
    return response


# Eligibility (issue 18 §3), in its own module.
from vocnet.pathways.api_eligibility import router as eligibility_router  # noqa: E402

router.add_router("", eligibility_router)
# Universities (issue 18 §4): programmes, consenting graduates, applications, consent.
from vocnet.pathways.api_universities import router as universities_router  # noqa: E402

router.add_router("", universities_router)

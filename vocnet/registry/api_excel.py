"""Excel in and out: .xlsx exports of the filtered registry lists, import templates, and the
import of schools, departments, companies and students (dry run by default).

Thin like every endpoint: parse the request, call a selector + exporter or ``run_import``,
render. File-level problems (too large 413, wrong type 415, unreadable or wrong columns 422)
are domain errors with the project's error body; a file with bad rows answers 422 (403 when
rows were refused by the permission layer) with the full report and writes nothing.
"""

from typing import Any, Literal

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router
from ninja.files import UploadedFile

from vocnet.api.schemas import report_or_error
from vocnet.privacy.models import AccessAction
from vocnet.privacy.schemas import ExportReasonIn
from vocnet.privacy.services import (
    record_personal_data_access,
    require_export_reason,
    subjects_of,
)
from vocnet.registry import exporting, selectors
from vocnet.registry.api import RegistryQuery, StudentQuery
from vocnet.registry.importing import IMPORTS, template_xlsx
from vocnet.spreadsheets.api import import_response
from vocnet.spreadsheets.exporting import XLSX_CONTENT_TYPE, content_disposition
from vocnet.spreadsheets.schemas import ImportJobOut
from vocnet.spreadsheets.schemas import ImportReportOut as BaseImportReportOut

router = Router(tags=["excel"])

ImportEntity = Literal["schools", "departments", "companies", "students"]
# What the OpenAPI document says the .xlsx endpoints answer.
XLSX_OPENAPI: dict[str, Any] = {
    "responses": {
        200: {
            "description": "Excel workbook (.xlsx)",
            "content": {XLSX_CONTENT_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


class ImportReportOut(BaseImportReportOut):
    entity: ImportEntity  # type: ignore[assignment]


def _xlsx(content: bytes, ascii_name: str, korean_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(ascii_name, korean_name)
    return response


def _first_given(*values: bool | None, default: bool) -> bool:
    return next((value for value in values if value is not None), default)


def _export(entity: str, queryset: QuerySet[Any], filters: dict[str, Any]) -> HttpResponse:
    title = exporting.export_title(entity, filters)
    content = exporting.EXPORTERS[entity](queryset, title=title)
    return _xlsx(content, *exporting.export_filenames(entity))


# Exports ---------------------------------------------------------------------------------


@router.get("/exports/organisations.xlsx", openapi_extra=XLSX_OPENAPI)
def export_organisations(request: HttpRequest, filters: Query[RegistryQuery]) -> HttpResponse:
    queryset = selectors.organisation_list(user=request.user, filters=filters.to_filters())
    return _export("organisations", queryset, filters.dict())


@router.get("/exports/schools.xlsx", openapi_extra=XLSX_OPENAPI)
def export_schools(request: HttpRequest, filters: Query[RegistryQuery]) -> HttpResponse:
    queryset = selectors.school_list(user=request.user, filters=filters.to_filters())
    return _export("schools", queryset, filters.dict())


@router.get("/exports/companies.xlsx", openapi_extra=XLSX_OPENAPI)
def export_companies(request: HttpRequest, filters: Query[RegistryQuery]) -> HttpResponse:
    queryset = selectors.company_list(user=request.user, filters=filters.to_filters())
    return _export("companies", queryset, filters.dict())


@router.get("/exports/departments.xlsx", openapi_extra=XLSX_OPENAPI)
def export_departments(request: HttpRequest, filters: Query[RegistryQuery]) -> HttpResponse:
    schools = selectors.school_list(user=request.user, filters=filters.to_filters())
    queryset = exporting.departments_of(schools)
    return _export("departments", queryset, filters.dict())


@router.post("/exports/students.xlsx", openapi_extra=XLSX_OPENAPI)
def export_students(
    request: HttpRequest, filters: Query[StudentQuery], why: Form[ExportReasonIn]
) -> HttpResponse:
    """Students are personal data: the export is a POST whose form field ``reason`` the
    personal-data access log keeps with one row per exported student (422 naming ``reason``
    without it, and nothing is exported or logged)."""
    reason = require_export_reason(why.reason)
    queryset = selectors.student_list(
        user=request.user, filters=selectors.StudentFilters(**filters.dict())
    )
    record_personal_data_access(
        request=request, subjects=subjects_of(queryset), action=AccessAction.EXPORT, reason=reason
    )
    return _export("students", queryset, filters.dict())


# Imports ---------------------------------------------------------------------------------


@router.get("/imports/templates/{entity}.xlsx", openapi_extra=XLSX_OPENAPI)
def import_template(request: HttpRequest, entity: ImportEntity) -> HttpResponse:
    label_ko = exporting.EXPORT_LABELS[entity][0]
    return _xlsx(
        template_xlsx(entity),
        f"vocnet-{entity}-template.xlsx",
        f"{label_ko}_가져오기_양식.xlsx",
    )


@router.post(
    "/imports/{entity}",
    response={
        200: ImportReportOut,
        202: ImportJobOut,
        403: report_or_error(ImportReportOut),
        422: report_or_error(ImportReportOut),
    },
)
def import_file(
    request: HttpRequest,
    entity: ImportEntity,
    file: File[UploadedFile],
    dry_run: Form[bool | None] = None,
    dry_run_in_query: bool | None = Query(None, alias="dry_run"),
) -> Any:
    """Check (``dry_run``, the default) or import an .xlsx/.csv file; ``dry_run=false`` may
    come as a form field or in the query string. 200: no bad rows (and, unless a dry run,
    everything written); 422/403: the report of the bad rows, nothing written; 202: a file of
    more than ``VOCNET_IMPORT_BACKGROUND_ROWS`` rows, queued (poll the job's status_url)."""
    return import_response(
        IMPORTS[entity],
        request,
        file,
        dry_run=_first_given(dry_run, dry_run_in_query, default=True),
    )

"""Excel export of the execution dashboard through the shared ``export_xlsx``: one sheet, one
row per school, programme, source and category (the dashboard's four tables stacked, with a
``구분 (group)`` column), synthetic rows labelled as such."""

from __future__ import annotations

from django.http import HttpResponse

from vocnet.programmes.selectors_grants import ExecutionDashboard, ExecutionRow
from vocnet.spreadsheets.exporting import (
    XLSX_CONTENT_TYPE,
    ExportColumn,
    content_disposition,
    export_xlsx,
)

GroupRow = tuple[str, ExecutionRow]

COLUMNS: list[ExportColumn[GroupRow]] = [
    ExportColumn("구분 (group)", lambda r: r[0]),
    ExportColumn("항목 (item)", lambda r: r[1].label, width=30),
    ExportColumn("계획액(원) (planned_krw)", lambda r: r[1].planned),
    ExportColumn("교부액(원) (disbursed_krw)", lambda r: r[1].disbursed),
    ExportColumn("집행액(원) (spent_krw)", lambda r: r[1].spent),
    ExportColumn("집행률(%) (rate)", lambda r: float(r[1].rate) if r[1].rate is not None else None),
    ExportColumn(
        "기준 (base)", lambda r: "계획 대비 (plan)" if r[1].by_plan else "교부 대비 (disbursed)"
    ),
    ExportColumn("자료 구분 (origin)", lambda r: "합성(데모) 데이터" if r[1].is_synthetic else ""),
]


def execution_rows(dashboard: ExecutionDashboard) -> list[GroupRow]:
    return (
        [("학교", row) for row in dashboard.by_school]
        + [("사업", row) for row in dashboard.by_programme]
        + [("재원", row) for row in dashboard.by_source]
        + [("비목", row) for row in dashboard.by_category]
        + [("합계", dashboard.total)]
    )


def execution_xlsx_response(dashboard: ExecutionDashboard) -> HttpResponse:
    """The dashboard as an .xlsx download (Korean file name with an ASCII fallback)."""
    year = dashboard.fiscal_year or "all"
    title = f"사업비 집행 현황 ({year})"
    content = export_xlsx(
        COLUMNS, execution_rows(dashboard), sheet_title="집행 현황 (execution)", title=title
    )
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(
        f"programme-execution-{year}.xlsx", f"사업비-집행-현황-{year}.xlsx"
    )
    return response

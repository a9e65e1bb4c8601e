"""Excel (.xlsx) exports of the demand app: the gap analysis as shown (same filters, same
grouping) and the declarations the user may see. Built on ``vocnet.spreadsheets.exporting``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from vocnet.demand.models import DemandDeclaration
from vocnet.demand.selectors.gap import GapAnalysis, GapRow
from vocnet.spreadsheets.exporting import ExportColumn, export_xlsx

DATA_NOTE = "합성(데모) 데이터 포함 가능 — 표의 '자료 출처' 확인"
# The gap adds declarations and departments of any origin: each row says how many of those
# behind it are synthetic; the rows themselves are in the declarations export ("자료 출처")
# and the schools export ("자료 구분").
GAP_DATA_NOTE = (
    "합성(데모) 데이터 포함 가능 — 행마다 '수요 신고·학과: 합성 / 전체' 열 참고 "
    "(synthetic rows counted per row)"
)


def _round(value: float) -> float:
    return round(value, 1)


SYNTHETIC_INCLUDED = "합성(데모) 데이터 포함"


def _part(synthetic: int, total: int) -> str:
    """ "합성 3 / 전체 10": how many of the rows behind a figure are synthetic."""
    return f"합성 {synthetic} / 전체 {total}"


GAP_COLUMNS: list[ExportColumn[GapRow]] = [
    ExportColumn("구분 / group", lambda r: r.area.kind if r.area else "field"),
    ExportColumn("지역·묶음 / area", lambda r: r.area.name.name_ko if r.area else "경기도 전체"),
    ExportColumn("NCS 중분류 코드 / ncs_code", lambda r: r.field.code if r.field else ""),
    ExportColumn("NCS 중분류 / ncs_name", lambda r: r.field.name_ko if r.field else "", 24),
    ExportColumn("연도 / year", lambda r: r.year),
    ExportColumn("수요 / demand", lambda r: _round(r.figures.demand)),
    ExportColumn("예상 졸업생 / graduates", lambda r: _round(r.figures.graduates)),
    ExportColumn("취업 희망 졸업생 / available", lambda r: _round(r.figures.available)),
    ExportColumn("차이(공급−수요) / gap", lambda r: _round(r.figures.gap)),
    ExportColumn(
        "협약 학교 공급 / consortium_available",
        lambda r: None if r.consortium_available is None else _round(r.consortium_available),
    ),
    # Issue 16 §8: how many of the rows behind each figure are synthetic demo rows.
    ExportColumn(
        "수요 신고: 합성 / 전체 (synthetic / all declarations)",
        lambda r: _part(r.figures.synthetic_declarations, r.figures.declarations),
        22,
    ),
    ExportColumn(
        "학과: 합성 / 전체 (synthetic / all departments)",
        lambda r: _part(r.figures.synthetic_departments, r.figures.departments),
        22,
    ),
    ExportColumn(
        "자료 구분 / data_origin",
        lambda r: SYNTHETIC_INCLUDED if r.figures.has_synthetic else "공식·입력 자료",
        20,
    ),
]


def export_gap(analysis: GapAnalysis, *, on: date | None = None) -> bytes:
    """The rows of the analysis, with a title naming the year, grouping and filters."""
    filters = analysis.filters
    used = ", ".join(
        f"{key}={value}"
        for key, value in filters.__dict__.items()
        if value not in (None, "") and key not in ("metric",)
    )
    day = (on or timezone.localdate()).isoformat()
    title = (
        f"vocnet 인력 수급 차이 (demand–supply gap) · {day} · {used} · "
        f"취업 희망 비율 {analysis.supply.labour_market_share:.1%}, 연간 재학 유지율 "
        f"{analysis.supply.annual_retention:.0%} · {GAP_DATA_NOTE}"
    )
    return export_xlsx(GAP_COLUMNS, analysis.rows, sheet_title="수급 차이", title=title)


DECLARATION_COLUMNS: list[ExportColumn[DemandDeclaration]] = [
    ExportColumn("신고 번호 / id", lambda d: d.pk),
    ExportColumn("기관 ID / organisation_id", lambda d: d.organisation_id),
    ExportColumn("기관명 / organisation", lambda d: d.organisation.name_ko, 28),
    ExportColumn("NCS 중분류 코드 / ncs_code", lambda d: d.ncs_middle.code),
    ExportColumn("NCS 중분류 / ncs_name", lambda d: d.ncs_middle.name_ko, 20),
    ExportColumn("직무 / occupation", lambda d: d.occupation, 28),
    ExportColumn("근무 시·군 코드 / region_code", lambda d: d.region.sigungu_code),
    ExportColumn("근무 시·군 / region", lambda d: d.region.name_ko),
    ExportColumn("채용 연도 / year", lambda d: d.year),
    ExportColumn("채용 인원 / headcount", lambda d: d.headcount),
    ExportColumn("요구 자격증 / certificates", lambda d: "; ".join(d.certificates), 30),
    ExportColumn("비고 / note", lambda d: d.note, 30),
    ExportColumn("자료 출처 / data_origin", lambda d: d.get_data_origin_display()),
]


def export_declarations(
    queryset: QuerySet[DemandDeclaration], *, title: str | None = None
) -> bytes:
    rows: Any = queryset.iterator(chunk_size=2000)
    return export_xlsx(DECLARATION_COLUMNS, rows, sheet_title="인력 수요", title=title)


def export_names(entity: str, on: date | None = None) -> tuple[str, str]:
    labels = {"gap": "인력_수급_차이", "declarations": "인력_수요_신고"}
    day = (on or timezone.localdate()).strftime("%Y%m%d")
    return f"vocnet-demand-{entity}-{day}.xlsx", f"{labels[entity]}_{day}.xlsx"

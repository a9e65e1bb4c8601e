"""The indicator table as an Excel file through the shared export helper; suppressed cells
stay "<5" and synthetic demo figures are labelled in the title."""

from __future__ import annotations

import csv
import io
from typing import Any

from vocnet.pathways import rules
from vocnet.pathways.selectors import DATA_DICTIONARY, IndicatorLine, IndicatorTable
from vocnet.spreadsheets.exporting import ExportColumn, export_xlsx


def _cell(value: Any) -> Any:
    return "" if value is None else value


COLUMNS: list[ExportColumn[IndicatorLine]] = [
    ExportColumn("구분", lambda line: line.name_ko, 30),
    ExportColumn("졸업자", lambda line: line.shown.graduates),
    ExportColumn("취업자", lambda line: line.shown.employed),
    ExportColumn("진학자", lambda line: line.shown.higher_education),
    ExportColumn("입대자", lambda line: line.shown.enlisted),
    ExportColumn("제외인정자", lambda line: line.shown.exempted),
    ExportColumn("취업률(%)", lambda line: _cell(line.shown.employment_rate)),
    ExportColumn("진학률(%)", lambda line: _cell(line.shown.higher_education_rate)),
    ExportColumn("유지취업률 6개월(%, vocnet 정의)", lambda line: _cell(line.shown.retention_6)),
    ExportColumn("유지취업률 12개월(%, vocnet 정의)", lambda line: _cell(line.shown.retention_12)),
    ExportColumn("같은 시군 근무(%, vocnet 정의)", lambda line: _cell(line.shown.same_city)),
    ExportColumn("같은 시도 근무(%, vocnet 정의)", lambda line: _cell(line.shown.same_province)),
    ExportColumn("선취업 후학습(명)", lambda line: line.shown.work_study),
    ExportColumn("선취업 후학습(%, vocnet 정의)", lambda line: _cell(line.shown.work_study_rate)),
    ExportColumn(
        "첫 취업까지 평균 일수(vocnet 정의)", lambda line: _cell(line.shown.days_to_first_job)
    ),
]


def indicators_xlsx(table: IndicatorTable) -> bytes:
    """One row per group and a total row; the title says what is synthetic or suppressed and
    which definition the 취업률 follows."""
    title = f"졸업생 진로 지표 — {rules.EMPLOYMENT_RATE.source}"
    if table.suppressed:
        title += " · 1~4명은 '<5'로 가림"
    title += (
        " · 자료 구분: 합성(데모) 자료 포함, 실제 통계 아님"
        if table.synthetic
        else " · 자료 구분: 합성 자료 없음"
    )
    return export_xlsx(
        COLUMNS, [*table.lines, table.total], sheet_title="진로 지표 (indicators)", title=title
    )


def open_csv(table: IndicatorTable) -> bytes:
    """The open table as CSV (UTF-8 with a BOM, so spreadsheet programs read the Korean):
    the columns of ``selectors.DATA_DICTIONARY``, one row per group and a total row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, *_rest in DATA_DICTIONARY])
    for line in [*table.lines, table.total]:
        writer.writerow(
            [
                line.name_ko if name == "name_ko" else _cell(getattr(line.shown, name))
                for name, *_rest in DATA_DICTIONARY
            ]
        )
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

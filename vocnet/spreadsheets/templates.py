"""The downloadable empty template of each import: a data sheet with only the header row
(no example row, so nothing fake is imported by mistake), a guide sheet listing every
column, whether it is required, its rule and allowed codes, and a sheet of reference codes.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from vocnet.spreadsheets.cells import neutralise_row
from vocnet.spreadsheets.columns import Boolean, Choice
from vocnet.spreadsheets.limits import CODES_SHEET_TITLE, GUIDE_SHEET_TITLE
from vocnet.spreadsheets.spec import EntitySpec

BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
REQUIRED_FILL = PatternFill("solid", fgColor="FFE699")
OPTIONAL_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")


def _append(sheet: Worksheet, values: Sequence[Any]) -> None:
    """One row, each cell through ``cells.neutralise`` (no text can start a formula)."""
    sheet.append(neutralise_row(values))


def display_width(text: str) -> int:
    """Columns of a monospaced screen ``text`` takes (Hangul counts two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _data_sheet(sheet: Worksheet, spec: EntitySpec) -> None:
    sheet.title = f"{spec.label_ko} ({spec.entity})"
    _append(sheet, [column.header for column in spec.columns])
    for index, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index)
        cell.font = BOLD
        cell.fill = REQUIRED_FILL if column.required else OPTIONAL_FILL
        dimension = sheet.column_dimensions[letter]
        dimension.width = min(max(display_width(column.header) + 2, 12), 40)
        if column.parser.is_code:
            dimension.number_format = "@"
        options: list[str] = []
        if isinstance(column.parser, Choice):
            options = [label for _, label in column.parser.allowed()]
        elif isinstance(column.parser, Boolean):
            options = ["Y", "N"]
        if options:
            # A drop-down that still accepts the codes typed by hand.
            validation = DataValidation(
                type="list",
                formula1='"' + ",".join(options) + '"',
                allow_blank=True,
                showErrorMessage=False,
            )
            validation.add(f"{letter}2:{letter}10000")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"


# What the guide says of the file as a whole, unless an import says otherwise.
DEFAULT_NOTES: tuple[tuple[str, str], ...] = (
    (
        "한 행이라도 오류가 있으면 아무것도 저장하지 않습니다. 먼저 검사(dry run)로 "
        "오류 행을 확인하세요. 같은 파일을 다시 가져와도 중복 등록되지 않습니다.",
        "If any row has an error nothing is saved: check the file first with a dry run. "
        "Importing the same file again registers nothing twice.",
    ),
    (
        "열 제목은 한국어 이름이나 영문 키만 써도 됩니다. 선택 열은 빼도 되며 뺀 열의 "
        "값은 바뀌지 않습니다. 선택 열의 빈 칸은 값을 지웁니다(규칙에 따로 적은 경우 제외).",
        "A header may be the Korean name or the English key alone. Optional columns may "
        "be left out, which leaves their values unchanged; an empty optional cell clears "
        "the value (unless its rule says otherwise).",
    ),
)


def _guide_sheet(
    sheet: Worksheet,
    spec: EntitySpec,
    notes: Sequence[tuple[str, str]],
    extra_rows: Iterable[Sequence[Any]],
) -> None:
    _append(sheet, [f"{spec.label_ko} 가져오기 안내 / How to import {spec.label_en}"])
    sheet["A1"].font = TITLE
    lines = [
        (
            f"첫 번째 시트의 1행은 제목 행입니다. 2행부터 한 행에 {spec.label_ko} 하나씩 "
            "입력하세요. 노란색 열은 필수, 파란색 열은 선택입니다.",
            f"Row 1 of the first sheet is the header. Enter one of the {spec.label_en} per "
            "row from row 2. Yellow columns are required, blue ones optional.",
        ),
        (spec.key_ko, spec.key_en),
        *notes,
        (
            "CSV 파일은 'CSV UTF-8' 또는 'CSV(쉼표로 분리)'(CP949/EUC-KR) 모두 읽습니다.",
            "CSV files may be UTF-8 (with or without BOM) or CP949/EUC-KR.",
        ),
    ]
    for ko, en in lines:
        _append(sheet, [ko, None, None, en])
    _append(sheet, [])
    header = [
        "열 제목 / Header",
        "키 / Key",
        "필수 / Required",
        "규칙 / Rule",
        "Rule (English)",
        "허용 코드 / Allowed codes",
        "예시 / Example",
    ]
    _append(sheet, header)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = BOLD
    for column in spec.columns:
        allowed = "\n".join(f"{code} = {label}" for code, label in column.parser.allowed())
        _append(
            sheet,
            [
                column.header,
                column.key,
                "필수 / required" if column.required else "선택 / optional",
                column.rule_ko,
                column.rule_en,
                allowed,
                column.example,
            ],
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = WRAP
    for letter, width in zip("ABCDEFG", (30, 20, 16, 50, 50, 34, 22), strict=True):
        sheet.column_dimensions[letter].width = width
    for row in extra_rows:
        _append(sheet, list(row))


@dataclass(frozen=True)
class CodeSection:
    """One table of the codes sheet: a title, the header and the (code, name, …) rows."""

    title: str
    header: Sequence[str]
    rows: Sequence[Sequence[Any]]


def _codes_sheet(sheet: Worksheet, sections: Sequence[CodeSection]) -> None:
    sheet.column_dimensions["A"].width = 14
    sheet.column_dimensions["B"].width = 44
    sheet.column_dimensions["C"].width = 30
    for section in sections:
        if sheet.max_row > 1:
            _append(sheet, [])
        _append(sheet, [section.title])
        sheet.cell(row=sheet.max_row, column=1).font = TITLE
        _append(sheet, list(section.header))
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD
        for row in section.rows:
            _append(sheet, list(row))


def spec_template_xlsx(
    spec: EntitySpec,
    *,
    notes: Sequence[tuple[str, str]] = DEFAULT_NOTES,
    extra_rows: Iterable[Sequence[Any]] = (),
    codes: Sequence[CodeSection] = (),
) -> bytes:
    """The empty template of any import: the data sheet, the guide (``notes`` in Korean and
    English say what holds for the file as a whole; ``extra_rows`` end it) and, when
    ``codes`` are given (the official codes the columns take), the codes sheet."""
    workbook = Workbook()
    _data_sheet(workbook.active, spec)
    _guide_sheet(workbook.create_sheet(GUIDE_SHEET_TITLE), spec, notes, extra_rows)
    if codes:
        _codes_sheet(workbook.create_sheet(CODES_SHEET_TITLE), codes)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

"""Files for tests of imports and exports: .xlsx written with openpyxl, .csv in any
encoding, and an .xlsx read back. Tests of every app build their files here, so nothing
outside ``vocnet.spreadsheets`` reads or writes a spreadsheet itself."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook


def xlsx_bytes(
    header: Sequence[Any], rows: Sequence[Sequence[Any]], sheet_title: str = "자료"
) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(
    header: Sequence[Any], rows: Sequence[Sequence[Any]], encoding: str = "utf-8-sig"
) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def write_xlsx(path: Path, header: Sequence[Any], rows: Sequence[Sequence[Any]]) -> Path:
    path.write_bytes(xlsx_bytes(header, rows))
    return path


def write_csv(
    path: Path,
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    encoding: str = "utf-8-sig",
) -> Path:
    path.write_bytes(csv_bytes(header, rows, encoding))
    return path


def open_xlsx(content: bytes, **options: Any) -> Workbook:
    """An .xlsx file opened with openpyxl, to look at a template's or export's styles."""
    return load_workbook(io.BytesIO(content), **options)


def read_xlsx(content: bytes, sheet: int = 0) -> list[list[Any]]:
    """The cell values of one sheet, row by row."""
    worksheet = open_xlsx(content).worksheets[sheet]
    return [list(row) for row in worksheet.iter_rows(values_only=True)]

"""Excel (.xlsx) export of any list: ``export_xlsx`` streams rows (a queryset already
narrowed by the permission layer, read with ``.iterator(chunk_size=CHUNK_SIZE)``) into an
openpyxl write-only workbook, so memory stays flat whatever the size. Each app keeps its own
columns (``ExportColumn``); headers are Korean first with the English key, matching the
import columns, so an exported sheet can be corrected and imported again.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from urllib.parse import quote

from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from vocnet.spreadsheets.cells import neutralise
from vocnet.spreadsheets.templates import display_width

T = TypeVar("T")
CHUNK_SIZE = 2000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class ExportColumn(Generic[T]):
    """One column: its header, how to get the cell from a row, and an optional width."""

    header: str
    value: Callable[[T], Any]
    width: float | None = None


def export_xlsx(
    columns: Sequence[ExportColumn[T]],
    rows: Iterable[T],
    *,
    sheet_title: str = "자료",
    title: str | None = None,
) -> bytes:
    """A workbook of ``rows``: an optional title line, then a bold header row that stays in
    view (frozen) and carries an auto filter, then one row per item.

    Cells are written in Korean whatever the page's language (choice labels included), so a
    file reads the same for everyone and can be imported again. Every cell — title, headers
    and values — goes through ``cells.neutralise``: no text can start a formula."""
    with translation.override("ko"):
        return _export_xlsx(columns, rows, sheet_title=sheet_title, title=title)


def _export_xlsx(
    columns: Sequence[ExportColumn[T]], rows: Iterable[T], *, sheet_title: str, title: str | None
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    for index, column in enumerate(columns, start=1):
        width = column.width or min(max(display_width(column.header) + 2, 10), 50)
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = 1
    if title:
        title_cell = WriteOnlyCell(sheet, value=neutralise(title))
        title_cell.font = Font(bold=True, size=12)
        header_row = 2
    sheet.freeze_panes = f"A{header_row + 1}"
    if title:
        sheet.append([title_cell])
    header_cells = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=neutralise(column.header))
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(vertical="center")
        header_cells.append(cell)
    sheet.append(header_cells)
    count = 0
    getters = [column.value for column in columns]
    for row in rows:
        sheet.append([neutralise(get(row)) for get in getters])
        count += 1
    last = get_column_letter(max(len(columns), 1))
    sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + count}"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def content_disposition(ascii_name: str, korean_name: str) -> str:
    """``attachment`` with an ASCII ``filename`` for old clients and an RFC 5987
    ``filename*`` carrying the Korean name in UTF-8."""
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(korean_name)}"

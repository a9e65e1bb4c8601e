"""Bounds on an uploaded spreadsheet, checked before a reader allocates anything for it
(issue 12): the zip members of an .xlsx (count, inflated size, compression ratio), the data
sheet's declared ``<dimension ref=…>`` and its real rows and columns (counted while the sheet
XML streams by, stopping at the limit), the rows and columns of a CSV, and the time.

A 1.6 KB .xlsx whose one cell sits at XFD1048576 made the reader allocate the declared
16,384 × 1,048,576 area and killed the worker; these checks refuse it, and a zip bomb, a
2,000,000-row sheet or a 1,000,000-row CSV, with a bilingual error naming the file, the rule
and the limit, before any row is parsed. See docs/adr/0013-spreadsheets-and-upload-limits.md.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from time import monotonic
from typing import IO
from xml.etree import ElementTree

from django.conf import settings

from vocnet.core.errors import FieldProblem
from vocnet.spreadsheets.errors import FileTooLarge, ImportFileError, file_error

# Members smaller than this are not held to the ratio: tiny XML parts compress oddly well.
RATIO_FLOOR_BYTES = 1024 * 1024
CHUNK_BYTES = 1024 * 1024
GUIDE_SHEET_TITLE = "안내 (Guide)"
CODES_SHEET_TITLE = "코드표 (Codes)"
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


@dataclass(frozen=True)
class UploadLimits:
    """What one import file may hold (settings ``VOCNET_IMPORT_MAX_*``)."""

    max_rows: int
    max_columns: int
    max_cells: int
    max_uncompressed_bytes: int
    max_zip_ratio: int
    max_zip_members: int
    max_seconds: float
    max_problems: int
    background_rows: int

    @classmethod
    def from_settings(cls) -> UploadLimits:
        return cls(
            max_rows=settings.VOCNET_IMPORT_MAX_ROWS,
            max_columns=settings.VOCNET_IMPORT_MAX_COLUMNS,
            max_cells=settings.VOCNET_IMPORT_MAX_CELLS,
            max_uncompressed_bytes=settings.VOCNET_IMPORT_MAX_UNCOMPRESSED_BYTES,
            max_zip_ratio=settings.VOCNET_IMPORT_MAX_ZIP_RATIO,
            max_zip_members=settings.VOCNET_IMPORT_MAX_ZIP_MEMBERS,
            max_seconds=settings.VOCNET_IMPORT_MAX_SECONDS,
            max_problems=settings.VOCNET_IMPORT_MAX_PROBLEMS,
            background_rows=settings.VOCNET_IMPORT_BACKGROUND_ROWS,
        )


def limit_error(
    code: str,
    rule_ko: str,
    rule_en: str,
    *,
    error_class: type[ImportFileError] = FileTooLarge,
) -> ImportFileError:
    """The refusal of a file over a limit: 413, naming the field (``file``), the rule and the
    limit in Korean and English. Nothing has been read into rows, nothing is written."""
    message_ko = f"파일(file)을 가져올 수 없습니다: {rule_ko}. 파일을 나누어 올리세요."
    message_en = f"The file cannot be imported: {rule_en}. Split it into smaller files."
    return file_error(
        code,
        message_ko,
        message_en,
        problems=[FieldProblem("file", code, message_ko, message_en)],
        error_class=error_class,
    )


class Deadline:
    """The time an import may take (``VOCNET_IMPORT_MAX_SECONDS``); ``check`` raises past it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.ends = monotonic() + seconds

    def check(self) -> None:
        if monotonic() > self.ends:
            raise limit_error(
                "import_too_slow",
                f"검사에 {self.seconds:g}초가 넘게 걸려 중단했습니다(최대 {self.seconds:g}초)",
                f"checking took longer than {self.seconds:g} s (at most {self.seconds:g} s)",
            )


def rows_limit_error(rows: int, limits: UploadLimits, *, declared: bool = False) -> ImportFileError:
    what_ko = "선언된 시트 크기가 " if declared else ""
    what_en = "the sheet declares " if declared else "the file has "
    return limit_error(
        "too_many_rows",
        f"{what_ko}{rows:,}행 이상입니다(최대 {limits.max_rows:,}행)",
        f"{what_en}{rows:,} rows or more (at most {limits.max_rows:,})",
    )


def columns_limit_error(
    columns: int, limits: UploadLimits, *, declared: bool = False
) -> ImportFileError:
    what_ko = "선언된 시트 크기가 " if declared else ""
    what_en = "the sheet declares " if declared else "the file has "
    return limit_error(
        "too_many_columns",
        f"{what_ko}{columns:,}열입니다(최대 {limits.max_columns:,}열)",
        f"{what_en}{columns:,} columns (at most {limits.max_columns:,})",
    )


def cells_limit_error(cells: int, limits: UploadLimits) -> ImportFileError:
    return limit_error(
        "too_many_cells",
        f"시트의 사용 범위가 {cells:,}칸입니다(최대 {limits.max_cells:,}칸)",
        f"the sheet's used area has {cells:,} cells (at most {limits.max_cells:,})",
    )


@dataclass(frozen=True)
class SheetShape:
    """The data sheet of an .xlsx as the scan found it."""

    name: str
    rows: int
    columns: int


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - 64)
    return number


_REF = re.compile(r"([A-Z]{1,3})?(\d+)?")


def _ref_position(ref: str) -> tuple[int, int]:
    """(row, column) of ``B12``; a missing part is 0."""
    match = _REF.match(ref.replace("$", "").upper())
    if match is None:
        return 0, 0
    letters, digits = match.groups()
    return (int(digits) if digits else 0), (_column_number(letters) if letters else 0)


def _zip_problem(text_ko: str, text_en: str) -> ImportFileError:
    return limit_error("zip_limit", text_ko, text_en)


def check_zip(archive: zipfile.ZipFile, limits: UploadLimits) -> None:
    """The central directory: member count, declared inflated size, compression ratio."""
    members = archive.infolist()
    if len(members) > limits.max_zip_members:
        raise _zip_problem(
            f"압축 안의 파일이 {len(members):,}개입니다(최대 {limits.max_zip_members:,}개)",
            f"the archive holds {len(members):,} members (at most {limits.max_zip_members:,})",
        )
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_FLOOR_BYTES and ratio > limits.max_zip_ratio:
            raise _zip_problem(
                f"압축 비율이 {ratio:,.0f}배입니다({member.filename[:60]}; "
                f"최대 {limits.max_zip_ratio:,}배, 압축 폭탄 의심)",
                f"a member inflates {ratio:,.0f} times ({member.filename[:60]}; at most "
                f"{limits.max_zip_ratio:,} times: a zip bomb?)",
            )
    if total > limits.max_uncompressed_bytes:
        raise _zip_problem(
            f"압축을 풀면 {total:,}바이트입니다(최대 {limits.max_uncompressed_bytes:,}바이트)",
            f"it inflates to {total:,} bytes (at most {limits.max_uncompressed_bytes:,})",
        )


def _chunks(handle: IO[bytes], deadline: Deadline) -> Iterator[bytes]:
    while chunk := handle.read(CHUNK_BYTES):
        deadline.check()
        yield chunk


def _drain(archive: zipfile.ZipFile, name: str, deadline: Deadline) -> None:
    # Python's zipfile stops at the declared size and checks the CRC, so a member whose
    # real data is longer than its header says fails here, not in the reader.
    with archive.open(name) as handle:
        for _ in _chunks(handle, deadline):
            pass


def _data_sheet(archive: zipfile.ZipFile) -> tuple[str, str]:
    """(name, member path) of the first visible worksheet other than the guide and codes
    sheets: the sheet the reader will read."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        rel.get("Id"): (rel.get("Target", ""), rel.get("Type", ""))
        for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship")
    }
    for sheet in workbook.iter(f"{{{MAIN_NS}}}sheet"):
        name = sheet.get("name", "")
        target, kind = targets.get(sheet.get(f"{{{REL_NS}}}id"), ("", ""))
        if (
            sheet.get("state", "visible") == "visible"
            and kind.endswith("/worksheet")
            and name not in (GUIDE_SHEET_TITLE, CODES_SHEET_TITLE)
        ):
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            return name, path
    raise file_error(
        "no_data_sheet", "자료를 담은 시트가 없습니다.", "The workbook has no sheet with data."
    )


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"([^\"]*)\"")
_TAG = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*)>")
_R_ATTRIBUTE = re.compile(rb"\br=\"([^\"]*)\"")
# The fast path reads what Excel and openpyxl write: ``<row r="12"`` and ``<c r="B12"``
# with ``r`` first and no namespace prefix; anything else takes the tag-by-tag path.
_ROW_NUMBER = re.compile(rb'<row r="(\d+)"')
_CELL_COLUMN = re.compile(rb'<c r="([A-Z]+)')


@dataclass
class _Extent:
    """Rows seen, the highest row number and the highest column number so far."""

    rows: int = 0
    max_row: int = 0
    max_column: int = 0
    row_number: int = 0
    column: int = 0


def _check_declared(data: bytes, limits: UploadLimits) -> bool:
    """Check the ``<dimension ref=…>`` if this chunk holds it; True once it is seen or can
    no longer come (it precedes ``<sheetData>``)."""
    at = data.find(b"dimension")
    found = _DIMENSION.search(data, max(at - 20, 0)) if at != -1 else None
    if found is None:
        return b"sheetData" in data
    last = found.group(1).decode("ascii", "replace").split(":")[-1]
    declared_rows, declared_columns = _ref_position(last)
    if declared_rows > limits.max_rows:
        raise rows_limit_error(declared_rows, limits, declared=True)
    if declared_columns > limits.max_columns:
        raise columns_limit_error(declared_columns, limits, declared=True)
    if declared_rows * declared_columns > limits.max_cells:
        raise cells_limit_error(declared_rows * declared_columns, limits)
    return True


def _count_fast(data: bytes, extent: _Extent) -> bool:
    """Count with C-speed searches when every row and cell is written as Excel writes it;
    False, counting nothing, otherwise."""
    if b":row" in data or b":c " in data:
        return False
    # ``<rowBreaks>`` or an empty ``<c/>`` only send their chunk down the slower path.
    rows = data.count(b"<row")
    cells = data.count(b"<c ") + data.count(b"<c>")
    numbers = _ROW_NUMBER.findall(data)
    columns = _CELL_COLUMN.findall(data)
    if len(numbers) != rows or len(columns) != cells:
        return False
    extent.rows += rows
    if numbers:
        extent.max_row = max(extent.max_row, max(map(int, numbers)))
        extent.row_number = int(numbers[-1])
    if columns:
        widest = max(set(columns), key=lambda letters: (len(letters), letters))
        extent.max_column = max(extent.max_column, _column_number(widest.decode()))
    return True


def _count_tag_by_tag(data: bytes, extent: _Extent) -> None:
    # A row or cell without ``r`` takes the number after the previous one.
    for tag in _TAG.finditer(data):
        found_r = _R_ATTRIBUTE.search(tag.group(2))
        if tag.group(1) == b"row":
            extent.rows += 1
            extent.row_number = int(found_r.group(1)) if found_r else extent.row_number + 1
            extent.column = 0
            extent.max_row = max(extent.max_row, extent.row_number)
        else:
            if found_r:
                _, extent.column = _ref_position(found_r.group(1).decode("ascii", "replace"))
            else:
                extent.column += 1
            extent.max_column = max(extent.max_column, extent.column)


def scan_sheet(handle: IO[bytes], limits: UploadLimits, deadline: Deadline) -> tuple[int, int]:
    """(rows, columns) of a worksheet's XML, streamed: the declared dimension is checked
    first, then every ``<row>`` and ``<c>`` is counted, stopping at the first limit passed."""
    extent = _Extent()
    dimension_seen = False
    carry = b""
    for chunk in _chunks(handle, deadline):
        data = carry + chunk
        # Keep an unfinished tag for the next chunk.
        cut = data.rfind(b"<")
        if cut > 0 and data.find(b">", cut) == -1:
            data, carry = data[:cut], data[cut:]
        else:
            carry = b""
        if not dimension_seen:
            dimension_seen = _check_declared(data, limits)
        if not _count_fast(data, extent):
            _count_tag_by_tag(data, extent)
        rows = max(extent.rows, extent.max_row)
        if rows > limits.max_rows:
            raise rows_limit_error(rows, limits)
        if extent.max_column > limits.max_columns:
            raise columns_limit_error(extent.max_column, limits)
        if extent.max_row * extent.max_column > limits.max_cells:
            raise cells_limit_error(extent.max_row * extent.max_column, limits)
    return max(extent.rows, extent.max_row), extent.max_column


def inspect_xlsx(content: bytes, limits: UploadLimits, deadline: Deadline) -> SheetShape:
    """Check an .xlsx against ``limits`` without building any cell: the zip directory, every
    member inflated once as a stream (bounded by the checked sizes), and the data sheet's
    declared and real rows and columns. Returns the data sheet's name and shape; raises
    FileTooLarge (413) naming the rule and the limit, or ImportFileError (422) when the
    archive is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            check_zip(archive, limits)
            name, path = _data_sheet(archive)
            for member in archive.namelist():
                if member != path:
                    _drain(archive, member, deadline)
            with archive.open(path) as handle:
                rows, columns = scan_sheet(handle, limits, deadline)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, EOFError, OSError) as exc:
        raise file_error(
            "unreadable_xlsx",
            f"Excel 파일을 읽을 수 없습니다(손상되었거나 암호가 걸려 있을 수 있습니다): {exc}",
            f"The Excel file cannot be read (it may be damaged or password-protected): {exc}",
        ) from None
    return SheetShape(name, rows, columns)

"""Reading an uploaded .xlsx or .csv into a header and numbered rows.

.xlsx is read with python-calamine (Rust): 50,000 rows × 8 columns in about 0.3 s, where
openpyxl's read-only mode takes over 3 s (measured; see docs/adr/0003-excel-import.md).
.csv may be UTF-8 with or without the BOM Excel writes, or CP949/EUC-KR, the default of
Korean Excel's "CSV" — detected, never asked.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from python_calamine import CalamineError, CalamineWorkbook

from vocnet.core.errors import FieldProblem
from vocnet.spreadsheets.columns import as_text, fold_header, header_variants, is_empty
from vocnet.spreadsheets.errors import (
    FileTooLarge,
    ImportFileError,
    UnsupportedFileType,
    file_error,
)
from vocnet.spreadsheets.limits import (
    Deadline,
    UploadLimits,
    columns_limit_error,
    inspect_xlsx,
    rows_limit_error,
)
from vocnet.spreadsheets.spec import EntitySpec

ZIP_MAGIC = b"PK\x03\x04"
# How far down a file the header row is looked for (a title line or two may come first).
HEADER_SEARCH_ROWS = 10


@dataclass
class Table:
    """A sheet's cells: the header row and every non-empty row below it, numbered as the
    spreadsheet numbers them (1-based)."""

    header_row_number: int
    header: list[str]
    rows: list[tuple[int, Sequence[Any]]]
    file_format: str
    encoding: str | None = None
    sheet: str | None = None


@dataclass
class HeaderMap:
    """Which cell index holds which column key; headers no column claims are listed."""

    index_by_key: dict[str, int]
    ignored: list[str] = field(default_factory=list)


def file_format_of(file_name: str) -> str:
    suffix = PurePath(file_name).suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise file_error(
            "unsupported_file_type",
            f"지원하지 않는 파일 형식입니다({suffix or '확장자 없음'}). "
            ".xlsx 또는 .csv 파일만 올릴 수 있습니다.",
            f"Unsupported file type ({suffix or 'no extension'}): upload an .xlsx or .csv file.",
            error_class=UnsupportedFileType,
        )
    return suffix[1:]


def ensure_size(size: int, max_bytes: int | None) -> None:
    """Raise FileTooLarge when ``size`` passes ``max_bytes`` (checked before reading)."""
    if max_bytes is not None and size > max_bytes:
        raise file_error(
            "file_too_large",
            f"파일이 너무 큽니다({size:,}바이트). 최대 {max_bytes:,}바이트까지 "
            "올릴 수 있습니다. 파일을 나누어 올리세요.",
            f"The file is too large ({size:,} bytes); the limit is {max_bytes:,} "
            "bytes. Split it into smaller files.",
            error_class=FileTooLarge,
        )


def check_file(file_name: str, content: bytes, max_bytes: int | None) -> str:
    """The file's format (``xlsx`` or ``csv``); raises FileTooLarge or UnsupportedFileType."""
    ensure_size(len(content), max_bytes)
    file_format = file_format_of(file_name)
    if file_format == "xlsx" and not content.startswith(ZIP_MAGIC):
        raise file_error(
            "not_xlsx",
            "확장자는 .xlsx이지만 Excel 통합 문서(.xlsx)가 아닙니다. Excel에서 "
            "'Excel 통합 문서(*.xlsx)'로 다시 저장하세요.",
            "The file is named .xlsx but is not an Excel workbook; save it again from Excel "
            "as 'Excel Workbook (*.xlsx)'.",
            error_class=UnsupportedFileType,
        )
    if file_format == "csv" and content.startswith(ZIP_MAGIC):
        raise file_error(
            "not_csv",
            "확장자는 .csv이지만 Excel 통합 문서입니다. 확장자를 .xlsx로 바꾸어 올리세요.",
            "The file is named .csv but is an Excel workbook; upload it as .xlsx.",
            error_class=UnsupportedFileType,
        )
    return file_format


def _nul_byte_error(line: int) -> ImportFileError:
    return file_error(
        "nul_byte",
        f"CSV 파일(file) {line}행에 NUL 문자(0x00)가 있습니다. 텍스트 CSV에는 올 수 없는 "
        "문자이니, 손상되지 않은 원본을 Excel에서 'CSV UTF-8'로 다시 저장하세요.",
        f"The CSV file has a NUL byte (0x00) on line {line}; a text CSV cannot hold one. "
        "Save the undamaged original again from Excel as 'CSV UTF-8'.",
    )


def _unknown_encoding() -> ImportFileError:
    return file_error(
        "unknown_encoding",
        "CSV 파일의 문자 인코딩을 알 수 없습니다. UTF-8 또는 CP949(EUC-KR)로 저장하세요.",
        "The CSV file's character encoding is not recognised; save it as UTF-8 or CP949 (EUC-KR).",
    )


def csv_encodings(content: bytes) -> list[str]:
    """The encodings to try, in order: the BOM's, else UTF-8 then CP949 (a superset of
    EUC-KR, the default of Korean Excel's "CSV"). Raises ImportFileError ``nul_byte`` naming
    the line of a NUL byte (never in a text CSV but UTF-16's)."""
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return ["utf-16"]
    position = content.find(b"\x00")
    if position != -1:
        raise _nul_byte_error(content.count(b"\n", 0, position) + 1)
    if content.startswith(codecs.BOM_UTF8):
        return ["utf-8-sig"]
    return ["utf-8", "cp949"]


def _csv_records(content: bytes, encoding: str) -> Iterator[list[str]]:
    # Decoded as a stream, so a large file never sits in memory as one string.
    text = io.TextIOWrapper(io.BytesIO(content), encoding=encoding, newline="")
    return csv.reader(text)


def read_csv_rows(
    content: bytes, limits: UploadLimits, deadline: Deadline
) -> tuple[list[tuple[int, Sequence[Any]]], str]:
    """Two passes: the first counts records and columns and keeps nothing, refusing a file
    over the limits before a single row is held; the second keeps the rows."""
    for encoding in csv_encodings(content):
        try:
            _count_csv_records(content, encoding, limits, deadline)
            rows: list[tuple[int, Sequence[Any]]] = list(
                enumerate(_csv_records(content, encoding), start=1)
            )
        except UnicodeDecodeError:
            continue
        for number, cells in rows:
            if any("\x00" in cell for cell in cells):
                raise _nul_byte_error(number)
        return rows, encoding
    raise _unknown_encoding()


def _read_xlsx_rows(
    content: bytes, limits: UploadLimits, deadline: Deadline
) -> tuple[list[tuple[int, Sequence[Any]]], str]:
    # The bounds first, without building a cell: the reader allocates the whole used area.
    shape = inspect_xlsx(content, limits, deadline)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(content))
        # skip_empty_area=False keeps row 1 at index 0, so row numbers match Excel's.
        cells = workbook.get_sheet_by_name(shape.name).to_python(skip_empty_area=False)
    except CalamineError as exc:
        raise file_error(
            "unreadable_xlsx",
            f"Excel 파일을 읽을 수 없습니다(손상되었거나 암호가 걸려 있을 수 있습니다): {exc}",
            f"The Excel file cannot be read (it may be damaged or password-protected): {exc}",
        ) from None
    return [(number, row) for number, row in enumerate(cells, start=1)], shape.name


def count_rows(file_name: str, content: bytes, limits: UploadLimits, deadline: Deadline) -> int:
    """The rows of the file's data sheet (or CSV records), header included, counted without
    building a cell; raises what the limits raise (FileTooLarge naming the rule), and
    UnsupportedFileType or ImportFileError for a file that is not what its name says."""
    if check_file(file_name, content, max_bytes=None) == "csv":
        count = 0
        for encoding in csv_encodings(content):
            try:
                count = _count_csv_records(content, encoding, limits, deadline)
            except UnicodeDecodeError:
                continue
            return count
        raise _unknown_encoding()
    return inspect_xlsx(content, limits, deadline).rows


def _count_csv_records(
    content: bytes, encoding: str, limits: UploadLimits, deadline: Deadline
) -> int:
    count = 0
    try:
        for count, record in enumerate(_csv_records(content, encoding), start=1):
            if count > limits.max_rows:
                raise rows_limit_error(count, limits)
            if len(record) > limits.max_columns:
                raise columns_limit_error(len(record), limits)
            if count % 10_000 == 0:
                deadline.check()
    except csv.Error as exc:
        raise file_error(
            "unreadable_csv",
            f"CSV 파일을 읽을 수 없습니다: {exc}",
            f"The CSV file cannot be read: {exc}",
        ) from None
    return count


def read_table(
    file_name: str,
    content: bytes,
    spec: EntitySpec,
    limits: UploadLimits | None = None,
    deadline: Deadline | None = None,
) -> Table:
    """Read the file's first data sheet (or the CSV) and find its header row: the first of
    the top rows that names at least one of ``spec``'s columns. Empty rows are dropped.
    ``limits`` (default: the settings) are checked before any row is built: FileTooLarge
    (413) names the rule and the limit."""
    limits = limits or UploadLimits.from_settings()
    deadline = deadline or Deadline(limits.max_seconds)
    file_format = check_file(file_name, content, max_bytes=None)
    encoding: str | None = None
    sheet: str | None = None
    if file_format == "csv":
        numbered, encoding = read_csv_rows(content, limits, deadline)
    else:
        numbered, sheet = _read_xlsx_rows(content, limits, deadline)
    non_empty = [(n, cells) for n, cells in numbered if not all(is_empty(c) for c in cells)]
    if not non_empty:
        raise file_error("empty_file", "파일에 내용이 없습니다.", "The file is empty.")
    known = set().union(*(header_variants(column) for column in spec.columns))
    header_at = 0
    for position, (_, cells) in enumerate(non_empty[:HEADER_SEARCH_ROWS]):
        if any(_header_keys(cell) & known for cell in cells if not is_empty(cell)):
            header_at = position
            break
    header_row_number, header_cells = non_empty[header_at]
    header = [as_text(cell) if not is_empty(cell) else "" for cell in header_cells]
    return Table(
        header_row_number=header_row_number,
        header=header,
        rows=non_empty[header_at + 1 :],
        file_format=file_format,
        encoding=encoding,
        sheet=sheet,
    )


def _header_keys(cell: object) -> set[str]:
    text = as_text(cell)
    return {fold_header(text)} | {fold_header(part) for part in text.split("/")}


def match_headers(spec: EntitySpec, table: Table) -> HeaderMap:
    """Map each of ``spec``'s columns to its index in ``table``. Raises ImportFileError naming
    every missing required column, or a column given twice."""
    owner: dict[str, str] = {}
    for column in spec.columns:
        for variant in header_variants(column):
            owner[variant] = column.key
    index_by_key: dict[str, int] = {}
    ignored: list[str] = []
    problems: list[FieldProblem] = []
    for index, text in enumerate(table.header):
        if not text:
            continue
        keys = {owner[k] for k in _header_keys(text) if k in owner}
        if len(keys) != 1:
            ignored.append(text)
            continue
        key = keys.pop()
        if key in index_by_key:
            column = spec.column(key)
            problems.append(
                FieldProblem(
                    key,
                    "duplicate_column",
                    f"같은 열이 두 번 있습니다: {column.header}",
                    f"The column appears twice: {column.header}",
                )
            )
            continue
        index_by_key[key] = index
    for column in spec.required:
        if column.key not in index_by_key:
            problems.append(
                FieldProblem(
                    column.key,
                    "missing_column",
                    f"필수 열이 없습니다: {column.header}",
                    f"A required column is missing: {column.header}",
                )
            )
    if problems:
        raise ImportFileError(
            code="invalid_columns",
            message_ko=f"{table.header_row_number}행(제목 행)의 열을 확인하세요: "
            + "; ".join(p.message_ko for p in problems),
            message_en=f"Check the header row (row {table.header_row_number}): "
            + "; ".join(p.message_en for p in problems),
            problems=problems,
        )
    return HeaderMap(index_by_key=index_by_key, ignored=ignored)

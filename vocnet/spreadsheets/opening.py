"""Opening an uploaded import file, shared by every import in vocnet (registry entities,
agreement deliveries, demand declarations, graduate destinations): the size and type checks,
reading the .xlsx or .csv, finding the header row and matching the spec's columns, and the
parse-and-plan pass that fills the report. Each app keeps only what is its own: the columns
(``EntitySpec``), the ``Importer`` that resolves references and checks permission, and the
write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from vocnet.spreadsheets.base import (
    ErrorLog,
    Importer,
    ImportReport,
    Progress,
    parse_rows,
)
from vocnet.spreadsheets.errors import ImportFileError, file_error
from vocnet.spreadsheets.limits import Deadline, UploadLimits
from vocnet.spreadsheets.reading import (
    HeaderMap,
    Table,
    check_file,
    ensure_size,
    file_format_of,
    match_headers,
    read_table,
)
from vocnet.spreadsheets.spec import EntitySpec

I = TypeVar("I", bound=Importer)  # noqa: E741


def no_rows_error() -> ImportFileError:
    return file_error(
        "no_rows",
        "제목 행 아래에 자료 행이 없습니다.",
        "The file has no data rows below the header row.",
    )


def check_upload(file_name: str, size: int, max_bytes: int | None) -> None:
    """The checks an endpoint makes before reading an upload: FileTooLarge (413) above
    ``max_bytes``, UnsupportedFileType (415) for anything but .xlsx and .csv."""
    ensure_size(size, max_bytes)
    file_format_of(file_name)


@dataclass(frozen=True)
class OpenedImport:
    """A checked and read import file: its rows and where each of the spec's columns is."""

    spec: EntitySpec
    table: Table
    header_map: HeaderMap
    limits: UploadLimits
    deadline: Deadline

    def new_report(self, *, dry_run: bool, entity: str | None = None) -> ImportReport:
        """An empty report of this file (counts are filled by :meth:`check`)."""
        return ImportReport(
            entity=entity or self.spec.entity,
            dry_run=dry_run,
            ignored_columns=list(self.header_map.ignored),
            file_format=self.table.file_format,
            encoding=self.table.encoding,
            sheet=self.table.sheet,
        )

    def check(
        self,
        make_importer: Callable[[ErrorLog], I],
        report: ImportReport,
        progress: Progress | None = None,
    ) -> I:
        """Parse every row with the spec's columns, let the importer plan them (references,
        permission, create / update / unchanged), and put the counts and every row error in
        ``report``. Returns the importer, ready to write when the report has no errors.
        Raises ImportFileError ``no_rows`` when no row holds a value of the spec's columns."""
        log = ErrorLog(self.spec, self.limits.max_problems)
        rows = parse_rows(self.spec, self.table, self.header_map, log, progress, self.deadline)
        importer = make_importer(log)
        importer.plan(rows)
        self.deadline.check()
        report.rows = len(rows)
        report.create, report.update = importer.create, importer.update
        report.unchanged = importer.unchanged
        report.errors = sorted(log.errors, key=lambda error: error.row_number)
        report.problem_counts = dict(log.by_code)
        report.problems_total = log.total
        report.bad_rows = len(log.bad_rows)
        if report.rows == 0:
            raise no_rows_error()
        return importer


def open_import(
    *,
    file_name: str,
    content: bytes,
    spec: EntitySpec,
    max_bytes: int | None,
    limits: UploadLimits | None = None,
) -> OpenedImport:
    """Check and read an uploaded .xlsx or .csv file of ``spec`` rows.

    The header row is the first of the top rows naming one of the spec's columns (a title
    line above it is fine). Raises FileTooLarge (413) above ``max_bytes``,
    UnsupportedFileType (415) for another type or a file whose content is not its extension,
    FileTooLarge (413) for a file over ``limits`` (rows, columns, cells, zip size and ratio,
    time; default: the settings), checked before any row is built,
    and ImportFileError (422) for an unreadable file or encoding, a missing required or
    repeated column, or no data row under the header. See docs/adr/0003-excel-import.md."""
    check_file(file_name, content, max_bytes)
    limits = limits or UploadLimits.from_settings()
    deadline = Deadline(limits.max_seconds)
    table = read_table(file_name, content, spec, limits, deadline)
    header_map = match_headers(spec, table)
    if not table.rows:
        raise no_rows_error()
    return OpenedImport(spec, table, header_map, limits, deadline)

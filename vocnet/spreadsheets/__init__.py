"""Spreadsheets in and out: the one place vocnet reads an uploaded .xlsx or .csv (CP949/EUC-KR
as Korean Excel writes it, or UTF-8 with or without BOM, detected), matches its header to an
import's columns, checks every cell and reports each problem by row, column and rule in Korean
and English, and drives the dry run and the all-or-nothing commit (``run_import``); it also
makes the empty templates and the .xlsx exports.

A layer below the domain: it imports ``vocnet.core`` only (core → spreadsheets → registry →
domain apps), and each app keeps its own columns and ``Importer``. See
docs/adr/0003-excel-import.md and docs/adr/0013-spreadsheets-and-upload-limits.md.
"""

from vocnet.spreadsheets.base import ErrorLog, Importer, ImportReport, Progress, SourceRow
from vocnet.spreadsheets.driver import (
    AuditBy,
    ImportedFile,
    ImportSpec,
    audit_once,
    require_import_role,
    run_import,
)
from vocnet.spreadsheets.errors import (
    FileTooLarge,
    ImportFileError,
    RowError,
    UnsupportedFileType,
)
from vocnet.spreadsheets.opening import (
    OpenedImport,
    check_upload,
    no_rows_error,
    open_import,
)
from vocnet.spreadsheets.reading import ensure_size, file_format_of
from vocnet.spreadsheets.spec import EntitySpec
from vocnet.spreadsheets.templates import spec_template_xlsx

__all__ = [
    "AuditBy",
    "EntitySpec",
    "ErrorLog",
    "FileTooLarge",
    "ImportFileError",
    "ImportReport",
    "ImportSpec",
    "ImportedFile",
    "Importer",
    "OpenedImport",
    "Progress",
    "RowError",
    "SourceRow",
    "UnsupportedFileType",
    "audit_once",
    "check_upload",
    "ensure_size",
    "file_format_of",
    "no_rows_error",
    "open_import",
    "require_import_role",
    "run_import",
    "spec_template_xlsx",
]

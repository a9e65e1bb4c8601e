"""Import of schools, departments, companies and students from .xlsx and .csv (issue 2).

``run_import`` checks a file (dry run) or imports it all-or-nothing; ``template_xlsx`` makes
the empty template of an entity with its guide sheet; ``open_import`` is the file handling
every other import in vocnet builds on. See docs/adr/0003-excel-import.md.
"""

from vocnet.registry.importing.base import ImportReport, Progress
from vocnet.registry.importing.engine import ENTITIES, run_import
from vocnet.registry.importing.errors import (
    FileTooLarge,
    ImportFileError,
    RowError,
    UnsupportedFileType,
)
from vocnet.registry.importing.opening import (
    OpenedImport,
    check_upload,
    no_rows_error,
    open_import,
)
from vocnet.registry.importing.reading import ensure_size, file_format_of
from vocnet.registry.importing.specs import SPECS, EntitySpec
from vocnet.registry.importing.templates import template_xlsx

__all__ = [
    "ENTITIES",
    "SPECS",
    "EntitySpec",
    "FileTooLarge",
    "ImportFileError",
    "ImportReport",
    "OpenedImport",
    "Progress",
    "RowError",
    "UnsupportedFileType",
    "check_upload",
    "ensure_size",
    "file_format_of",
    "no_rows_error",
    "open_import",
    "run_import",
    "template_xlsx",
]

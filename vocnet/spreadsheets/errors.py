"""Errors of an import: one bad cell or row (``RowError``), or a file that cannot be read at
all (``ImportFileError`` and its subclasses, which ``vocnet.api`` maps to 413/415/422)."""

from __future__ import annotations

from dataclasses import dataclass

from vocnet.core.errors import DomainError, FieldProblem


@dataclass(frozen=True, slots=True)
class RowError:
    """One broken rule in one row. ``row_number`` is the row as the spreadsheet shows it
    (the header is usually row 1); ``field`` is the column's English key."""

    row_number: int
    field: str
    code: str
    message_ko: str
    message_en: str
    # The column's header as the file's template writes it (what a person reads; ``field``
    # is the key a program matches on).
    column: str = ""

    def as_dict(self) -> dict[str, object]:
        return {
            "row": self.row_number,
            "field": self.field,
            "column": self.column or self.field,
            "code": self.code,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
        }


class ImportFileError(DomainError):
    """The file as a whole cannot be imported (unreadable, wrong columns, no rows)."""

    status = 422


class UnsupportedFileType(ImportFileError):
    status = 415


class FileTooLarge(ImportFileError):
    status = 413


def file_error(
    code: str,
    message_ko: str,
    message_en: str,
    problems: list[FieldProblem] | None = None,
    error_class: type[ImportFileError] = ImportFileError,
) -> ImportFileError:
    return error_class(
        code=code, message_ko=message_ko, message_en=message_en, problems=problems or []
    )

"""The API shapes of an import: the report (counts, the first problems, the count per rule)
and the background job."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from ninja import Schema


class ImportRowErrorOut(Schema):
    row: int
    field: str
    code: str
    message_ko: str
    message_en: str


class ImportCountsOut(Schema):
    rows: int
    create: int
    update: int
    unchanged: int
    errors: int


class ImportFileOut(Schema):
    format: str
    encoding: str | None
    sheet: str | None


class ImportProblemsOut(Schema):
    total: int
    listed: int
    by_rule: dict[str, int]


class ImportReportOut(Schema):
    code: str
    message_ko: str
    message_en: str
    entity: str
    dry_run: bool
    committed: bool
    counts: ImportCountsOut
    errors: list[ImportRowErrorOut]
    problems: ImportProblemsOut
    ignored_columns: list[str]
    file: ImportFileOut


class ImportJobErrorOut(Schema):
    code: str
    message_ko: str
    message_en: str


class ImportJobOut(Schema):
    """A file imported in the background: poll ``status_url`` until ``status`` is
    ``succeeded`` (the report is in ``report``) or ``failed`` (``error`` says why)."""

    id: int
    entity: str
    file_name: str
    dry_run: bool
    status: str
    stage: str
    rows_done: int
    rows_total: int
    percent: int
    report: dict[str, Any] | None
    error: ImportJobErrorOut | None
    status_url: str
    created_at: datetime
    started_at: datetime | None
    heartbeat_at: datetime | None
    finished_at: datetime | None

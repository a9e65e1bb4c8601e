"""``run_import``: the dry run and the real, all-or-nothing import of one file."""

from __future__ import annotations

import hashlib
from time import perf_counter
from typing import Any

from django.db import IntegrityError, transaction

from vocnet.core.errors import Conflict, permission_denied
from vocnet.core.models import record_audit
from vocnet.core.permissions import actor_for
from vocnet.registry.importing.base import Importer, ImportReport, Progress
from vocnet.registry.importing.opening import open_import
from vocnet.registry.importing.organisations import CompanyImporter, SchoolImporter
from vocnet.registry.importing.school_records import DepartmentImporter, StudentImporter

IMPORTERS: dict[str, type[Importer]] = {
    "schools": SchoolImporter,
    "departments": DepartmentImporter,
    "companies": CompanyImporter,
    "students": StudentImporter,
}
ENTITIES = tuple(IMPORTERS)


def run_import(
    *,
    actor: Any,
    entity: str,
    file_name: str,
    content: bytes,
    dry_run: bool = True,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> ImportReport:
    """Check (``dry_run``) or import one .xlsx/.csv file of ``entity`` rows.

    Returns the report: counts of rows to create / update / leave unchanged and every bad
    row (row number, column, rule in Korean and English). The real import writes only when
    no row is bad, all inside one transaction, and is idempotent: rows are matched on the
    official key (NEIS code, business number, school + department name, school + 학번), so
    importing the same file again creates nothing. Permission is checked through
    ``vocnet.core.permissions`` once per school or region; a refused row is a row error.

    Raises ImportFileError (FileTooLarge 413, UnsupportedFileType 415, others 422) when the
    file as a whole cannot be read, PermissionDenied for an anonymous actor, and Conflict if
    another writer inserted the same key during the import (nothing is written then).
    """
    importer_class = IMPORTERS.get(entity)
    if importer_class is None:
        raise ValueError(f"Unknown import entity: {entity!r} (one of {', '.join(ENTITIES)})")
    if not actor_for(actor).is_authenticated:
        raise permission_denied()
    started = perf_counter()
    opened = open_import(
        file_name=file_name, content=content, spec=importer_class.spec, max_bytes=max_bytes
    )
    rows_read = len(opened.table.rows)
    if progress is not None:
        progress("read", rows_read, rows_read)
    report = opened.new_report(dry_run=dry_run, entity=entity)
    parsed = perf_counter()
    report.seconds["parse"] = parsed - started

    def check() -> Importer:
        importer = opened.check(lambda log: importer_class(actor, log), report, progress)
        report.seconds["validate"] = perf_counter() - parsed
        return importer

    if dry_run:
        check()
        report.seconds["total"] = perf_counter() - started
        return report

    # The checks run inside the transaction too, so what they found still holds when the
    # rows are written (SQLite takes the write lock at BEGIN IMMEDIATE).
    with transaction.atomic():
        importer = check()
        if report.errors:
            report.seconds["total"] = perf_counter() - started
            return report
        writing = perf_counter()
        try:
            with transaction.atomic():
                importer.write(progress)
        except IntegrityError:
            raise Conflict(
                code="import_conflict",
                message_ko="가져오는 동안 다른 사용자가 같은 자료를 등록했습니다. "
                "아무것도 저장하지 않았습니다. 다시 시도하세요.",
                message_en="Someone registered the same records during the import; nothing "
                "was saved. Try again.",
            ) from None
        report.committed = True
        record_audit(
            actor=actor,
            action=f"import.{entity}",
            obj=_audit_target(importer),
            after={
                "file_name": file_name[:200],
                "file_sha256": hashlib.sha256(content).hexdigest(),
                **report.counts(),
            },
        )
        report.seconds["write"] = perf_counter() - writing
    report.seconds["total"] = perf_counter() - started
    return report


def _audit_target(importer: Importer) -> Any:
    # The audit trail's object of an import is the entity's table, recorded as
    # ("registry.student", "import"); the file and counts are in ``after``.
    target = importer.model()
    target.pk = "import"
    return target

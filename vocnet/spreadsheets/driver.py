"""``run_import``: the dry run and the real, all-or-nothing import of one file, for every import
in vocnet. An app declares an :class:`ImportSpec` (its columns, its ``Importer``, how a
committed file is audited) and calls ``run_import``; it writes no driver of its own."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from time import perf_counter
from typing import Any

from django.db import IntegrityError, transaction

from vocnet.core.errors import Conflict, PermissionDenied, permission_denied
from vocnet.core.permissions import actor_for
from vocnet.core.users import UserLike
from vocnet.spreadsheets.base import ErrorLog, Importer, ImportReport, Progress
from vocnet.spreadsheets.limits import UploadLimits
from vocnet.spreadsheets.opening import open_import
from vocnet.spreadsheets.spec import EntitySpec


@dataclass(frozen=True)
class ImportedFile:
    """What the audit entry of a committed import says of its file."""

    name: str
    sha256: str
    report: ImportReport

    def audit_after(self) -> dict[str, Any]:
        return {"file_name": self.name, "file_sha256": self.sha256}


# Records the audit entries of a committed import (inside its transaction).
AuditBy = Callable[[Any, Importer, ImportedFile], None]


def audit_once(action: str) -> AuditBy:
    """One audit entry for the whole import, against the entity's table (recorded as e.g.
    ``("registry.student", "import")``), with the file and the counts in ``after``."""

    def audit(actor: UserLike, importer: Importer, file: ImportedFile) -> None:
        # Imported here: this package is an installed app, loaded before the models.
        from vocnet.core.models import record_audit

        target = importer.model()
        target.pk = "import"
        record_audit(
            actor=actor,
            action=action,
            obj=target,
            after={**file.audit_after(), **file.report.counts()},
        )

    return audit


_REGISTERED: dict[tuple[str, str], ImportSpec] = {}


def registered_spec(module: str, entity: str) -> ImportSpec:
    """The ImportSpec of ``entity`` defined in ``module`` (imported if need be), for a
    background job that stored only those names. Raises LookupError for an unknown one."""
    import_module(module)
    try:
        return _REGISTERED[(module, entity)]
    except KeyError:
        raise LookupError(f"no import spec {entity!r} in {module}") from None


@dataclass(frozen=True)
class ImportSpec:
    """One import of vocnet: the file's columns, the ``Importer`` that resolves references,
    checks permission and writes (called as ``importer(actor, log, today)``), the audit of a
    committed file, and what a unique-key race says (``conflict_*``)."""

    columns: EntitySpec
    importer: Callable[[Any, ErrorLog, date | None], Importer]
    audit_by: AuditBy
    # The roles whose members may use this import at all (the province always may); anyone
    # else is refused before the upload is read (issue 12: a student's token crashed workers).
    roles: frozenset[str]
    # The module that defines this spec (``__name__``): a background job finds it there.
    module: str
    conflict_ko: str = (
        "가져오는 동안 다른 사용자가 같은 자료를 등록했습니다. "
        "아무것도 저장하지 않았습니다. 다시 시도하세요."
    )
    conflict_en: str = (
        "Someone registered the same records during the import; nothing was saved. Try again."
    )

    def __post_init__(self) -> None:
        _REGISTERED[(self.module, self.entity)] = self

    @property
    def entity(self) -> str:
        return self.columns.entity

    def may_import(self, user: UserLike) -> bool:
        actor = actor_for(user)
        return actor.is_authenticated and (actor.is_province or bool(actor.roles & self.roles))


def require_import_role(spec: ImportSpec, user: UserLike) -> None:
    """Raise PermissionDenied (403, in Korean and English) unless ``user`` has a role that
    may use ``spec``'s import. Endpoints call it before they touch the uploaded file."""
    if not spec.may_import(user):
        raise PermissionDenied(
            code="import_role_denied",
            message_ko=f"{spec.columns.label_ko} 가져오기를 할 수 있는 역할이 아닙니다. "
            "파일을 읽지 않았습니다.",
            message_en=f"Your role may not import {spec.columns.label_en}; the file was not read.",
        )


def run_import(
    spec: ImportSpec,
    *,
    actor: UserLike,
    file_name: str,
    content: bytes,
    dry_run: bool = True,
    max_bytes: int | None = None,
    today: date | None = None,
    progress: Progress | None = None,
    limits: UploadLimits | None = None,
) -> ImportReport:
    """Check (``dry_run``) or import one .xlsx/.csv file of ``spec`` rows.

    Returns the report: counts of rows to create / update / leave unchanged and every bad
    row (row number, column, rule in Korean and English). The real import writes only when
    no row is bad, all inside one transaction, and the importers match rows on the official
    key, so importing the same file again creates nothing. Permission is checked by the
    importer through ``vocnet.core.permissions``; a refused row is a row error. A committed
    import is audited by ``spec.audit_by`` in the same transaction.

    Raises ImportFileError (FileTooLarge 413, UnsupportedFileType 415, others 422) when the
    file as a whole cannot be read, PermissionDenied for an anonymous actor, and Conflict if
    another writer inserted the same key during the import (nothing is written then).
    """
    if not actor_for(actor).is_authenticated:
        raise permission_denied()
    started = perf_counter()
    opened = open_import(
        file_name=file_name,
        content=content,
        spec=spec.columns,
        max_bytes=max_bytes,
        limits=limits,
    )
    rows_read = len(opened.table.rows)
    if progress is not None:
        progress("read", rows_read, rows_read)
    report = opened.new_report(dry_run=dry_run)
    parsed = perf_counter()
    report.seconds["parse"] = parsed - started

    def check() -> Importer:
        importer = opened.check(lambda log: spec.importer(actor, log, today), report, progress)
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
                code="import_conflict", message_ko=spec.conflict_ko, message_en=spec.conflict_en
            ) from None
        report.committed = True
        file = ImportedFile(file_name[:200], hashlib.sha256(content).hexdigest(), report)
        spec.audit_by(actor, importer, file)
        report.seconds["write"] = perf_counter() - writing
    report.seconds["total"] = perf_counter() - started
    return report

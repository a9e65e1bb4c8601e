"""The import engine shared by every entity: cell validation, the report, duplicate keys,
permission per school or region, and the all-or-nothing write.

The fast path here is the one exception to "writes go through services.py" (ADR 0003): an
import validates with the column parsers instead of ``full_clean()`` per row and writes with
``bulk_create`` and batched updates, but it checks permission through the same layer
(``vocnet.core.permissions``) and records an audit entry like a service.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Protocol, TypeVar

from django.db import connections, models, router
from django.utils import timezone

from vocnet.core.errors import PermissionDenied
from vocnet.core.korean import with_particle
from vocnet.core.permissions import Action, authorize_create, restrict
from vocnet.core.users import UserLike
from vocnet.spreadsheets.columns import KEEP, CellError, is_empty
from vocnet.spreadsheets.errors import RowError
from vocnet.spreadsheets.limits import Deadline
from vocnet.spreadsheets.reading import HeaderMap, Table
from vocnet.spreadsheets.spec import EntitySpec

T = TypeVar("T")
# Rows per bulk statement (Django splits further where SQLite's variable limit needs it) and
# values per ``IN (...)`` lookup, below SQLite's smallest compile-time limit of 999.
WRITE_BATCH = 2000
LOOKUP_CHUNK = 900
PROGRESS_EVERY = 1000


class Progress(Protocol):
    """Told how far an import has come: ``stage`` is read, validate or write."""

    def __call__(self, stage: str, done: int, total: int) -> None: ...


def chunks(items: Sequence[T], size: int = LOOKUP_CHUNK) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(slots=True)
class SourceRow:
    """One data row: its spreadsheet row number and its parsed values by column key.

    A key is absent when its column is absent from the file or its optional cell is empty
    and means "leave as is". Resolved references are added under the model's attribute
    name (``region_id``, ``school_id``, …)."""

    number: int
    values: dict[str, Any]
    ok: bool = True


class ErrorLog:
    """Collects row errors, each naming the row, the column (Korean header and key) and the
    rule, in Korean and English."""

    def __init__(self, spec: EntitySpec, max_problems: int | None = None) -> None:
        self.errors: list[RowError] = []
        # Only the first ``max_problems`` are kept with their message (a file of a million
        # bad rows once answered with a 610 MB report); every one is counted per rule.
        self.max_problems = max_problems
        self.total = 0
        self.by_code: Counter[str] = Counter()
        self.bad_rows: set[int] = set()
        self._headers = {column.key: column.header_ko for column in spec.columns}

    def add(self, row: SourceRow, key: str, code: str, rule_ko: str, rule_en: str) -> None:
        row.ok = False
        self.total += 1
        self.by_code[code] += 1
        self.bad_rows.add(row.number)
        if self.max_problems is not None and len(self.errors) >= self.max_problems:
            return
        header_ko = self._headers.get(key, key)
        self.errors.append(
            RowError(
                row_number=row.number,
                field=key,
                column=header_ko,
                code=code,
                message_ko=f"{row.number}행 {header_ko}: {rule_ko}",
                message_en=f"Row {row.number} {key}: {rule_en}",
            )
        )


def parse_rows(
    spec: EntitySpec,
    table: Table,
    header_map: HeaderMap,
    log: ErrorLog,
    progress: Progress | None = None,
    deadline: Deadline | None = None,
) -> list[SourceRow]:
    """Parse every cell of every row with its column's parser; a row whose columns of
    ``spec`` are all empty is skipped (it may hold only a note in a column of its own)."""
    present = [
        (column.key, header_map.index_by_key[column.key], column.parser, column.required)
        for column in spec.columns
        if column.key in header_map.index_by_key
    ]
    rows: list[SourceRow] = []
    total = len(table.rows)
    for done, (number, cells) in enumerate(table.rows, start=1):
        width = len(cells)
        raws = [cells[index] if index < width else None for _, index, _, _ in present]
        if done % PROGRESS_EVERY == 0:
            if progress is not None:
                progress("validate", done, total)
            if deadline is not None:
                deadline.check()
        if all(is_empty(raw) for raw in raws):
            continue
        values: dict[str, Any] = {}
        row = SourceRow(number, values)
        for (key, _, parser, required), raw in zip(present, raws, strict=True):
            if is_empty(raw):
                if required:
                    log.add(
                        row, key, "required", "필수 항목입니다(비어 있음)", "this field is required"
                    )
                elif parser.empty is not KEEP:
                    values[key] = parser.empty
                continue
            try:
                values[key] = parser.parse(raw)
            except CellError as error:
                log.add(row, key, error.code, error.rule_ko, error.rule_en)
        rows.append(row)
    if progress is not None:
        progress("validate", total, total)
    return rows


@dataclass
class ImportReport:
    """What an import did or would do. ``errors`` lists the first broken rules of the bad
    rows (``VOCNET_IMPORT_MAX_PROBLEMS``), ``problem_counts`` counts every one per rule, and
    ``counts["errors"]`` is the number of bad rows. Nothing is written unless ``committed``.
    """

    entity: str
    dry_run: bool
    committed: bool = False
    rows: int = 0
    create: int = 0
    update: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    file_format: str = ""
    encoding: str | None = None
    sheet: str | None = None
    seconds: dict[str, float] = field(default_factory=dict)
    # Every problem counted per rule (code); ``errors`` lists only the first ones.
    problem_counts: dict[str, int] = field(default_factory=dict)
    problems_total: int = 0
    bad_rows: int = 0

    @property
    def error_rows(self) -> int:
        return self.bad_rows or len({error.row_number for error in self.errors})

    @property
    def permission_denied(self) -> bool:
        return "permission_denied" in self.problem_counts or any(
            error.code == "permission_denied" for error in self.errors
        )

    @property
    def http_status(self) -> int:
        """200 when clean; 403 when the permission layer refused rows; 422 for bad rows."""
        if not self.errors:
            return 200
        return 403 if self.permission_denied else 422

    @property
    def code(self) -> str:
        if self.errors:
            return "permission_denied" if self.permission_denied else "import_rows_invalid"
        return "imported" if self.committed else "dry_run_ok"

    @property
    def message_ko(self) -> str:
        if self.errors:
            return (
                f"{self.error_rows}개 행에 오류가 있어 아무것도 저장하지 않았습니다. "
                "오류를 고친 뒤 파일 전체를 다시 올리세요."
            )
        counts = f"새로 등록 {self.create}건, 수정 {self.update}건, 변경 없음 {self.unchanged}건"
        if self.committed:
            return f"가져오기를 마쳤습니다: {counts}."
        return f"검사 결과 오류가 없습니다. 가져오면 {counts}입니다(아직 저장하지 않음)."

    @property
    def message_en(self) -> str:
        if self.errors:
            return (
                f"{self.error_rows} row(s) have errors, so nothing was saved. Fix them and "
                "upload the whole file again."
            )
        counts = f"{self.create} to create, {self.update} to update, {self.unchanged} unchanged"
        if self.committed:
            return (
                f"Import finished: {self.create} created, {self.update} updated, "
                f"{self.unchanged} unchanged."
            )
        return f"No errors found: {counts} (nothing saved yet)."

    def counts(self) -> dict[str, int]:
        return {
            "rows": self.rows,
            "create": self.create,
            "update": self.update,
            "unchanged": self.unchanged,
            "errors": self.error_rows,
        }

    def as_dict(self) -> dict[str, Any]:
        """The JSON body of the API (the error-body shape plus the counts)."""
        return {
            "code": self.code,
            "message_ko": self.message_ko,
            "message_en": self.message_en,
            "entity": self.entity,
            "dry_run": self.dry_run,
            "committed": self.committed,
            "counts": self.counts(),
            "errors": [error.as_dict() for error in self.errors],
            "problems": {
                "total": max(self.problems_total, len(self.errors)),
                "listed": len(self.errors),
                "by_rule": dict(sorted(self.problem_counts.items())),
            },
            "ignored_columns": self.ignored_columns,
            "file": {"format": self.file_format, "encoding": self.encoding, "sheet": self.sheet},
        }


def changed_attributes(obj: object, values: dict[str, Any], attrs: Iterable[str]) -> list[str]:
    """The attributes among ``attrs`` that ``values`` provides with a value ``obj`` lacks."""
    return [attr for attr in attrs if attr in values and getattr(obj, attr) != values[attr]]


class Importer:
    """One entity's import. Subclasses resolve references, find the existing rows by the
    official key, check permission and classify in :meth:`plan`, and write in :meth:`write`.
    """

    spec: ClassVar[EntitySpec]
    model: ClassVar[type[models.Model]]
    # Messages of a refused row (the column named is the one that decides the scope).
    denied_ko: ClassVar[str] = "이 행을 등록하거나 수정할 권한이 없습니다"
    denied_en: ClassVar[str] = "you may not create or change this row"

    def __init__(self, actor: UserLike, log: ErrorLog, today: date | None = None) -> None:
        self.actor = actor
        self.log = log
        # The day the import's date rules are checked against (tests pass one).
        self.today = today or timezone.localdate()
        self.create = 0
        self.update = 0
        self.unchanged = 0

    def plan(self, rows: list[SourceRow]) -> None:
        raise NotImplementedError

    def write(self, progress: Progress | None = None) -> None:
        raise NotImplementedError

    # Helpers for subclasses -------------------------------------------------------------

    def reject_duplicates(
        self,
        rows: Iterable[SourceRow],
        key_of: Callable[[dict[str, Any]], Hashable | None],
        field_name: str,
        what_ko: str,
        what_en: str,
    ) -> None:
        """A later row with the same key as an earlier one is an error naming both rows."""
        first_row: dict[Hashable, int] = {}
        for row in rows:
            key = key_of(row.values)
            if key is None:
                continue
            first = first_row.setdefault(key, row.number)
            if first != row.number:
                self.log.add(
                    row,
                    field_name,
                    "duplicate_in_file",
                    f"{first}행과 {with_particle(what_ko, '이/가')} 같습니다(파일 안 중복)",
                    f"same {what_en} as row {first} (duplicate in the file)",
                )

    def resolve_code(
        self,
        rows: Iterable[SourceRow],
        key: str,
        attr: str,
        ids_by_code: dict[str, int],
        what_ko: str,
        what_en: str,
    ) -> None:
        """Replace a reference code by its row id (``values[attr]``), or log it unknown."""
        for row in rows:
            code = row.values.get(key)
            if code is None or code == "":
                continue
            found = ids_by_code.get(code)
            if found is None:
                self.log.add(
                    row,
                    key,
                    f"unknown_{key.removesuffix('_code')}",
                    f"등록되지 않은 {what_ko}입니다: {code}",
                    f"not a known {what_en}: {code}",
                )
            else:
                row.values[attr] = found

    def deny(self, row: SourceRow, field_name: str) -> None:
        self.log.add(row, field_name, "permission_denied", self.denied_ko, self.denied_en)

    def authorize_new(
        self,
        rows: Iterable[SourceRow],
        context_of: Callable[[dict[str, Any]], tuple[tuple[str, Any], ...] | None],
        field_name: str,
        model: type[models.Model] | None = None,
    ) -> None:
        """``authorize_create`` once per distinct context (school or region) of new rows;
        every row of a refused context is an error."""
        by_context: dict[tuple[tuple[str, Any], ...], list[SourceRow]] = defaultdict(list)
        for row in rows:
            context = context_of(row.values)
            if context is not None:
                by_context[context].append(row)
        for context, context_rows in by_context.items():
            try:
                authorize_create(self.actor, model or self.model, **dict(context))
            except PermissionDenied:
                for row in context_rows:
                    self.deny(row, field_name)

    def changeable_ids(self, queryset: models.QuerySet[Any]) -> set[Any]:
        """Primary keys of ``queryset`` the actor may change (one query)."""
        return set(restrict(self.actor, queryset, Action.CHANGE).values_list("pk", flat=True))


def update_rows(
    model: type[models.Model], objects: Sequence[models.Model], attnames: Iterable[str]
) -> None:
    """``UPDATE … SET <attnames> WHERE pk = …`` for each object, in one ``executemany``.

    Django's ``bulk_update`` builds one ``CASE WHEN pk = …`` per field and batch, which
    SQLite evaluates row by row: 50,000 changed students took 18 s that way and take well
    under a second this way (bench/bench_import.py). Values go through each field's
    ``get_db_prep_save``, so dates and times are adapted as the ORM would.
    """
    if not objects:
        return
    connection = connections[router.db_for_write(model)]
    meta = model._meta
    columns: list[tuple[str, models.Field[Any, Any]]] = []
    for attname in attnames:
        field = meta.get_field(attname)
        if not isinstance(field, models.Field) or not field.column:
            raise ValueError(f"{model.__name__}.{attname} is not a concrete column")
        columns.append((field.column, field))
    if meta.pk is None or not meta.pk.column:
        raise ValueError(f"{model.__name__} has no primary key column")
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column)} = %s" for column, _ in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {assignments} WHERE {quote(meta.pk.column)} = %s"
    params = [
        [field.get_db_prep_save(getattr(obj, field.attname), connection) for _, field in columns]
        + [obj.pk]
        for obj in objects
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def touch(objects: Iterable[models.Model]) -> None:
    """Set ``updated_at``: ``auto_now`` applies only to ``save()``."""
    now = timezone.now()
    for obj in objects:
        obj.updated_at = now  # type: ignore[attr-defined]

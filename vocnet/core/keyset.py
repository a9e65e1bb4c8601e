"""Keyset pages over a queryset ordered newest first (``-<field>, -id``).

A cursor names the last row of a page by its moment and id (URL-safe base64, opaque to
clients); the page after it is a range of the ``(<field>, id)`` index, as cheap on page 20,000
as on page 2, where ``OFFSET`` reads and throws away every row before the page.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import datetime, timedelta
from typing import TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import Model, Q, QuerySet
from django.utils import timezone

from vocnet.core.errors import FieldProblem, ValidationFailed

M = TypeVar("M", bound=Model)


def _bad_cursor() -> ValidationFailed:
    return ValidationFailed.from_problems(
        [
            FieldProblem(
                "cursor",
                "invalid",
                "cursor는 이전 응답의 next_cursor 값이어야 합니다.",
                "cursor must be the next_cursor of an earlier answer.",
            )
        ]
    )


def encode_cursor(moment: datetime, pk: int) -> str:
    raw = f"{moment.isoformat()}|{pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    """(moment, id) of a cursor made by :func:`encode_cursor`; ValidationFailed naming the
    field ``cursor`` otherwise."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, _, pk = raw.partition("|")
        when = datetime.fromisoformat(moment)
        if when.tzinfo is None:
            raise ValueError(moment)
        return when, int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError) as error:
        raise _bad_cursor() from error


def after_cursor(queryset: QuerySet[M], field: str, cursor: str) -> QuerySet[M]:
    """The rows of ``queryset`` (ordered ``-field, -id``) after the cursor's row. The ``<=``
    alone is what the index range scan starts from; the OR settles rows of the same moment."""
    moment, pk = decode_cursor(cursor)
    return queryset.filter(**{f"{field}__lte": moment}).filter(
        Q(**{f"{field}__lt": moment}) | Q(pk__lt=pk)
    )


def keyset_page(
    queryset: QuerySet[M], field: str, size: int, cursor: str | None = None
) -> tuple[list[M], str | None]:
    """Up to ``size`` rows of ``queryset`` (ordered ``-field, -id``) after ``cursor`` (from the
    start without one), and the cursor of the page after them (None on the last page). One
    query: it reads one row more to know whether another page follows."""
    page = after_cursor(queryset, field, cursor) if cursor else queryset
    rows = list(page[: size + 1])
    if len(rows) <= size:
        return rows, None
    last = rows[size - 1]
    return rows[:size], encode_cursor(getattr(last, field), last.pk)


# Rows of an append-only log older than this are settled: no transaction still open adds one.
SETTLED_AFTER = timedelta(hours=1)


def append_only_count(queryset: QuerySet[M], field: str, now: datetime | None = None) -> int:
    """``queryset.count()`` for an append-only log ordered by the moment ``field``, counting
    only its recent rows on each call.

    The rows before the last full hour but one are settled: the log gains no row there, and
    loses rows only by its purge, which enters the audit trail. Their count is kept per query,
    hour and data version (:func:`vocnet.core.pagecache.data_version`); the rows since are
    counted each time (an index range scan). Counting a million rows on every first page of
    the access log cost more than the page (issue 12 item 5, ADR 0020). The figure is exact.
    """
    from vocnet.core.pagecache import data_version, enabled

    moment = now or timezone.now()
    settled = (moment - SETTLED_AFTER).replace(minute=0, second=0, microsecond=0)
    recent = queryset.filter(**{f"{field}__gte": settled}).count()
    older_rows = queryset.filter(**{f"{field}__lt": settled})
    if not enabled():
        return recent + older_rows.count()
    try:
        sql, params = queryset.order_by().query.sql_with_params()
    except EmptyResultSet:  # e.g. a search whose name matched no record: nothing to count
        return 0
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]
    key = f"vocnet:settled-count:{digest}:{settled.isoformat()}:{data_version()}"
    older: int | None = cache.get(key)
    if older is None:
        older = older_rows.count()
        cache.set(key, older, int(2 * SETTLED_AFTER.total_seconds()))
    return older + recent

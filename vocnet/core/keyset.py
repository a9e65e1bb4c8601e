"""Keyset pages over a queryset ordered newest first (``-<field>, -id``).

A cursor names the last row of a page by its moment and id (URL-safe base64, opaque to
clients); the page after it is a range of the ``(<field>, id)`` index, as cheap on page 20,000
as on page 2, where ``OFFSET`` reads and throws away every row before the page.
"""

from __future__ import annotations

import base64
import binascii
from datetime import datetime
from typing import TypeVar

from django.db.models import Model, Q, QuerySet

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

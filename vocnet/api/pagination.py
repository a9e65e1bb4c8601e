"""The pagination of every API list.

* :class:`BoundedPagination` is the one limit/offset pagination: ``limit``/``offset`` bounded,
  so a huge offset is a bilingual 422 naming the field instead of an integer the database
  cannot take (a 500).
* :class:`DeferredJoinPagination` keeps that contract (``items`` + ``count``) but reads the
  page's ids with a narrow query first and loads only those rows with their joins and
  annotations: a page at offset 3,000 then sorts ids, not 3,100 wide rows each with its
  subqueries evaluated.
* :class:`NewestFirstPagination` adds keyset pagination to a list ordered newest first
  (``-<field>, -id``): ``next_cursor`` names the last row of the page and ``cursor=`` reads the
  page after it with an index range scan, however deep. ``limit``/``offset`` keep working as
  before (the first page, shallow pages); ``count`` is given on those and left out (null) on
  the pages read by cursor, where counting a million rows would cost more than the page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet, Window
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination, PaginationBase

from vocnet.core.keyset import append_only_count, keyset_page

# Far beyond any list vocnet holds, far below what SQLite and PostgreSQL take as an integer.
MAX_OFFSET = 1_000_000_000


class BoundedPageInput(Schema):
    limit: int = Field(
        settings.NINJA_PAGINATION_PER_PAGE,
        ge=1,
        le=settings.NINJA_PAGINATION_MAX_LIMIT,
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class BoundedPagination(LimitOffsetPagination):
    """``LimitOffsetPagination`` whose ``offset`` is at most ``MAX_OFFSET`` and whose
    ``limit`` is 1..``NINJA_PAGINATION_MAX_LIMIT``; a value outside is a 422 (``offset`` —
    "at most 1000000000")."""

    Input = BoundedPageInput  # type: ignore[assignment]


class DeferredJoinPagination(BoundedPagination):
    """:class:`BoundedPagination` (same input and output) that loads only the rows of the page."""

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        offset = pagination.offset
        limit: int = min(pagination.limit, self.max_limit)
        # The count rides along with the ids (one scan, not two); past the end there are no
        # rows to carry it, and it is counted apart.
        keys = list(
            queryset.annotate(_total=Window(Count("pk"))).values_list("pk", "_total")[
                offset : offset + limit
            ]
        )
        ids = [pk for pk, _ in keys]
        count = keys[0][1] if keys else self._items_count(queryset)
        rows = {row.pk: row for row in queryset.filter(pk__in=ids).order_by()}
        return {self.items_attribute: [rows[pk] for pk in ids if pk in rows], "count": count}


class KeysetPageInput(Schema):
    limit: int = Field(
        settings.NINJA_PAGINATION_PER_PAGE, ge=1, le=settings.NINJA_PAGINATION_MAX_LIMIT
    )
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="ignored when cursor is given")
    cursor: str | None = Field(
        None,
        max_length=100,
        description="next_cursor of the previous page: the page after it, at any depth",
    )


class KeysetPageOutput(Schema):
    items: list[Any]
    count: int | None = Field(
        None, description="rows matching the filters; null on pages read by cursor"
    )
    next_cursor: str | None = Field(None, description="null on the last page")


class NewestFirstPagination(PaginationBase):
    """Limit/offset (bounded as in :class:`BoundedPagination`) plus a keyset cursor over a
    queryset ordered ``-<field>, -id``."""

    Input = KeysetPageInput  # type: ignore[assignment]
    Output = KeysetPageOutput  # type: ignore[assignment]

    def __init__(self, *, field: str = "at", append_only: bool = False, **kwargs: Any) -> None:
        self.field = field
        # An append-only log (the access log) counts only its recent rows on each request.
        self.append_only = append_only
        super().__init__(**kwargs)

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        limit: int = min(pagination.limit, settings.NINJA_PAGINATION_MAX_LIMIT)
        if pagination.cursor:
            rows, next_cursor = keyset_page(queryset, self.field, limit, pagination.cursor)
            count = None
        else:
            rows, next_cursor = keyset_page(queryset[pagination.offset :], self.field, limit)
            count = (
                append_only_count(queryset, self.field)
                if self.append_only
                else self._items_count(queryset)
            )
        return {self.items_attribute: rows, "count": count, "next_cursor": next_cursor}

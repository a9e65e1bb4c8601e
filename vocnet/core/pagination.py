"""One way to cut a list page into pages, shared by every list (ADR 0037).

Lists open at 20 rows, as the directory and the agreements already did; people who work
through long lists pick 50 or 100 with ``?per_page=`` (links under every paged table keep
their filters). A value that is not one of the offered sizes is read as the default: it is a
display preference in a link, not data, so nothing is refused.

The page links are a window around the current page (``Paginator.get_elided_page_range``),
computed in Python: the template no longer walks every page number of a long list.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, QueryDict

PAGE_SIZES: tuple[int, ...] = (20, 50, 100)
DEFAULT_PAGE_SIZE = PAGE_SIZES[0]


def page_size_of(request: HttpRequest, *, default: int = DEFAULT_PAGE_SIZE) -> int:
    """The rows per page the request asks for (``per_page``), one of ``PAGE_SIZES``."""
    raw = request.GET.get("per_page", "")
    return int(raw) if raw in {str(size) for size in PAGE_SIZES} else default


def paginate(
    request: HttpRequest,
    rows: Any,
    *,
    page_param: str = "page",
    size: int | None = None,
    deferred: bool = False,
) -> Page[Any]:
    """The requested page of ``rows`` (a queryset or a list), never an error page.

    ``deferred`` (a queryset): the page's ids are found first, ordered and counted without the
    queryset's joins and per-row subqueries, then only those rows are loaded with them (a
    "deferred join"; the offers' seat count was computed for all 3,500 offers before the
    sort, to show 20)."""
    per_page = size if size is not None else page_size_of(request)
    if not deferred:
        return Paginator(rows, per_page).get_page(request.GET.get(page_param))
    page = Paginator(rows.values_list("pk", flat=True), per_page).get_page(
        request.GET.get(page_param)
    )
    ids = list(page.object_list)
    loaded = {row.pk: row for row in rows.filter(pk__in=ids).order_by()}
    page.object_list = [loaded[pk] for pk in ids if pk in loaded]
    return page


def page_window(page: Page[Any]) -> list[int | str]:
    """Page numbers around the current one, the first and the last; ``"…"`` for gaps."""
    return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))


def size_links(page: Page[Any], query: str) -> list[tuple[int, str, bool]]:
    """(size, query string, is current) for each offered page size, other filters kept."""
    base = QueryDict(query, mutable=True)
    base.pop("page", None)
    base.pop("per_page", None)
    links = []
    for size in PAGE_SIZES:
        params = base.copy()
        if size != DEFAULT_PAGE_SIZE:
            params["per_page"] = str(size)
        links.append((size, params.urlencode(), size == page.paginator.per_page))
    return links

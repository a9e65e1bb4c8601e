"""The access log for the province's own tools (e.g. a monthly check in a spreadsheet):
read-only, province only, records named by id."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from vocnet.api.pagination import NewestFirstPagination
from vocnet.privacy import selectors
from vocnet.privacy.schemas import AccessLogOut, AccessLogQuery

router = Router(tags=["privacy"])


@router.get("/access-log", response=list[AccessLogOut])
@paginate(NewestFirstPagination, field="at", append_only=True)
def list_access_log(request: HttpRequest, filters: Query[AccessLogQuery]) -> Any:
    """Newest first. 403 for everyone but province officers. ``limit``/``offset`` for the first
    pages; deeper, pass the previous page's ``next_cursor`` as ``cursor`` (an index range scan
    at any depth; ``count`` is null on those pages)."""
    data = filters.dict()
    return selectors.access_log_search(
        user=request.user,
        filters=selectors.AccessLogFilters(
            subject_kind=data["subject_kind"] or "",
            subject_id=data["subject_id"],
            actor=data["actor"] or "",
            action=data["action"] or "",
            date_from=data["date_from"],
            date_to=data["date_to"],
        ),
    )

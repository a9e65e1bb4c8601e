"""API pagination for lists of people: the records on the page returned are views in the
personal-data access log."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest

from vocnet.api.pagination import BoundedPagination
from vocnet.privacy.models import AccessAction
from vocnet.privacy.services import record_personal_data_access


class AccessLoggedPagination(BoundedPagination):
    """``BoundedPagination`` that logs a view of each student or guardian on the page
    (one bulk insert; nothing for an empty page)."""

    def paginate_queryset(
        self, queryset: QuerySet[Any], pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(page[self.items_attribute])
        record_personal_data_access(request=request, subjects=items, action=AccessAction.VIEW)
        page[self.items_attribute] = items
        return page

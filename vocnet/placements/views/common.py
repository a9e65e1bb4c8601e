"""Helpers shared by the field-training pages (``act`` is core's, for every app)."""

from __future__ import annotations

from django.http import HttpRequest


def query_of(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()

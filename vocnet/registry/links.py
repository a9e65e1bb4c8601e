"""Which organisations are linked to which by an agreement, told by the app that keeps the
agreements.

The registry sits below the agreements, and the apps that ask (pathways: a university sees
the consenting graduates of the schools linked to it, issue 18 §4) sit beside them, so
neither may import the other. The agreements app registers its source in its
``AppConfig.ready()`` (docs/architecture.md, the hook pattern of ``core.permissions``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet

# (organisation ids) → a query of the ids of the organisations that share an agreement in
# force with any of them (usable as a subquery).
LinkSource = Callable[[Iterable[int]], QuerySet[Any]]

_source: LinkSource | None = None


def register_link_source(source: LinkSource) -> None:
    """Install (or replace) the function that finds linked organisations."""
    global _source
    _source = source


def linked_organisation_ids(organisation_ids: Iterable[int]) -> QuerySet[Any] | list[int]:
    """Ids of the organisations linked to any of ``organisation_ids`` by an agreement in force
    (a lazy query, to be used as a subquery); an empty list when no source is installed or no
    id is given."""
    ids = list(organisation_ids)
    if _source is None or not ids:
        return []
    return _source(ids)

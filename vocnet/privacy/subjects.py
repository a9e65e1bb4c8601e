"""Who a data subject is, told to the access log by the app that keeps the subjects.

Privacy sits below the registry (the registry records every access through privacy's
services), so it cannot import ``Student`` or ``Guardian``. Instead the registry registers one
:class:`SubjectSource` per :class:`~vocnet.privacy.models.SubjectKind` in
``RegistryConfig.ready()``: how to find the subjects a search term names, and how to label a
page of them (docs/architecture.md).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class SubjectSource:
    """``search(user, term)`` gives a queryset of the primary keys of the subjects ``term``
    names that ``user`` may look for; ``labels(ids)`` a readable label per id that still
    exists (one query)."""

    search: Callable[[Any, str], QuerySet[Any]]
    labels: Callable[[Iterable[int]], dict[int, str]]


_SOURCES: dict[str, SubjectSource] = {}


def register_subject_source(kind: str, source: SubjectSource) -> None:
    """Register (or replace) how subjects of ``kind`` (a ``SubjectKind`` value) are found."""
    _SOURCES[kind] = source


def subject_sources() -> dict[str, SubjectSource]:
    """Every registered source by kind, in registration order."""
    return dict(_SOURCES)

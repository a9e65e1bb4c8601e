"""The one pagination of every API list: ``limit``/``offset`` bounded, so a huge offset is a
bilingual 422 naming the field instead of an integer the database cannot take (a 500)."""

from __future__ import annotations

from django.conf import settings
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# Far beyond any list vocnet holds, far below what SQLite and PostgreSQL take as an integer.
MAX_OFFSET = 1_000_000_000


class BoundedPagination(LimitOffsetPagination):
    """``LimitOffsetPagination`` whose ``offset`` is at most ``MAX_OFFSET`` and whose
    ``limit`` is 1..``NINJA_PAGINATION_MAX_LIMIT``; a value outside is a 422 (``offset`` —
    "at most 1000000000")."""

    class Input(Schema):
        limit: int = Field(
            settings.NINJA_PAGINATION_PER_PAGE,
            ge=1,
            le=settings.NINJA_PAGINATION_MAX_LIMIT,
        )
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

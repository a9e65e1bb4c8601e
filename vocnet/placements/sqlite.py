"""Hints to SQLite's query planner, no-ops elsewhere."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Func


class WithoutIndex(Func):
    """A column's value, written so that SQLite's planner cannot start from the column's
    index: SQLite's unary ``+``, documented as a no-op on any value for exactly this use.
    Other databases (whose planners know the column's statistics) get the column as is.

    Without statistics SQLite takes an equality on an indexed column for a rare value: the
    offers' ``status = 'published'`` (3,500 of 5,000 rows) made it read every published offer
    and sort them all to show 20, instead of reading the offers in start-date order and
    stopping after the page."""

    arity = 1
    template = "%(expressions)s"
    output_field = CharField()

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, template="+%(expressions)s", **extra)

"""After the demo's bulk load the planner knows the row counts (issue 12, item 5): without an
ANALYZE, PostgreSQL planned the first offer lists for near-empty tables (8–11 s a page)."""

from __future__ import annotations

from django.db import connection

from vocnet.demo.management.commands.load_demo import refresh_planner_statistics
from vocnet.registry.models import Student
from vocnet.registry.tests import factories as f
from vocnet.testing import World


def test_the_planner_learns_the_row_counts_after_a_bulk_load(world: World) -> None:
    # Given students written since the tables were last analysed
    for _ in range(25):
        f.StudentFactory(department=world.objects["department_a"])

    # When the loader refreshes the planner's statistics
    ran = refresh_planner_statistics()

    # Then PostgreSQL's catalogue counts them (SQLite has no planner statistics to refresh)
    if connection.vendor != "postgresql":
        assert ran is False
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'registry_student'")
        (estimate,) = cursor.fetchone()
    assert ran is True
    assert estimate == Student.objects.count()

"""Factories of graduate destinations, one per meaningful state.

    EmployedInFieldFactory(department=d)        # works in the department's own NCS field
    DestinationFactory(department=d, kind="university")

Rows are written straight through the ORM (no service, no audit entry): tests of the
services start from a known state and count the audit entries their own call writes.
"""

from __future__ import annotations

from typing import Any

import factory

from vocnet.pathways.indicators import FROM_DESTINATION
from vocnet.pathways.models import DestinationKind, GraduateDestination
from vocnet.registry.models import DataOrigin
from vocnet.registry.tests import factories as rf

LAST_CLASS = 2025


class DestinationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GraduateDestination

    department = factory.SubFactory(rf.DepartmentFactory)
    graduation_year = LAST_CLASS
    graduate_key = factory.Sequence(lambda n: f"G-{n:04d}")
    kind = DestinationKind.UNIVERSITY
    data_origin = DataOrigin.ENTERED
    # No events: the summary follows the recorded destination, as the services keep it.
    pathway_status = factory.LazyAttribute(lambda o: FROM_DESTINATION.get(o.kind, "unknown"))


class EmployedInFieldFactory(DestinationFactory):
    kind = DestinationKind.EMPLOYED
    ncs_middle = factory.LazyAttribute(lambda o: o.department.ncs_middle)


def graduates(department: Any, year: int, **kinds: int) -> list[GraduateDestination]:
    """``kinds`` graduates of ``department`` and ``year`` per destination, e.g.
    ``graduates(d, 2025, employed=3, university=5)``; the employed work in the department's
    field."""
    rows: list[GraduateDestination] = []
    for kind, count in kinds.items():
        factory_class = EmployedInFieldFactory if kind == "employed" else DestinationFactory
        rows += [
            factory_class(department=department, graduation_year=year, kind=kind)
            for _ in range(count)
        ]
    return rows

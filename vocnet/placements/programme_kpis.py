"""The field-training KPI of the programmes' yearly reports (현장실습 참여율), installed into
``vocnet.programmes.kpi_sources`` from ``PlacementsConfig.ready()``: placements sit above
programmes, so programmes cannot read them itself (docs/architecture.md, hooks)."""

from __future__ import annotations

from vocnet.placements.models import Placement, PlacementStatus
from vocnet.programmes.kpi_sources import KpiValue, ratio, register_kpi_source
from vocnet.registry.models import Student

COUNTED = (
    PlacementStatus.MATCHED,
    PlacementStatus.CONTRACTED,
    PlacementStatus.IN_PROGRESS,
    PlacementStatus.COMPLETED,
    PlacementStatus.TERMINATED,
)


def field_training(school_id: int, year: int, agreement_id: int | None) -> KpiValue | None:
    """Third-year students of the school with a field-training placement starting in
    ``year`` (not cancelled) ÷ the school's third-year students (the registry's current
    roll)."""
    students = Student.objects.filter(department__school_id=school_id, grade=3)
    placed = (
        Placement.objects.filter(
            student__in=students, status__in=COUNTED, offer__start_date__year=year
        )
        .values("student_id")
        .distinct()
        .count()
    )
    return ratio(placed, students.count())


def install() -> None:
    register_kpi_source("field_training", field_training)

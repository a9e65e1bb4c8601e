"""Field training alive in the small demo (scale 0.02): the demo's date falls inside the
training period of some placements, and every stage of issue 15 §4 has rows, all synthetic."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from vocnet.demo.clearinghouse import load_clearinghouse_demo
from vocnet.demo.placement_life import (
    load_placement_life_demo,
    reset_placement_life_demo,
)
from vocnet.demo.placements import load_placements_demo, reset_placements_demo
from vocnet.demo.registry import load_demo
from vocnet.demo.registry.schools import BASE_SCHOOL_NAME
from vocnet.placements.models import (
    ContractSignature,
    ContractVersionStatus,
    Evaluation,
    HoursEntry,
    IncidentLevel,
    IncidentReport,
    IncidentStatus,
    MonitoringVisit,
    Placement,
    PlacementApplication,
    PlacementContract,
    PlacementStatus,
)
from vocnet.placements.selectors.visits_due import placements_due_for_visit

pytestmark = pytest.mark.django_db
# The real day: the demo is built around it (the reports' stages follow the clock).
TODAY = timezone.localdate()


@pytest.fixture
def alive(db: Any) -> dict[str, int]:
    load_demo(scale=0.02)
    load_placements_demo(today=TODAY)
    load_clearinghouse_demo(today=TODAY)
    return load_placement_life_demo(today=TODAY)


def test_every_stage_of_field_training_has_rows(alive: dict[str, int]) -> None:
    synthetic = Placement.objects.filter(is_synthetic=True)
    running = synthetic.filter(status=PlacementStatus.IN_PROGRESS)
    reports = IncidentReport.objects.filter(placement__is_synthetic=True)
    entries = HoursEntry.objects.filter(placement__is_synthetic=True)
    stages = {
        "in progress": running.count(),
        "completed": synthetic.filter(status=PlacementStatus.COMPLETED).count(),
        "terminated with notice": synthetic.filter(
            status=PlacementStatus.TERMINATED, termination_notice_on__isnull=False
        ).count(),
        "diary days": entries.filter(is_breach=False, leave="").count(),
        "breaches": entries.filter(is_breach=True).count(),
        "leave days": entries.exclude(leave="").count(),
        "visits done": MonitoringVisit.objects.filter(placement__in=running).count(),
        "visits due": placements_due_for_visit(TODAY).filter(is_synthetic=True).count(),
        "reports new": reports.filter(
            status=IncidentStatus.OPEN, level=IncidentLevel.SCHOOL
        ).count(),
        "reports at the office": reports.filter(level=IncidentLevel.OFFICE).count(),
        "reports answered": reports.filter(status=IncidentStatus.RESPONDED).count(),
        "reports closed": reports.filter(status=IncidentStatus.CLOSED).count(),
        "reports escalated": reports.filter(level=IncidentLevel.PROVINCE).count(),
        "grievances": reports.filter(kind="grievance").count(),
        "breach reports": reports.filter(kind="hours_breach", hours_entry__isnull=False).count(),
    }
    for role in ("student", "mentor", "teacher"):
        stages[f"evaluations by the {role}"] = Evaluation.objects.filter(role=role).count()
    contracts = PlacementContract.objects.filter(placement__status=PlacementStatus.MATCHED)
    for signed in range(4):
        stages[f"contracts with {signed} signatures"] = sum(
            1
            for c in contracts.filter(current_version__status=ContractVersionStatus.SIGNING)
            if ContractSignature.objects.filter(version=c.current_version).count() == signed
        )
    stages["contracts all signed"] = synthetic.filter(
        status=PlacementStatus.CONTRACTED, contract__current_version__status="signed"
    ).count()
    assert {name: n for name, n in stages.items() if n == 0} == {}
    assert alive["in_progress"] == running.count() >= 40


def test_the_demo_date_is_inside_the_period_and_every_row_is_synthetic(
    alive: dict[str, int],
) -> None:
    running = Placement.objects.filter(status=PlacementStatus.IN_PROGRESS)
    assert running.exists()
    assert not running.filter(is_synthetic=False).exists()
    assert not running.exclude(offer__start_date__lte=TODAY, offer__end_date__gte=TODAY).exists()
    # each running placement: signed contract, safety education before the start, a diary
    # up to yesterday at most, and the company's accepted application
    for placement in running.select_related("offer", "contract__current_version"):
        version = placement.contract.current_version
        assert version is not None
        assert version.status == ContractVersionStatus.SIGNED
        assert placement.safety_educations.filter(given_on__lt=placement.offer.start_date).exists()
        assert not placement.hours_entries.filter(day__gte=TODAY).exists()
        assert placement.application.status == "accepted"
    first = HoursEntry.objects.filter(placement__is_synthetic=True).first()
    assert first is not None
    assert "합성" in first.activities
    # the demo school's teacher has a running placement with a breach in its diary
    base = running.filter(student__school__organisation__name_ko=BASE_SCHOOL_NAME)
    assert HoursEntry.objects.filter(placement__in=base, is_breach=True).exists()
    # every breach day raised its report, as the diary service does
    breaches = HoursEntry.objects.filter(placement__is_synthetic=True, is_breach=True)
    assert IncidentReport.objects.filter(hours_entry__in=breaches).count() == breaches.count()


def test_the_demo_loads_once_and_resets(alive: dict[str, int]) -> None:
    again = load_placement_life_demo(today=TODAY)
    assert again["created"] == 0
    assert again["diary_days"] == alive["diary_days"]
    from vocnet.demo.clearinghouse import reset_clearinghouse_demo

    reset_placement_life_demo()
    reset_clearinghouse_demo()
    reset_placements_demo()
    assert PlacementApplication.objects.count() == 0
    assert Placement.objects.count() == HoursEntry.objects.count() == 0

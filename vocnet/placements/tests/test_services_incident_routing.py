"""A report the school files goes to its support office, not back to the school (issue 15 §4):
the school cannot answer its own report; the office answers, or the province once overdue."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from vocnet.core.errors import PermissionDenied
from vocnet.notifications.models import Notification
from vocnet.placements import services
from vocnet.placements.models import IncidentLevel, IncidentReport, IncidentStatus, PlacementStatus
from vocnet.placements.tests import factories as pf
from vocnet.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(world: World, vetted_a: Any) -> Any:
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday() + 14)
    offer = pf.PublishedOfferFactory(
        company=world.company_a, start_date=monday, end_date=monday + timedelta(days=60)
    )
    return pf.PlacementFactory(
        offer=offer, student=world.student_a, status=PlacementStatus.IN_PROGRESS
    )


def test_a_report_filed_by_the_school_goes_to_its_support_office(
    world: World, running: Any
) -> None:
    # given the school's field-training teacher reports a safety problem
    before = timezone.now()
    incident = services.incident_file(
        actor=world.user("school_staff_a"), placement=running, kind="safety",
        description="보호구 미지급",
    )  # fmt: skip
    # then the support office answers it, within three days, and is told
    assert incident.level == IncidentLevel.OFFICE
    assert before + timedelta(days=3) <= incident.response_due <= timezone.now() + timedelta(days=3)
    office = world.user("support_office_officer")
    school = world.user("school_staff_a")
    assert Notification.objects.filter(recipient=office, kind="incident").count() == 1
    assert Notification.objects.filter(recipient=school).count() == 0
    # and the school cannot answer its own report: nothing is written
    with pytest.raises(PermissionDenied):
        services.incident_respond(actor=school, incident=incident, response="자체 종결")
    incident.refresh_from_db()
    assert (incident.status, incident.response) == (IncidentStatus.OPEN, "")
    # while the school still sees it
    assert IncidentReport.objects.filter(pk=incident.pk).exists()
    services.incident_respond(actor=office, incident=incident, response="현장 확인 예정")
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.RESPONDED


def test_a_report_by_the_student_still_goes_to_the_school(world: World, running: Any) -> None:
    incident = services.incident_file(
        actor=world.user("student"), placement=running, kind="grievance", description="폭언"
    )
    assert incident.level == IncidentLevel.SCHOOL
    school = world.user("school_staff_a")
    services.incident_respond(actor=school, incident=incident, response="상담")
    incident.refresh_from_db()
    assert incident.status == IncidentStatus.RESPONDED


def test_an_overdue_report_at_the_office_goes_to_the_province(world: World, running: Any) -> None:
    incident = services.incident_file(
        actor=world.user("school_staff_a"), placement=running, kind="other", description="결근"
    )
    assert services.incidents_escalate_overdue() == 0
    later = timezone.now() + timedelta(days=4)
    assert services.incidents_escalate_overdue(now=later) == 1
    incident.refresh_from_db()
    assert (incident.level, incident.escalated_at) == (IncidentLevel.PROVINCE, later)

"""The region page of a local government (issue 18 §5): a city's officer sees its own 시·군's
field training, graduate flows and funded commitments as counts — never a student's name —
and no other region; small counts are "<5"."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from vocnet.core.errors import PermissionDenied
from vocnet.pathways.services import EventInput, event_record
from vocnet.pathways.tests.factories import DestinationFactory
from vocnet.placements.models import IncidentKind, IncidentReport
from vocnet.placements.tests.factories import PlacementFactory, PublishedOfferFactory
from vocnet.reports.local import local_region_page
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db


def _region_a(world: World) -> None:
    region = world.school_a.organisation.region
    offer = PublishedOfferFactory(company=world.company_a, region=region)
    placement = PlacementFactory(student=world.student_a, offer=offer)
    IncidentReport.objects.create(
        placement=placement,
        kind=IncidentKind.SAFETY,
        description=f"{world.student_a.name} 부상",
        response_due=timezone.now(),
    )
    staff = world.user("school_staff_a")
    for index in range(6):
        graduate = DestinationFactory(
            department=world.objects["department_a"], kind="employed", graduate_key=f"K-{index}"
        )
        event_record(
            actor=staff,
            graduate=graduate,
            data=EventInput(
                kind="hired",
                occurred_on=date(2025, 3, 3),
                employer_name="기업",
                workplace_sigungu_code="41390" if index < 5 else "41110",
            ),
            today=date(2026, 11, 29),
        )


def test_a_city_officer_never_sees_a_students_name(
    world: World, django_assert_max_num_queries: Any
) -> None:
    _region_a(world)
    client = Client()
    sign_in(client, world.user("local_government_officer"))
    client.get("/local/")
    with django_assert_max_num_queries(30):
        response = client.get("/local/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "시흥시 지역 현황" in html
    assert world.student_a.name not in html
    assert "K-0" not in html
    assert "&lt;5" in html  # one placement, one safety incident
    # Another region is refused, not shown
    assert client.get("/local/?region=41110").status_code == 403


def test_the_flows_count_graduates_working_in_and_out_of_the_region(world: World) -> None:
    _region_a(world)
    page = local_region_page(user=world.user("local_government_officer"))
    assert page.region.sigungu_code == "41390"
    assert [r.sigungu_code for r in page.regions] == ["41390"]
    flows = {flow.name_ko: flow.count for flow in page.flows.workplaces}
    assert flows["같은 시·군"] == 5
    assert flows["도 안의 다른 시·군"] == "<5"
    assert page.flows.hired_here.count == 5
    assert page.training.safety_incidents == "<5"


@pytest.mark.parametrize("persona", ["company_staff", "school_staff_a", "university_staff"])
def test_others_have_no_region_page(world: World, persona: str) -> None:
    with pytest.raises(PermissionDenied):
        local_region_page(user=world.user(persona))

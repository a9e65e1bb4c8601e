"""The school home's to-do "순회지도가 필요한 배치" opens exactly the placements due for a
monitoring visit, each row with the action (record the visit), without N+1 queries."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone, translation

from vocnet.placements.models import MonitoringVisit, PlacementStatus
from vocnet.placements.selectors.home import home_items
from vocnet.placements.tests import factories as pf
from vocnet.registry.tests import factories as rf
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db
TODO = "순회지도가 필요한 배치"


@pytest.fixture(autouse=True)
def _korean() -> Any:
    with translation.override("ko"):
        yield


def _running(world: World, started_days_ago: int, student: Any) -> Any:
    start = timezone.localdate() - timedelta(days=started_days_ago)
    offer = pf.PublishedOfferFactory(
        company=world.company_a, start_date=start, end_date=start + timedelta(days=80)
    )
    return pf.PlacementFactory(offer=offer, student=student, status=PlacementStatus.IN_PROGRESS)


def test_the_visit_todo_opens_exactly_the_placements_due(
    world: World, vetted_a: Any, django_assert_max_num_queries: Any
) -> None:
    # given school A: one placement 20 days in without a visit (due), one visited last week,
    # one started 5 days ago (not yet due)
    department = world.objects["department_a"]
    due = _running(world, 20, world.student_a)
    visited = _running(world, 40, rf.StudentFactory(department=department, grade=3))
    MonitoringVisit.objects.create(placement=visited, teacher_name="김교사", notes="방문",
                                   visited_on=timezone.localdate() - timedelta(days=7))  # fmt: skip
    fresh = _running(world, 5, rf.StudentFactory(department=department, grade=3))
    # when the school's staff follow the home to-do
    (item,) = [i for i in home_items(user=world.user("school_staff_a")) if i.label == TODO]
    assert item.value == "1건"
    client = Client()
    sign_in(client, world.user("school_staff_a"))
    page = client.get(item.url)
    # then the list holds exactly the placement due, with the visit action on its row
    assert page.status_code == 200
    assert [p.pk for p in page.context["page"].object_list] == [due.pk]
    html = page.content.decode()
    assert f'/placements/placements/{due.pk}/#visit"' in html
    assert f"/placements/placements/{visited.pk}/" not in html
    assert f"/placements/placements/{fresh.pk}/" not in html
    # and more rows cost no more queries
    for _ in range(5):
        _running(world, 30, rf.StudentFactory(department=department, grade=3))
    with django_assert_max_num_queries(20):
        assert len(client.get(item.url).context["page"].object_list) == 6


def test_no_visit_todo_when_nothing_is_due_and_none_for_a_company(
    world: World, vetted_a: Any
) -> None:
    _running(world, 5, world.student_a)
    assert TODO not in [i.label for i in home_items(user=world.user("school_staff_a"))]
    _running(world, 30, rf.StudentFactory(department=world.objects["department_a"], grade=3))
    assert TODO not in [i.label for i in home_items(user=world.user("company_staff"))]
    assert TODO not in [i.label for i in home_items(user=world.user("school_staff_b"))]

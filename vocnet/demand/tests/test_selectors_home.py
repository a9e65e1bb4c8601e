"""What the home page shows of demand, per role."""

from __future__ import annotations

from typing import Any

import pytest

from vocnet.core.permissions import actor_for
from vocnet.demand.policies import gap_region_scope, school_region_ids
from vocnet.demand.selectors import home_items
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.registry.models import NcsMiddle, Region
from vocnet.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def demand(world: World) -> None:
    CompanyDeclarationFactory(
        organisation=world.company_a.organisation,
        ncs_middle=NcsMiddle.objects.get(code="1501"),
        headcount=30,
    )


def test_the_province_sees_the_largest_shortage_and_the_scenarios(
    world: World, demand: None
) -> None:
    items = home_items(user=world.user("province_officer"))

    assert [(item.label, item.value, item.url) for item in items] == [
        (
            f"{declared_year(1)}년 가장 큰 인력 부족",
            "시흥시 기계설계: 연 9명",
            f"/demand/?year={declared_year(1)}",
        ),
        ("학과 개편 시나리오", "0건", "/demand/scenarios/"),
    ]


def test_a_company_sees_its_own_declarations_and_a_student_nothing(
    world: World, demand: None
) -> None:
    (item,) = home_items(user=world.user("company_staff"))

    assert (item.label, item.value, item.url) == (
        "우리 기관의 인력 수요 신고",
        "1건",
        "/demand/declarations/",
    )
    assert home_items(user=world.user("student")) == []


def test_school_staff_see_how_many_of_their_departments_a_plan_would_change(
    world: World,
) -> None:
    # Given a province plan that grows school A's department and keeps school B's
    from vocnet.demand.models import Scenario
    from vocnet.demand.tests.factories import recommendation

    province = world.user("province_officer").memberships.get().organisation
    plan = Scenario.objects.create(name="도 시나리오", organisation=province, result={})
    recommendation(plan, world.objects["department_a"], "grow")
    recommendation(plan, world.objects["department_b"], "keep")

    # When each school's staff open their home page
    school_a = [(i.label, i.value, i.url) for i in home_items(user=world.user("school_staff_a"))]
    school_b = [(i.label, i.value) for i in home_items(user=world.user("school_staff_b"))]

    # Then they see the count of their own departments the plans would change
    assert ("우리 학교 학과에 대한 개편 권고", "1건", "/demand/recommendations/") in school_a
    assert ("우리 학교 학과에 대한 개편 권고", "0건") in school_b


def test_a_school_reads_the_regions_of_its_schools_once(
    world: World, demand: None, django_assert_num_queries: Any
) -> None:
    # Given the staff of 시흥미래공업고, whose actor is already read
    user = world.user("school_staff_a")
    actor = actor_for(user)
    with django_assert_num_queries(1):
        regions = school_region_ids(actor)

    # When the gap's scope and the declarations' policy ask again, no query is made
    with django_assert_num_queries(0):
        assert gap_region_scope(user) == regions == school_region_ids(actor_for(user))
    assert {r.sigungu_code for r in Region.objects.filter(pk__in=regions)} == {"41390"}

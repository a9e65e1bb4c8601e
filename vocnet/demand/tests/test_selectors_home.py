"""What the home page shows of demand, per role."""

from __future__ import annotations

import pytest

from vocnet.core.testing import World
from vocnet.demand.selectors import home_items
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.registry.models import NcsMiddle

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

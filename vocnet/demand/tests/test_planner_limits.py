"""A scenario's yearly limits reach the planner (issue 17 §4): each department may move by at
most its yearly share, a school changes one department a year, and a department converts only
to a related field (``vocnet.registry.relatedness``) unless the scenario says otherwise."""

from __future__ import annotations

import dataclasses

import pytest

from vocnet.demand.parameters import ScenarioParameters
from vocnet.demand.services.planner_input import planning_input
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.registry.models import NcsMiddle
from vocnet.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def shortages(world: World) -> None:
    # Shortages in 시흥 of 전기 (1901: a related major of 기계 by vocnet's policy) and of 영업
    # (1001: not related to 기계) — both candidates for converting a 1501 department.
    for code in ("1901", "1001"):
        NcsMiddle.objects.get_or_create(
            code=code, defaults={"name_ko": code, "ncs_major_id": code[:2]}
        )
        for ahead in (1, 2, 3):
            CompanyDeclarationFactory(
                organisation=world.company_a.organisation,
                ncs_middle=NcsMiddle.objects.get(code=code),
                headcount=40,
                year=declared_year(ahead),
            )


def test_departments_carry_the_yearly_limit_and_only_related_conversions(
    world: World, shortages: None
) -> None:
    made = planning_input(user=world.user("province_officer"), parameters=ScenarioParameters())

    assert made.problem.parameters.max_changed_departments == 1
    for department in made.problem.departments:
        assert department.max_change == max(1, -(-department.intake * 20 // 100))
        targets = {option.field for option in department.conversions}
        assert "1001" not in targets
    assert any("1901" in {o.field for o in d.conversions} for d in made.problem.departments)


def test_unrelated_conversions_are_offered_only_when_the_scenario_allows_them(
    world: World, shortages: None
) -> None:
    parameters = dataclasses.replace(
        ScenarioParameters(), related_conversions_only=False, conversion_targets=3
    )

    made = planning_input(user=world.user("province_officer"), parameters=parameters)

    assert any("1001" in {o.field for o in d.conversions} for d in made.problem.departments)

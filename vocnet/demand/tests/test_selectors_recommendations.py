"""A school reads the recommendations for its own departments in saved scenarios, with the
sentence explaining each, and nothing of other schools; planners read them all."""

from __future__ import annotations

import pytest

from vocnet.demand.models import Scenario, ScenarioStatus
from vocnet.demand.selectors import RecommendationFilters, recommendation_list
from vocnet.demand.services import ScenarioInput, scenario_create
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.registry.models import NcsMiddle
from vocnet.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(world: World) -> Scenario:
    """The province's plan of the personas' world: 미래자동차과 (school A) grows to 52,
    소프트웨어과 (school B) shrinks to 44 (see test_services_scenarios)."""
    for ahead in (1, 2, 3):
        CompanyDeclarationFactory(
            organisation=world.company_a.organisation,
            ncs_middle=NcsMiddle.objects.get(code="1501"),
            headcount=30,
            year=declared_year(ahead),
        )
    return scenario_create(actor=world.user("province_officer"), data=ScenarioInput("기본안"))


def test_school_staff_read_their_own_departments_recommendation_with_its_sentence(
    world: World, planned: Scenario
) -> None:
    # When school A's staff list the recommendations
    rows = list(
        recommendation_list(user=world.user("school_staff_a"), filters=RecommendationFilters())
    )

    # Then they get their own department's, explained, and not school B's
    assert [(r.department.name_ko, r.action, r.current_intake, r.new_intake) for r in rows] == [
        ("미래자동차과", "grow", 48, 52)
    ]
    assert rows[0].explanation_ko.startswith(
        "시흥미래공업고등학교 미래자동차과: 입학 정원을 48명에서 52명으로 4명 늘립니다."
    )
    assert rows[0].explanation_en.startswith(
        "시흥미래공업고등학교 미래자동차과: raise the intake from 48 to 52 (+4)."
    )


@pytest.mark.parametrize("persona", ["province_officer", "support_office_officer"])
def test_planners_read_every_department(world: World, planned: Scenario, persona: str) -> None:
    rows = recommendation_list(user=world.user(persona), filters=RecommendationFilters())

    assert sorted(rows.values_list("department__name_ko", "action")) == [
        ("미래자동차과", "grow"),
        ("소프트웨어과", "shrink"),
    ]


def test_filters_narrow_to_one_school_and_one_kind(world: World, planned: Scenario) -> None:
    province = world.user("province_officer")

    by_school = recommendation_list(
        user=province, filters=RecommendationFilters(school=world.school_b.pk)
    )
    by_action = recommendation_list(user=province, filters=RecommendationFilters(action="grow"))

    assert list(by_school.values_list("department__name_ko", flat=True)) == ["소프트웨어과"]
    assert list(by_action.values_list("department__name_ko", flat=True)) == ["미래자동차과"]


def test_a_scenario_that_is_not_solved_shows_nothing_to_a_school(
    world: World, planned: Scenario
) -> None:
    # Given a plan whose status is no longer solved (rows left from before, e.g. migrated)
    Scenario.objects.filter(pk=planned.pk).update(status=ScenarioStatus.FAILED)

    rows = recommendation_list(user=world.user("school_staff_a"), filters=RecommendationFilters())

    assert not rows.exists()


@pytest.mark.parametrize(
    "persona", ["company_staff", "local_government_officer", "university_staff", "student"]
)
def test_other_roles_read_no_recommendation(world: World, planned: Scenario, persona: str) -> None:
    rows = recommendation_list(user=world.user(persona), filters=RecommendationFilters())

    assert not rows.exists()

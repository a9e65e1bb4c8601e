"""Scenarios: saved and planned at once from the registry's departments and the declared
demand, the plan stored with its explanations, who may plan, and conflicts kept visible.

The personas' world: 시흥미래공업고 (시흥) and 수원정보고 (수원) each run one 1501 department
with intake 48. Company A wants 30 people of 1501 in 시흥 each of the next three years. Each
intake place gives 0.97³ × 0.495 = 0.4518 graduates for work. 수원 is not next to 시흥, so
수원's graduates cannot help; 시흥's school may grow only to 52 (48 + 10 %, whole places), which
still leaves 30 − 23.49 = 6.51 unmet a year; 수원's school, with no demand it can reach,
shrinks to its floor, 44 (48 − 10 %, rounded up).
"""

from __future__ import annotations

from typing import Any

import pytest

from vocnet.core.errors import PermissionDenied, ValidationFailed
from vocnet.core.models import AuditEvent
from vocnet.demand.models import Scenario, ScenarioStatus
from vocnet.demand.parameters import ScenarioParameters
from vocnet.demand.services import ScenarioInput, scenario_create, scenario_run
from vocnet.demand.services import scenarios as scenario_services
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.planning import Infeasible, Problem
from vocnet.registry.models import NcsMiddle
from vocnet.testing import World

pytestmark = pytest.mark.django_db
RHO = 0.97**3 * 0.495


@pytest.fixture
def demand(world: World) -> None:
    for ahead in (1, 2, 3):
        CompanyDeclarationFactory(
            organisation=world.company_a.organisation,
            ncs_middle=NcsMiddle.objects.get(code="1501"),
            headcount=30,
            year=declared_year(ahead),
        )


def test_the_province_plans_growth_where_short_and_cuts_where_nobody_is_hiring(
    world: World, demand: None
) -> None:
    # When the province saves a scenario with the default parameters
    scenario = scenario_create(actor=world.user("province_officer"), data=ScenarioInput("기본안"))

    # Then it is planned at once, as worked out by hand
    assert scenario.status == ScenarioStatus.SOLVED
    result: dict[str, Any] = scenario.result or {}
    plan = {
        r["department"]: (r["action"], r["current"], r["new"]) for r in result["recommendations"]
    }
    assert plan == {"미래자동차과": ("grow", 48, 52), "소프트웨어과": ("shrink", 48, 44)}
    assert result["years"] == [declared_year(n) for n in (1, 2, 3)]
    assert result["objective"]["unmet"] == pytest.approx(3 * (30 - 52 * RHO), abs=0.01)
    assert result["baseline"]["unmet"] == pytest.approx(3 * (30 - 48 * RHO), abs=0.01)
    assert scenario.summary["counts"]["grow"] == 1
    assert AuditEvent.objects.filter(action="scenario.create", object_id=str(scenario.pk)).exists()


def test_each_recommendation_is_explained_in_both_languages(world: World, demand: None) -> None:
    scenario = scenario_create(actor=world.user("province_officer"), data=ScenarioInput("기본안"))

    grow = next(r for r in scenario.result["recommendations"] if r["action"] == "grow")  # type: ignore[index]
    assert grow["explanation_ko"] == (
        "시흥미래공업고등학교 미래자동차과: 입학 정원을 48명에서 52명으로 4명 늘립니다. 졸업 후 "
        "해마다 기계설계(1501) 인력이 약 1.8명 더 나옵니다. 시흥시 및 인접 시·군의 부족 인원이 "
        "연 8명에서 7명으로 줄어듭니다."
    )
    assert grow["explanation_en"].startswith(
        "시흥미래공업고등학교 미래자동차과: raise the intake from 48 to 52 (+4)."
    )
    assert "Mechanical design (1501)" in grow["explanation_en"]


def test_a_support_office_plans_for_itself_and_school_staff_may_not_plan(world: World) -> None:
    scenario = scenario_create(
        actor=world.user("support_office_officer"), data=ScenarioInput("시흥안")
    )
    assert scenario.organisation == world.school_a.organisation.region.support_office.organisation

    with pytest.raises(PermissionDenied):
        scenario_create(actor=world.user("school_staff_a"), data=ScenarioInput("학교안"))
    assert Scenario.objects.count() == 1


def test_a_parameter_out_of_range_is_named_and_nothing_is_saved(world: World) -> None:
    with pytest.raises(ValidationFailed) as raised:
        scenario_create(
            actor=world.user("province_officer"),
            data=ScenarioInput("잘못된 안", parameters=ScenarioParameters(total_change_percent=80)),
        )

    (problem,) = raised.value.problems
    assert problem.field == "parameters.total_change_percent"
    assert problem.message_ko == "학교 총정원 변동 한도(%)는 0~50 사이여야 합니다."
    assert problem.message_en == "The school total change (%) must be between 0 and 50."
    assert not Scenario.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_plan_whose_constraints_conflict_is_saved_with_the_schools_named(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a planner that finds the constraints of a school in conflict
    def conflicting(problem: Any) -> Any:
        raise Infeasible(
            "조건 충돌",
            "conflict",
            [Problem("1", "minimums_above_school_total", "학교 가", "school A")],
        )

    monkeypatch.setattr(scenario_services, "plan", conflicting)

    # When a scenario is saved
    scenario = scenario_create(actor=world.user("province_officer"), data=ScenarioInput("충돌안"))

    # Then it is kept, marked infeasible, with the conflict to show
    assert scenario.status == ScenarioStatus.INFEASIBLE
    assert scenario.result is None
    assert scenario.summary == {}
    assert scenario.problems == [
        {
            "subject": "1",
            "code": "minimums_above_school_total",
            "message_ko": "학교 가",
            "message_en": "school A",
        }
    ]


def test_running_again_uses_todays_demand(world: World, demand: None) -> None:
    scenario = scenario_create(actor=world.user("province_officer"), data=ScenarioInput("기본안"))
    for ahead in (1, 2, 3):
        CompanyDeclarationFactory(
            organisation=world.company_b.organisation,
            ncs_middle=NcsMiddle.objects.get(code="1501"),
            headcount=40,
            year=declared_year(ahead),
        )

    scenario_run(actor=world.user("province_officer"), scenario=scenario)

    plan = {r["department"]: r["action"] for r in scenario.result["recommendations"]}  # type: ignore[index]
    assert plan["소프트웨어과"] == "grow"


def test_a_support_office_may_not_run_the_provinces_scenario(world: World) -> None:
    scenario = scenario_create(actor=world.user("province_officer"), data=ScenarioInput("도 안"))

    with pytest.raises(PermissionDenied):
        scenario_run(actor=world.user("support_office_officer"), scenario=scenario)


@pytest.fixture
def suwon_demand(world: World) -> None:
    for ahead in (1, 2, 3):
        CompanyDeclarationFactory(
            organisation=world.company_b.organisation,
            ncs_middle=NcsMiddle.objects.get(code="1501"),
            headcount=40,
            year=declared_year(ahead),
        )


def test_a_support_office_plans_only_for_the_schools_and_demand_of_its_regions(
    world: World, demand: None, suwon_demand: None
) -> None:
    # Given demand in 시흥 (the officer's office) and in 수원 (another office)
    office = world.school_a.organisation.region.support_office

    # When the Siheung officer saves a scenario
    scenario = scenario_create(
        actor=world.user("support_office_officer"), data=ScenarioInput("시흥안")
    )

    # Then it plans for 시흥's school against 시흥's demand only
    result: dict[str, Any] = scenario.result or {}
    assert scenario.support_office == office
    assert result["support_office_id"] == office.pk
    assert [(r["department"], r["action"], r["new"]) for r in result["recommendations"]] == [
        ("미래자동차과", "grow", 52)
    ]
    assert result["counts"]["demand_total"] == 90
    assert list(scenario.recommendations.values_list("department__name_ko", "action")) == [
        ("미래자동차과", "grow")
    ]


def test_the_province_plans_for_all_schools_or_for_one_office(
    world: World, demand: None, suwon_demand: None
) -> None:
    province = world.user("province_officer")
    suwon_office = world.school_b.organisation.region.support_office

    everywhere = scenario_create(actor=province, data=ScenarioInput("도 전체"))
    suwon = scenario_create(
        actor=province, data=ScenarioInput("수원안", support_office_id=suwon_office.pk)
    )

    assert everywhere.support_office is None
    assert sorted(r["department"] for r in everywhere.result["recommendations"]) == [  # type: ignore[index]
        "미래자동차과",
        "소프트웨어과",
    ]
    assert suwon.support_office == suwon_office
    assert [r["department"] for r in suwon.result["recommendations"]] == ["소프트웨어과"]  # type: ignore[index]
    assert suwon.result["counts"]["demand_total"] == 120  # type: ignore[index]


def test_an_office_may_not_plan_for_another_office_and_nothing_is_saved(world: World) -> None:
    suwon_office = world.school_b.organisation.region.support_office

    with pytest.raises(PermissionDenied):
        scenario_create(
            actor=world.user("support_office_officer"),
            data=ScenarioInput("남의 안", support_office_id=suwon_office.pk),
        )

    assert not Scenario.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_unknown_office_is_named_and_nothing_is_saved(world: World) -> None:
    with pytest.raises(ValidationFailed) as raised:
        scenario_create(
            actor=world.user("province_officer"),
            data=ScenarioInput("없는 범위", support_office_id=999_999),
        )

    (problem,) = raised.value.problems
    assert (problem.field, problem.code) == ("support_office_id", "unknown_support_office")
    assert problem.message_en == "No such support office: 999999"
    assert not Scenario.objects.exists()
    assert not AuditEvent.objects.exists()


def test_running_an_office_scenario_again_keeps_its_scope_and_replaces_its_rows(
    world: World, demand: None, suwon_demand: None
) -> None:
    # Given the Siheung office's scenario
    scenario = scenario_create(
        actor=world.user("support_office_officer"), data=ScenarioInput("시흥안")
    )
    first_rows = list(scenario.recommendations.values_list("pk", flat=True))

    # When the province runs it again
    scenario_run(actor=world.user("province_officer"), scenario=scenario)

    # Then it still plans for 시흥 only, with new rows for the new plan
    rows = list(scenario.recommendations.values_list("pk", "department__name_ko"))
    assert [name for _, name in rows] == ["미래자동차과"]
    assert not set(first_rows) & {pk for pk, _ in rows}


def test_a_plan_that_fails_keeps_no_recommendation_rows(
    world: World, demand: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Given a solved scenario with its rows
    scenario = scenario_create(actor=world.user("province_officer"), data=ScenarioInput("기본안"))
    assert scenario.recommendations.count() == 2

    # When it is run again and the constraints now conflict
    def conflicting(problem: Any) -> Any:
        raise Infeasible("조건 충돌", "conflict", [])

    monkeypatch.setattr(scenario_services, "plan", conflicting)
    scenario_run(actor=world.user("province_officer"), scenario=scenario)

    # Then no stale recommendation is left for schools to read
    assert scenario.status == ScenarioStatus.INFEASIBLE
    assert scenario.recommendations.count() == 0

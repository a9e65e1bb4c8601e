"""Permission-matrix rows of the demand API."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.test import Client

from vocnet.demand.models import DemandDeclaration, Scenario, ScenarioRecommendation
from vocnet.testing import PERSONAS, World
from vocnet.testing.matrix import PROVINCE, SIGNED_IN, Row

DEMAND_FIGURES = frozenset(
    {"province_officer", "support_office_officer", "school_staff_a", "school_staff_b"}
)
# The gap is also read, for its own 시·군, by a city's officer (issue 18 §5).
GAP_FIGURES = DEMAND_FIGURES | {"local_government_officer"}
PLANNERS = frozenset({"province_officer", "support_office_officer"})
DECLARATIONS_VISIBLE = {
    "province_officer": {"declaration_a", "declaration_b", "declaration_city"},
    "support_office_officer": {"declaration_a", "declaration_b", "declaration_city"},
    "school_staff_a": {"declaration_a", "declaration_city"},
    "school_staff_b": {"declaration_b"},
    "company_staff": {"declaration_a"},
    "local_government_officer": {"declaration_a", "declaration_city"},
    "university_staff": set(),
    "student": set(),
    "guardian": set(),
}
SCENARIOS_VISIBLE = {
    persona: ({"scenario_province", "scenario_office"} if persona in PLANNERS else set())
    for persona in PERSONAS
    if persona != "anonymous"
}
ALL_RECOMMENDATIONS = {
    "recommendation_province_a",
    "recommendation_province_b",
    "recommendation_office_a",
}
RECOMMENDATIONS_VISIBLE = {
    "province_officer": ALL_RECOMMENDATIONS,
    "support_office_officer": ALL_RECOMMENDATIONS,
    "school_staff_a": {"recommendation_province_a", "recommendation_office_a"},
    "school_staff_b": {"recommendation_province_b"},
    "company_staff": set(),
    "local_government_officer": set(),
    "university_staff": set(),
    "student": set(),
    "guardian": set(),
}
DECLARATION_ID = "/api/demand/declarations/{declaration_id}"
SCENARIO_ID = "/api/demand/scenarios/{scenario_id}"


# Demand (vocnet.demand) ------------------------------------------------------------------------


def _demand(world: World) -> None:
    """Row hook: declarations of company A and the city of Siheung (region A) and of company B
    (region B), and a scenario each of the province and of the Siheung support office."""
    if "declaration_a" in world.objects:
        return
    from vocnet.demand.models import Scenario
    from vocnet.demand.tests.factories import CompanyDeclarationFactory, recommendation

    city = world.user("local_government_officer").memberships.get().organisation
    province = world.user("province_officer").memberships.get().organisation
    office = world.school_a.organisation.region.support_office
    empty = {"recommendations": [], "objective": {"total": 0}, "baseline": {"total": 0}}
    scenario_province = Scenario.objects.create(
        name="도 시나리오", organisation=province, result=empty
    )
    scenario_office = Scenario.objects.create(
        name="시흥 시나리오", organisation=office.organisation, support_office=office, result=empty
    )
    department_a, department_b = world.objects["department_a"], world.objects["department_b"]
    world.objects.update(
        {
            "declaration_a": CompanyDeclarationFactory(organisation=world.company_a.organisation),
            "declaration_b": CompanyDeclarationFactory(organisation=world.company_b.organisation),
            "declaration_city": CompanyDeclarationFactory(organisation=city),
            "city_a": city,
            "scenario_province": scenario_province,
            "scenario_office": scenario_office,
            "recommendation_province_a": recommendation(scenario_province, department_a),
            "recommendation_province_b": recommendation(scenario_province, department_b),
            "recommendation_office_a": recommendation(scenario_office, department_a),
        }
    )


def _demand_row(*args: Any, **kwargs: Any) -> Row:
    return Row(*args, prepare=_demand, **kwargs)


def _new_declaration(organisation_key: str) -> Callable[[World], dict[str, Any]]:
    def build(world: World) -> dict[str, Any]:
        from vocnet.demand.tests.factories import declared_year

        organisation = world.objects.get(organisation_key)
        if organisation is None:
            organisation = getattr(world, organisation_key).organisation
        return {
            "organisation_id": organisation.pk,
            "ncs_code": "1903",
            "occupation": "반도체 장비 유지보수원",
            "year": declared_year(2),
            "headcount": 4,
        }

    return build


def _declarations_file(company_key: str) -> Callable[[World], tuple[str, bytes]]:
    def build(world: World) -> tuple[str, bytes]:
        from vocnet.demand.tests.factories import declared_year
        from vocnet.registry.tests._excel_helpers import xlsx_bytes

        header = [
            "사업자등록번호 / business_number",
            "NCS 중분류 코드 / ncs_code",
            "직무 / occupation",
            "채용 연도 / year",
            "채용 인원 / headcount",
        ]
        company = getattr(world, company_key)
        row = [company.business_number, "1903", "반도체 장비 유지보수원", declared_year(2), 6]
        return "declarations.xlsx", xlsx_bytes(header, [row])

    return build


def _compare_scenarios(client: Client, world: World) -> Any:
    ids = [world.objects["scenario_province"].pk, world.objects["scenario_office"].pk]
    return client.get("/api/demand/scenarios/compare", {"ids": ids})


ROWS: list[Row] = [
    # Demand: the province and support offices see all; a school its region; a declarant its own.
    _demand_row(
        "GET",
        "/api/demand/declarations",
        None,
        SIGNED_IN,
        visible=DECLARATIONS_VISIBLE,
        list_model="demand_declaration",
    ),
    _demand_row(
        "POST",
        "/api/demand/declarations",
        "company_a",
        frozenset({"province_officer", "company_staff"}),
        _new_declaration("company_a"),
    ),
    _demand_row(
        "POST", "/api/demand/declarations", "company_b", PROVINCE, _new_declaration("company_b")
    ),
    _demand_row(
        "POST",
        "/api/demand/declarations",
        "city_a",
        frozenset({"province_officer", "local_government_officer"}),
        _new_declaration("city_a"),
    ),
    _demand_row(
        "GET",
        DECLARATION_ID,
        "declaration_a",
        frozenset(
            {
                "province_officer",
                "support_office_officer",
                "school_staff_a",
                "company_staff",
                "local_government_officer",
            }
        ),
    ),
    _demand_row(
        "GET",
        DECLARATION_ID,
        "declaration_b",
        frozenset({"province_officer", "support_office_officer", "school_staff_b"}),
    ),
    _demand_row(
        "GET",
        DECLARATION_ID,
        "declaration_city",
        frozenset(
            {
                "province_officer",
                "support_office_officer",
                "school_staff_a",
                "local_government_officer",
            }
        ),
    ),
    _demand_row(
        "PATCH",
        DECLARATION_ID,
        "declaration_a",
        frozenset({"province_officer", "company_staff"}),
        lambda w: {"headcount": 7},
    ),
    _demand_row("PATCH", DECLARATION_ID, "declaration_b", PROVINCE, lambda w: {"headcount": 7}),
    _demand_row(
        "DELETE", DECLARATION_ID, "declaration_a", frozenset({"province_officer", "company_staff"})
    ),
    _demand_row("DELETE", DECLARATION_ID, "declaration_b", PROVINCE),
    _demand_row("GET", "/api/demand/gap", None, GAP_FIGURES),
    _demand_row("GET", "/api/demand/gap/drilldown", None, GAP_FIGURES),
    _demand_row("GET", "/api/demand/exports/gap.xlsx", None, GAP_FIGURES),
    _demand_row("GET", "/api/demand/exports/declarations.xlsx", None, SIGNED_IN),
    _demand_row("GET", "/api/demand/imports/templates/declarations.xlsx", None, SIGNED_IN),
    _demand_row(
        "POST",
        "/api/demand/imports/declarations",
        "company_a",
        frozenset({"province_officer", "company_staff"}),
        upload=_declarations_file("company_a"),
    ),
    _demand_row(
        "GET",
        "/api/demand/scenarios",
        None,
        SIGNED_IN,
        visible=SCENARIOS_VISIBLE,
        list_model="scenario",
    ),
    _demand_row("POST", "/api/demand/scenarios", None, PLANNERS, lambda w: {"name": "새 시나리오"}),
    _demand_row("GET", "/api/demand/scenarios/compare", None, PLANNERS, send=_compare_scenarios),
    _demand_row("GET", SCENARIO_ID, "scenario_province", PLANNERS),
    _demand_row("PATCH", SCENARIO_ID, "scenario_province", PROVINCE, lambda w: {"name": "고친 안"}),
    _demand_row("PATCH", SCENARIO_ID, "scenario_office", PLANNERS, lambda w: {"name": "고친 안"}),
    _demand_row("POST", SCENARIO_ID + "/run", "scenario_province", PROVINCE),
    _demand_row("POST", SCENARIO_ID + "/run", "scenario_office", PLANNERS),
    _demand_row("DELETE", SCENARIO_ID, "scenario_office", PLANNERS),
    # A school reads its own departments' recommendations; planners read every one.
    _demand_row(
        "GET",
        "/api/demand/recommendations",
        None,
        SIGNED_IN,
        visible=RECOMMENDATIONS_VISIBLE,
        list_model="scenario_recommendation",
    ),
]

COUNTED = (DemandDeclaration, Scenario, ScenarioRecommendation)


# 학과 개편 신청 ---------------------------------------------------------------------------


def _proposals(world: World) -> None:
    """Row hook: a submitted proposal of school A (region A, the office persona's area), a
    forwarded one of school A for a later year, and a submitted one of school B."""
    from vocnet.demand.models import ProposalStatus, RestructuringProposal

    def make(school: Any, year: int, status: str) -> RestructuringProposal:
        department = school.departments.first()
        return RestructuringProposal.objects.create(
            school=school,
            department=department,
            kind="grow",
            current_intake=department.intake_capacity,
            proposed_intake=department.intake_capacity + 2,
            start_year=year,
            reason="지역 수요가 늘어 증원을 신청합니다.",
            status=status,
        )

    world.objects["proposal_a"] = make(world.school_a, 2030, ProposalStatus.SUBMITTED)
    world.objects["proposal_a_forwarded"] = make(world.school_a, 2031, ProposalStatus.FORWARDED)
    world.objects["proposal_b"] = make(world.school_b, 2030, ProposalStatus.SUBMITTED)


PROPOSAL_ID = "/api/demand/proposals/{proposal_id}"
PROPOSALS_VISIBLE = {persona: set[str]() for persona in PERSONAS if persona != "anonymous"} | {
    "province_officer": {"proposal_a", "proposal_a_forwarded", "proposal_b"},
    "support_office_officer": {"proposal_a", "proposal_a_forwarded"},
    "school_staff_a": {"proposal_a", "proposal_a_forwarded"},
    "school_staff_b": {"proposal_b"},
}


def _new_proposal(world: World) -> dict[str, Any]:
    from django.utils import timezone

    from vocnet.demand.supply import current_school_year

    department = world.school_a.departments.first()
    return {
        "school_id": world.school_a.pk,
        "kind": "grow",
        "department_id": department.pk,
        "proposed_intake": department.intake_capacity + 2,
        "start_year": current_school_year(timezone.localdate()) + 1,
        "reason": "지역 수요가 늘어 증원을 신청합니다.",
    }


def _proposal_api_row(*args: Any, **kwargs: Any) -> Row:
    return Row(*args, prepare=_proposals, **kwargs)


ROWS += [
    _proposal_api_row(
        "GET",
        "/api/demand/proposals",
        None,
        SIGNED_IN,
        visible=PROPOSALS_VISIBLE,
        list_model="demand_restructuringproposal",
    ),
    _proposal_api_row(
        "POST", "/api/demand/proposals", "school_a", frozenset({"school_staff_a"}), _new_proposal
    ),
    _proposal_api_row(
        "GET",
        PROPOSAL_ID,
        "proposal_a",
        frozenset({"province_officer", "support_office_officer", "school_staff_a"}),
    ),
    _proposal_api_row(
        "POST",
        PROPOSAL_ID + "/forward",
        "proposal_a",
        frozenset({"support_office_officer"}),
        lambda w: {"note": ""},
    ),
    _proposal_api_row(
        "POST",
        PROPOSAL_ID + "/return",
        "proposal_a",
        frozenset({"support_office_officer"}),
        lambda w: {"note": "근거를 보완하세요."},
    ),
    _proposal_api_row(
        "POST",
        PROPOSAL_ID + "/decide",
        "proposal_a_forwarded",
        PROVINCE,
        lambda w: {"approve": False, "reason": "수요 근거가 부족합니다."},
    ),
    _proposal_api_row(
        "POST", PROPOSAL_ID + "/withdraw", "proposal_a", frozenset({"school_staff_a"})
    ),
]

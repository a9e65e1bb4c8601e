"""The demand pages: the gap page with its tile map, chart data and table; declaring through
the form; planning, reading and comparing scenarios; in Korean and, with the cookie, English."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from vocnet.demand.models import DemandDeclaration, Scenario
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.registry.models import NcsMiddle
from vocnet.testing import World, sign_in

pytestmark = pytest.mark.django_db
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>")


def _client(world: World, persona: str, language: str | None = None) -> Client:
    client = Client()
    sign_in(client, world.user(persona))
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def demand(world: World) -> None:
    for ahead in (1, 2, 3):
        CompanyDeclarationFactory(
            organisation=world.company_a.organisation,
            ncs_middle=NcsMiddle.objects.get(code="1501"),
            headcount=30,
            year=declared_year(ahead),
        )


def test_the_gap_page_draws_the_tile_map_chart_and_table_without_inline_scripts(
    world: World, demand: None
) -> None:
    html = _client(world, "province_officer").get("/demand/").content.decode()

    # 시흥 (column 1, row 4 of TILE_GRID) is the darkest shortage tile
    assert 'class="vn-tile vn-shade-5 vn-col-2 vn-row-5"' in html
    assert 'class="vn-tilemap"' in html
    assert 'data-chart="bar" data-chart-source="gap-chart"' in html
    assert '<script id="gap-chart" type="application/json">' in html
    assert all(
        "src=" in m["attrs"] or 'type="application/json"' in m["attrs"]
        for m in SCRIPT.finditer(html)
    )
    assert "/api/demand/exports/gap.xlsx" in html
    assert f"/demand/drilldown/?year={declared_year(1)}&amp;region=41390&amp;ncs=1501" in html


def test_the_drilldown_page_names_the_company_and_the_department(
    world: World, demand: None
) -> None:
    html = (
        _client(world, "school_staff_a")
        .get(f"/demand/drilldown/?year={declared_year(1)}&region=41390&ncs=1501")
        .content.decode()
    )

    assert world.company_a.organisation.name_ko in html
    assert "미래자동차과 (1501)" in html


def test_a_company_sees_no_figures_but_its_own_declarations(world: World, demand: None) -> None:
    client = _client(world, "company_staff")

    assert client.get("/demand/").status_code == 403
    listing = client.get("/demand/declarations/").content.decode()
    assert "자동차 부품 생산원" in listing
    assert "고치기" in listing


def test_the_prefixed_row_links_are_the_addresses_reverse_gives(
    world: World, planned: Scenario
) -> None:
    # The declaration and recommendation lists write these links from one prefix each.
    from django.urls import reverse

    from vocnet.demand.models import DemandDeclaration

    declaration = DemandDeclaration.objects.filter(
        organisation=world.company_a.organisation
    ).first()
    assert declaration is not None
    listing = _client(world, "company_staff").get("/demand/declarations/").content.decode()
    recommendations = (
        _client(world, "province_officer").get("/demand/recommendations/").content.decode()
    )

    for name in ("demand:declaration_edit", "demand:declaration_delete"):
        assert f'"{reverse(name, args=[declaration.pk])}"' in listing
    assert f'"{reverse("demand:scenario", args=[planned.pk])}"' in recommendations


def test_a_company_declares_through_the_form_and_a_bad_year_comes_back_on_the_field(
    world: World,
) -> None:
    client = _client(world, "company_staff")
    form = {
        "organisation": world.company_a.organisation.pk,
        "ncs_code": "1506",
        "occupation": "자동차 정비원",
        "region_code": "",
        "year": declared_year(2),
        "headcount": 5,
        "certificates": "자동차정비기능사; 전기기능사",
        "note": "",
    }

    response = client.post("/demand/declarations/new/", form)

    assert response.status_code == 302
    declaration = DemandDeclaration.objects.get()
    assert declaration.certificates == ["자동차정비기능사", "전기기능사"]
    again = client.post("/demand/declarations/new/", form).content.decode()
    assert "같은 기관·분야·직무·시·군·연도의 수요가 이미 있습니다" in again
    assert DemandDeclaration.objects.count() == 1


def test_planning_through_the_form_shows_each_recommendation_with_its_sentence(
    world: World, demand: None
) -> None:
    client = _client(world, "province_officer")
    form = {
        "name": "기본안",
        "description": "",
        "total_change_percent": 10,
        "department_min_percent": 50,
        "department_max_percent": 150,
        "unmet_weight": 1,
        "surplus_weight": 0.5,
        "conversion_cost_same_major": 10,
        "conversion_cost_other_major": 30,
        "conversion_cost_weight": 0.02,
        "change_weight": 0.05,
        "labour_market_share": 0.495,
        "teacher_headroom_percent": 25,
        "department_change_percent": 20,
        "max_changed_departments": 2,
        "related_conversions_only": "on",
    }

    response = client.post("/demand/scenarios/new/", form)

    scenario = Scenario.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/demand/scenarios/{scenario.pk}/"
    korean = client.get(f"/demand/scenarios/{scenario.pk}/").content.decode()
    assert "입학 정원을 48명에서 52명으로 4명 늘립니다" in korean
    english = (
        _client(world, "province_officer", "en")
        .get(f"/demand/scenarios/{scenario.pk}/")
        .content.decode()
    )
    assert "raise the intake from 48 to 52 (+4)" in english
    assert '<html lang="en">' in english


def test_two_scenarios_side_by_side_show_where_they_differ(world: World, demand: None) -> None:
    # Given two province-wide scenarios, one of them freezing every school's intake
    client = _client(world, "province_officer")
    for name, change in (("기본안", 10), ("동결안", 0)):
        client.post(
            "/demand/scenarios/new/",
            {
                "name": name,
                "total_change_percent": change,
                "department_min_percent": 50,
                "department_max_percent": 150,
                "unmet_weight": 1,
                "surplus_weight": 0.5,
                "conversion_cost_same_major": 10,
                "conversion_cost_other_major": 30,
                "conversion_cost_weight": 0.02,
                "change_weight": 0.05,
                "labour_market_share": 0.495,
                "teacher_headroom_percent": 25,
                "department_change_percent": 20,
                "max_changed_departments": 2,
                "related_conversions_only": "on",
            },
        )
    first, second = Scenario.objects.order_by("pk").values_list("pk", flat=True)

    # When they are compared
    html = client.get(f"/demand/scenarios/compare/?ids={first}&ids={second}").content.decode()

    # Then both departments differ, each with its sentence
    assert "권고가 다른 학과 2개" in html
    assert "입학 정원을 48명에서 52명으로 4명 늘립니다" in html
    assert "현재 정원 48명을 유지합니다" in html


def test_school_staff_may_not_open_the_scenario_form(world: World) -> None:
    assert _client(world, "school_staff_a").get("/demand/scenarios/new/").status_code == 403


@pytest.fixture
def past(world: World) -> None:
    """2025 graduates: 미래자동차과 (시흥) 3 employed in 1501, 5 to university, 1 unknown;
    소프트웨어과 (수원) 6 to university."""
    from vocnet.pathways.tests.factories import graduates

    graduates(world.objects["department_a"], 2025, employed=3, university=5, unknown=1)
    graduates(world.objects["department_b"], 2025, university=6)


def test_the_gap_page_shows_past_destinations_beside_the_supply_by_field(
    world: World, demand: None, past: None, django_assert_max_num_queries: Any
) -> None:
    client = _client(world, "province_officer")
    client.get("/demand/")

    # When the province opens the gap page
    with django_assert_max_num_queries(20):
        html = client.get("/demand/").content.decode()

    # Then 1501's last class is counted (both departments teach 1501): 15 graduates,
    # 3 employed in the field, 11 to university, 1 unknown; 3 of 14 known did not study
    assert "분야별 과거 졸업생 진로" in html
    assert "2025년 졸업생이 졸업 후 간 곳입니다" in html
    cells = re.sub(r"\s+", " ", html)
    assert (
        '<td class="num">15</td> <td class="num">3</td> <td class="num">0</td> '
        '<td class="num">11</td> <td class="num">0</td> <td class="num">0</td> '
        '<td class="num">1</td> <td class="num">21%</td>'
    ) in cells


def test_school_staff_see_only_their_own_graduates_destinations(
    world: World, demand: None, past: None
) -> None:
    html = (
        _client(world, "school_staff_b")
        .get(f"/demand/drilldown/?year={declared_year(1)}&region=41110&ncs=1501")
        .content.decode()
    )

    assert "과거 졸업생 진로(2025년 졸업)" in html
    assert "6명: 취업 0(전공 일치 0) · 진학 6 · 입대 0 · 기타 0 · 확인 안 됨 0" in html


def test_the_drilldown_shows_each_departments_past_destinations(
    world: World, demand: None, past: None
) -> None:
    html = (
        _client(world, "support_office_officer")
        .get(f"/demand/drilldown/?year={declared_year(1)}&ncs=1501")
        .content.decode()
    )

    # The Siheung office sees its school's graduates; 수원's department shows a dash
    assert "9명: 취업 3(전공 일치 3) · 진학 5 · 입대 0 · 기타 0 · 확인 안 됨 1" in html
    assert "이 학과들의 과거 졸업생 진로" in html
    assert "소프트웨어과 (1501)" in html


def test_without_recorded_destinations_the_drilldown_says_the_average_stands_in(
    world: World, demand: None
) -> None:
    html = (
        _client(world, "province_officer")
        .get(f"/demand/drilldown/?year={declared_year(1)}&region=41390&ncs=1501")
        .content.decode()
    )

    assert "경기도 평균 진학률로 취업 희망자를 어림합니다" in html


@pytest.fixture
def planned(world: World, demand: None) -> Scenario:
    from vocnet.demand.services import ScenarioInput, scenario_create

    return scenario_create(actor=world.user("province_officer"), data=ScenarioInput("기본안"))


def test_a_school_reads_its_own_departments_recommendation_with_its_sentence(
    world: World, planned: Scenario, django_assert_max_num_queries: Any
) -> None:
    client = _client(world, "school_staff_a")
    client.get("/demand/recommendations/")

    with django_assert_max_num_queries(12):
        html = client.get("/demand/recommendations/").content.decode()

    assert "우리 학교 학과별 권고" in html
    assert "입학 정원을 48명에서 52명으로 4명 늘립니다" in html
    assert "소프트웨어과" not in html
    english = _client(world, "school_staff_a", "en").get("/demand/recommendations/")
    assert "raise the intake from 48 to 52 (+4)" in english.content.decode()


def test_the_scenarios_page_sends_a_school_to_its_recommendations(
    world: World, planned: Scenario
) -> None:
    html = _client(world, "school_staff_b").get("/demand/scenarios/").content.decode()

    assert 'href="/demand/recommendations/"' in html
    assert "기본안" not in html


def test_the_province_filters_recommendations_by_school(world: World, planned: Scenario) -> None:
    html = (
        _client(world, "province_officer")
        .get(f"/demand/recommendations/?school={world.school_b.pk}&action=changed")
        .content.decode()
    )

    assert "소프트웨어과" in html
    assert "미래자동차과" not in html


def test_a_company_may_not_open_the_recommendations(world: World) -> None:
    assert _client(world, "company_staff").get("/demand/recommendations/").status_code == 403


def test_the_province_chooses_the_scope_and_an_office_is_told_its_own(world: World) -> None:
    province = _client(world, "province_officer").get("/demand/scenarios/new/").content.decode()
    office = _client(world, "support_office_officer").get("/demand/scenarios/new/")

    assert 'name="support_office"' in province
    assert "경기도 전체(모든 학교)" in province
    assert 'name="support_office"' not in office.content.decode()
    assert "관할 시·군의 학교와 수요만으로 계획합니다" in office.content.decode()


def test_the_recommendations_page_leaves_the_scenarios_plans_unread(
    world: World, planned: Scenario
) -> None:
    # Given a saved scenario (its plan is a large JSON document) with recommendations
    client = _client(world, "province_officer")
    client.get("/demand/recommendations/")

    # When the province lists the recommendations
    with CaptureQueriesContext(connection) as seen:
        assert client.get("/demand/recommendations/").status_code == 200

    # Then no query reads the plan, the parameters, the summary or the problems again per row
    # (they cost ~100 ms a page on the demo: ADR 0020)
    listing = [
        q["sql"] for q in seen.captured_queries if "demand_scenariorecommendation" in q["sql"]
    ]
    assert listing
    assert not any('"demand_scenario"."result"' in sql for sql in listing)
    assert not any('"demand_scenario"."parameters"' in sql for sql in listing)

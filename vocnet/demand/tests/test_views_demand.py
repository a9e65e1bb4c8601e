"""The demand pages: the gap page with its tile map, chart data and table; declaring through
the form; planning, reading and comparing scenarios; in Korean and, with the cookie, English."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from vocnet.core.testing import World, sign_in
from vocnet.demand.models import DemandDeclaration, Scenario
from vocnet.demand.tests.factories import CompanyDeclarationFactory, declared_year
from vocnet.registry.models import NcsMiddle

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
    assert "자동차 부품 생산원" in listing and "고치기" in listing


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
    }

    response = client.post("/demand/scenarios/new/", form)

    scenario = Scenario.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/demand/scenarios/{scenario.pk}/"
    )
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
    client = _client(world, "support_office_officer")
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
            },
        )
    first, second = Scenario.objects.order_by("pk").values_list("pk", flat=True)

    html = client.get(f"/demand/scenarios/compare/?ids={first}&ids={second}").content.decode()

    assert "권고가 다른 학과 2개" in html
    assert "입학 정원을 48명에서 52명으로 4명 늘립니다" in html
    assert "현재 정원 48명을 유지합니다" in html


def test_school_staff_may_not_open_the_scenario_form(world: World) -> None:
    assert _client(world, "school_staff_a").get("/demand/scenarios/new/").status_code == 403
